using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shenbao.Data.Insight;
using Shenbao.Domain.Audit;
using Shenbao.Web.Insight;

namespace Shenbao.Tests.Web.Insight;

/// <summary>
/// 参数模拟: an officer changes a parameter of the call's guide and sees the call's real applications (their frozen
/// submissions) counted before and after, with each one that flips and the rule that flipped it, exported and audited;
/// a wrong parameter runs nothing; a long run shows its progress; nobody but the bureau gets in.
/// </summary>
public sealed class WhatIfPageTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private const string IurApplication = "HENGYANG-2025-00003";   // the demo's 产学研合作, paid 30% of its contract

    private static async Task<Browser.Page> RunAsync(Browser officer, IReadOnlyDictionary<string, string> values)
    {
        var posted = await officer.SubmitAsync(await officer.GetAsync("/Bureau/WhatIf"), values, "#whatif-form");
        if (posted.Status != HttpStatusCode.Redirect) return posted;
        var page = await officer.GetAsync(posted.Location!);
        for (var i = 0; i < 50 && page.Document.GetElementById("whatif-progress") is not null; i++)
        {
            await Task.Delay(100);
            page = await officer.GetAsync(posted.Location!);
        }
        return page;
    }

    private static int[] Counts(Browser.Page page, string category) =>
        page.Document.QuerySelector($"#whatif-counts tr[data-category='{category}']")!.QuerySelectorAll("td").Select(td => int.Parse(td.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public async Task A_higher_payment_share_flips_the_IUR_application_and_names_the_rule_while_nothing_stored_changes()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        using var db = app.Db();
        var verdictBefore = db.Applications.AsNoTracking().Single(a => a.Number == IurApplication).Verdict;

        var page = await RunAsync(officer, new Dictionary<string, string> { ["paths"] = "iur-cooperation.iur-payment.minimum", ["values"] = "0.5" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("iur-cooperation.iur-payment.minimum：0.2 → 0.5", page.Document.GetElementById("changed-parameters")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([1, 0, 0, 0, 0, 1], Counts(page, "iur-cooperation"));
        var keyRd = Counts(page, "key-rd");
        Assert.Equal(keyRd[..3], keyRd[3..]);   // a category the change does not touch keeps its counts
        var row = Assert.Single(page.Document.QuerySelectorAll("#whatif-changes tbody tr"));
        Assert.Equal(IurApplication, row.GetAttribute("data-number"));
        Assert.Contains("符合", row.Children[4].TextContent, StringComparison.Ordinal);
        Assert.Equal("不符合", row.Children[5].TextContent);
        Assert.Equal("合同支付比例（iur-payment）", row.Children[6].TextContent);
        // the form shows again what was tried
        Assert.Equal("0.5", page.Document.QuerySelector("#value-0")!.GetAttribute("value"));
        Assert.Equal(verdictBefore, app.Db().Applications.AsNoTracking().Single(a => a.Number == IurApplication).Verdict);
    }

    [Fact]
    public async Task The_changed_applications_export_to_Excel_row_for_row_and_the_export_is_audited()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var page = await RunAsync(officer, new Dictionary<string, string> { ["more"] = "iur-cooperation.iur-payment.minimum=0.5\nkey-rd.keyrd-applicant.2.values=research-institute,hospital" });
        var shown = page.Document.QuerySelectorAll("#whatif-changes tbody tr").Select(r => r.GetAttribute("data-number")).ToList();
        Assert.True(shown.Count > 1, "leaving universities out should flip the 重点研发 applications of 衡阳师范学院 too");

        var response = await officer.Client.GetAsync(new Uri(page.Document.GetElementById("whatif-export")!.GetAttribute("href")!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = ExpertSheets.Read(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(CallWhatIf.ChangeColumns.Select(c => c.Header), rows[0].Keys);
        Assert.Equal(shown, rows.Select(r => (string?)r["申报编号"]).ToList());
        Assert.Contains(rows, r => (string?)r["结论改变的规则"] == "申报单位类型（keyrd-applicant）");
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.Export && r.Details!.StartsWith($"参数模拟结论改变的申报 {rows.Count} 行", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("iur-cooperation.iur-payment.minimum", "五成", "“minimum”应为数字，实际为“五成”")]
    [InlineData("iur-cooperation.iur-payment.minimum", "", "请填写“iur-cooperation.iur-payment.minimum”的新值")]
    [InlineData("iur-cooperation.no-such-rule.minimum", "1", "没有对应的参数")]
    public async Task A_wrong_parameter_is_named_and_nothing_runs(string path, string value, string message)
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        var page = await officer.SubmitAsync(await officer.GetAsync("/Bureau/WhatIf"), new Dictionary<string, string> { ["paths"] = path, ["values"] = value }, "#whatif-form");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.Document.GetElementById("whatif-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.GetElementById("whatif-result"));
    }

    [Fact]
    public async Task A_run_that_takes_time_shows_its_progress_until_htmx_is_sent_to_the_result()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        using var db = app.Db();
        var call = db.Calls.AsNoTracking().Single();
        var jobs = app.Services.GetRequiredService<WhatIfJobs>();
        var release = new TaskCompletionSource();
        var guide = app.Services.GetRequiredService<Shenbao.Web.Guides.GuideCatalog>().Find(call.GuideId)!;
        var job = jobs.Start(call.Id, call.Title, ["iur-cooperation.iur-payment.minimum=0.5"], "测试", async (database, progress, ct) =>
        {
            progress.Report(new WhatIfProgress(WhatIfData.Judging, 40_000, 100_000));
            await release.Task;
            var (changed, _) = Shenbao.Domain.Guides.GuideLoader.Change(guide, ["iur-cooperation.iur-payment.minimum=0.5"]);
            return await CallWhatIf.RunAsync(database, call.Id, guide, changed!, progress, ct);
        });
        for (var i = 0; i < 50 && job.Progress.Done == 0; i++) await Task.Delay(20);
        // one run at a time: the same question joins the run under way, another waits its turn
        Assert.Same(job, jobs.Start(call.Id, call.Title, ["iur-cooperation.iur-payment.minimum=0.5"], "测试", (_, _, _) => throw new InvalidOperationException("not run")));
        var next = jobs.Start(call.Id, call.Title, ["iur-cooperation.iur-payment.minimum=0.6"], "测试", (database, progress, ct) =>
            CallWhatIf.RunAsync(database, call.Id, guide, Shenbao.Domain.Guides.GuideLoader.Change(guide, ["iur-cooperation.iur-payment.minimum=0.6"]).Changed!, progress, ct));
        for (var i = 0; i < 50 && next.Progress.Stage != WhatIfJobs.Waiting; i++) await Task.Delay(20);
        Assert.Contains(WhatIfJobs.Waiting, (await officer.GetAsync($"/Bureau/WhatIf?call={call.Id}&job={next.Id}")).Document.GetElementById("whatif-stage")!.TextContent, StringComparison.Ordinal);

        var running = await officer.GetAsync($"/Bureau/WhatIf?call={call.Id}&job={job.Id}");
        var bar = running.Document.QuerySelector("#whatif-progress [role=progressbar]")!;
        Assert.Equal("40", bar.GetAttribute("aria-valuenow"));
        Assert.Contains("40,000 / 100,000", running.Document.GetElementById("whatif-stage")!.TextContent, StringComparison.Ordinal);
        var poll = running.Document.GetElementById("whatif-progress")!.GetAttribute("hx-get")!;
        Assert.NotNull((await officer.GetAsync(poll)).Document.GetElementById("whatif-progress"));

        release.SetResult();
        await job.Running;
        await next.Running;
        Assert.NotNull(next.Report);
        var done = await officer.Client.GetAsync(new Uri(poll, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        Assert.Equal($"/Bureau/WhatIf?call={call.Id}&job={job.Id}", done.Headers.GetValues("HX-Redirect").Single());
        Assert.NotNull((await officer.GetAsync($"/Bureau/WhatIf?call={call.Id}&job={job.Id}")).Document.GetElementById("whatif-counts"));
    }

    [Fact]
    public async Task An_unknown_or_expired_run_says_so_and_its_export_is_not_found()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var missing = Guid.NewGuid();

        Assert.Contains("已过期", (await officer.GetAsync($"/Bureau/WhatIf?job={missing}")).Document.GetElementById("whatif-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Bureau/WhatIf?handler=Export&job={missing}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Bureau/WhatIf?handler=Progress&job={missing}")).Status);
    }

    [Theory]
    [InlineData("zhuhui-recommender")]
    [InlineData("zhiheng-admin")]
    [InlineData("expert-zhang")]
    [InlineData("auditadmin")]
    public async Task Only_the_bureau_runs_a_what_if(string userName)
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var form = await officer.GetAsync("/Bureau/WhatIf");
        var other = await Browser.For(app).SignInAsync(userName);

        var page = await other.GetAsync("/Bureau/WhatIf");
        var posted = await other.PostAsync("/Bureau/WhatIf", [new("paths", "iur-cooperation.iur-payment.minimum"), new("values", "0.5"), new("__RequestVerificationToken", Browser.Token(form))]);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Account/Denied", page.Location, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, posted.Status);
        Assert.DoesNotContain("/Bureau/WhatIf?", posted.Location ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        var posted = await officer.PostAsync("/Bureau/WhatIf", [new("paths", "iur-cooperation.iur-payment.minimum"), new("values", "0.5")]);

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
    }
}
