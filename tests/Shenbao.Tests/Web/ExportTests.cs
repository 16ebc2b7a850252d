using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web;

/// <summary>
/// Excel out of the officials' lists: exactly the rows of the filter (every page), Chinese headers with set widths,
/// formula-like text neutralised, audited, and nobody else's list.
/// </summary>
public sealed class ExportTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private int CallId
    {
        get
        {
            using var db = app.Db();
            return db.Calls.Single().Id;
        }
    }

    private static async Task<byte[]> XlsxAsync(Browser browser, string url)
    {
        var response = await browser.Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Shenbao.Data.Exports.ExcelSheet.ContentType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("&category=key-rd")]
    [InlineData("&status=returned")]
    [InlineData("&district=珠晖区&verdict=eligible")]
    [InlineData("&q=中医药")]
    public async Task The_formal_review_export_holds_exactly_the_rows_of_the_filter(string filter)
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var page = await officer.GetAsync($"/Bureau/Applications?call={CallId}{filter}");
        var listed = int.Parse(page.Document.GetElementById("total")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);

        var rows = ExpertSheets.Read(await XlsxAsync(officer, page.Document.GetElementById("export-applications")!.GetAttribute("href")!));

        Assert.Equal(listed, rows.Count);
        var shown = page.Document.QuerySelectorAll("#batch-form tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        Assert.All(shown, number => Assert.Contains(rows, r => number.Contains((string)r["申报编号"]!, StringComparison.Ordinal)));
        using var db = app.Db();
        var expected = Shenbao.Data.ReviewList.Of(db.Applications, CallId, Filter(filter)).Select(a => a.Number).OrderBy(n => n).ToList();
        Assert.Equal(expected, rows.Select(r => (string)r["申报编号"]!).ToList());
    }

    private static Shenbao.Data.ReviewFilter Filter(string query)
    {
        var parts = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        return new(parts.GetValueOrDefault("category"), null, parts.GetValueOrDefault("district"),
            parts.GetValueOrDefault("status") is { } s ? Workflow.FromId(s) : null, parts.GetValueOrDefault("verdict"), null, parts.GetValueOrDefault("q"));
    }

    [Fact]
    public async Task The_export_has_Chinese_headers_set_widths_a_frozen_header_and_the_latest_decision_without_internal_notes()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        var xlsx = await XlsxAsync(officer, $"/Bureau/Applications?handler=Export&call={CallId}&status=returned");
        var row = Assert.Single(ExpertSheets.Read(xlsx));

        Assert.Equal(Shenbao.Data.Exports.ApplicationSheets.ApplicationColumns.Select(c => c.Header), row.Keys);
        Assert.Equal("退回修改", row["状态"]);
        using var db = app.Db();
        var returned = db.Applications.AsNoTracking().Include(a => a.Events).Single(a => a.Number == (string)row["申报编号"]!);
        var latest = returned.Events.OrderBy(e => e.Id).Last();
        Assert.Equal(latest.Reason, row["理由"]);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = await sheet.ReadToEndAsync();
        Assert.Contains("state=\"frozen\"", xml, StringComparison.Ordinal);
        Assert.Contains("customWidth=\"1\"", xml, StringComparison.Ordinal);
        if (latest.InternalNote is { } note) Assert.DoesNotContain(note, xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_checks_export_has_one_row_per_rule_of_each_submission_as_frozen()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        var rows = ExpertSheets.Read(await XlsxAsync(officer, $"/Bureau/Applications?handler=Export&sheet=checks&call={CallId}&category=iur-cooperation"));

        using var db = app.Db();
        var ids = Shenbao.Data.ReviewList.Of(db.Applications, CallId, new(Category: "iur-cooperation")).Select(a => a.Id).ToList();
        var frozen = db.Snapshots.AsNoTracking().Where(s => ids.Contains(s.ApplicationId)).AsEnumerable()
            .GroupBy(s => s.ApplicationId).Select(g => g.OrderBy(s => s.Id).Last()).ToList();
        Assert.Equal(frozen.Sum(s => s.ToSnapshot().RuleResults.Count), rows.Count);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains((string)r["结果"]!, new[] { "符合", "不符合", "须说明理由", "人工判断", "待补充" }));
        Assert.Contains(rows, r => (string)r["条件"]! == "合同支付比例" && ((string)r["说明"]!).Contains("不低于20%", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Text_that_Excel_would_run_as_a_formula_is_written_as_text_and_the_export_is_audited()
    {
        using (var db = app.Db())
        {
            var application = db.Applications.Single(a => a.Number == "HENGYANG-2025-00012");
            application.Title = "=HYPERLINK(\"http://evil.example\",\"点击\")";
            await db.SaveChangesAsync();
        }
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        var rows = ExpertSheets.Read(await XlsxAsync(officer, $"/Bureau/Applications?handler=Export&call={CallId}&q=HENGYANG-2025-00012"));

        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"点击\")", Assert.Single(rows)["项目名称"]);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.Export && r.Details == "形式审查列表 1 行");
    }

    [Fact]
    public async Task A_recommender_exports_its_own_district_only()
    {
        var recommender = await Browser.For(app).SignInAsync("zhuhui-recommender");
        var page = await recommender.GetAsync($"/Recommender/Applications?call={CallId}");

        var rows = ExpertSheets.Read(await XlsxAsync(recommender, page.Document.GetElementById("export-applications")!.GetAttribute("href")!));

        using var db = app.Db();
        Assert.Equal(db.Applications.Count(a => a.District == "珠晖区" && a.SubmittedAt != null && a.Status != ApplicationStatus.Draft), rows.Count);
        Assert.All(rows, r => Assert.Equal("珠晖区", r["县市区/园区"]));
        var other = await Browser.For(app).SignInAsync("gaoxin-recommender");
        var theirs = ExpertSheets.Read(await XlsxAsync(other, $"/Recommender/Applications?handler=Export&call={CallId}"));
        Assert.All(theirs, r => Assert.Equal("衡阳高新技术产业开发区", r["县市区/园区"]));
        Assert.DoesNotContain(theirs, r => rows.Any(mine => mine["申报编号"]!.Equals(r["申报编号"])));
    }

    [Fact]
    public async Task The_objections_export_reads_back_with_the_answer()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        var rows = ExpertSheets.Read(await XlsxAsync(officer, $"/Bureau/Decision?handler=Objections&call={CallId}"));

        using var db = app.Db();
        Assert.Equal(db.Objections.Count(o => o.Application.CallId == CallId), rows.Count);
        var first = db.Objections.AsNoTracking().Include(o => o.Application).OrderBy(o => o.Id).First();
        Assert.Equal(first.Application.Number, rows[0]["申报编号"]);
        Assert.Equal(first.Text, rows[0]["异议内容"]);
        Assert.Equal(first.Answer, rows[0]["答复"]);
    }

    [Theory]
    [InlineData("zhuhui-recommender", "/Bureau/Applications?handler=Export&call={0}")]
    [InlineData("hynu-admin", "/Bureau/Applications?handler=Export&call={0}")]
    [InlineData("expert-zhang", "/Bureau/Decision?handler=Objections&call={0}")]
    [InlineData("bureau-officer", "/Recommender/Applications?handler=Export&call={0}")]
    [InlineData("hynu-admin", "/Recommender/Applications?handler=Export&call={0}")]
    public async Task Nobody_else_exports_a_list(string userName, string url)
    {
        var browser = await Browser.For(app).SignInAsync(userName);

        var response = await browser.Client.GetAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, CallId), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/Denied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_call_or_status_is_refused_without_a_file()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        Assert.Equal(HttpStatusCode.NotFound, (await officer.Client.GetAsync(new Uri("/Bureau/Applications?handler=Export&call=999", UriKind.Relative))).StatusCode);
        var badStatus = await officer.Client.GetAsync(new Uri($"/Bureau/Applications?handler=Export&call={CallId}&status=nonsense", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Contains("状态“nonsense”不存在", await badStatus.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
