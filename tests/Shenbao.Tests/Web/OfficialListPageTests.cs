using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web;

/// <summary>
/// 官方名单: imported from Excel (nothing when any row is wrong, each good import the next version, audited), and the
/// applicants' claims checked against the current version in formal review and on the 申报书 PDF.
/// </summary>
public sealed class OfficialListPageTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private const string CertificateNo = "GR202443000321";       // the demo's 衡阳智衡计量科技有限公司, in its profile
    private const string CreditCode = "91430408MA7B2C3D4Y";
    private const string Submitted = "HENGYANG-2025-00003";

    private static Dictionary<string, object?> Certificate(string number, string code, string until = "2027-11-30", string company = "衡阳智衡计量科技有限公司") =>
        new() { ["证书编号"] = number, ["企业名称"] = company, ["统一社会信用代码"] = code, ["发证日期"] = "2024-12-01", ["有效期至"] = until };

    private static async Task<Browser.Page> ImportAsync(Browser officer, string kind, byte[] xlsx) =>
        await officer.SubmitAsync(await officer.GetAsync("/Bureau/Lists"), new Dictionary<string, string>(), $"#import-{kind} form", files: [("file", "名单.xlsx", xlsx)]);

    private int IdOf(string number)
    {
        using var db = app.Db();
        return db.Applications.AsNoTracking().Single(a => a.Number == number).Id;
    }

    [Fact]
    public async Task A_list_with_a_bad_row_imports_nothing_and_names_every_row()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        using var db = app.Db();
        var before = db.OfficialListImports.Count();
        var rows = db.ContractRegistrations.Count();

        var page = await ImportAsync(officer, "ContractRegistrations", ExpertSheets.Xlsx(
            new Dictionary<string, object?> { ["登记编号"] = "2025430400001234", ["合同名称"] = "合同", ["卖方"] = "湖南工学院", ["买方"] = "衡阳智衡计量科技有限公司", ["成交金额"] = "六十万", ["登记日期"] = "2026-09-10" },
            new Dictionary<string, object?> { ["登记编号"] = "2025430400001234", ["合同名称"] = "合同", ["卖方"] = "", ["买方"] = "乙", ["成交金额"] = "1000", ["登记日期"] = "2026-09-10" }));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var errors = page.Document.GetElementById("import-errors")!.TextContent;
        Assert.Contains("未导入任何一条", errors, StringComparison.Ordinal);
        Assert.Contains("第2行：成交金额“六十万”不是以元为单位的正数金额", errors, StringComparison.Ordinal);
        Assert.Contains("第3行：登记编号“2025430400001234”与第2行重复（A列）", errors, StringComparison.Ordinal);
        Assert.Contains("第3行：卖方为空（C列）", errors, StringComparison.Ordinal);
        Assert.Equal(before, db.OfficialListImports.Count());
        Assert.Equal(rows, db.ContractRegistrations.Count());
    }

    [Fact]
    public async Task Formal_review_and_the_PDF_confirm_a_listed_certificate_then_flag_it_when_a_new_version_lists_it_under_another_code()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var id = IdOf(Submitted);

        var first = await ImportAsync(officer, "HteCertificates", ExpertSheets.Xlsx(Certificate(CertificateNo, CreditCode), Certificate("GR202443000999", "91430400MA4L0X0X1H", company: "衡阳新材科技有限公司")));
        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        var review = await officer.GetAsync($"/Bureau/Review/{id}");
        var confirmed = review.Document.QuerySelector("#list-checks li")!;
        Assert.Equal("false", confirmed.GetAttribute("data-flagged"));
        Assert.Contains($"高新技术企业证书 {CertificateNo} 与高新技术企业名单（第", confirmed.TextContent, StringComparison.Ordinal);

        await ImportAsync(officer, "HteCertificates", ExpertSheets.Xlsx(Certificate(CertificateNo, "91430400MA4L0X0X1H", company: "衡阳新材科技有限公司")));
        using var db = app.Db();
        var current = db.OfficialListImports.AsNoTracking().Where(i => i.Kind == Shenbao.Data.OfficialLists.OfficialListKind.HteCertificates).Max(i => i.Version);
        var flagged = (await officer.GetAsync($"/Bureau/Review/{id}")).Document.QuerySelector("#list-checks li")!;
        Assert.Equal("true", flagged.GetAttribute("data-flagged"));
        Assert.Contains($"在高新技术企业名单（第{current}版，", flagged.TextContent, StringComparison.Ordinal);
        Assert.Contains("登记于统一社会信用代码 91430400MA4L0X0X1H（衡阳新材科技有限公司）", flagged.TextContent, StringComparison.Ordinal);

        var pdf = await (await officer.Client.GetAsync(new Uri($"/Bureau/Review/{id}?handler=Pdf", UriKind.Relative))).Content.ReadAsByteArrayAsync();
        var text = PdfReading.Squeezed(string.Concat(PdfReading.Pages(pdf)));
        Assert.Contains("与官方名单的核对", text, StringComparison.Ordinal);
        Assert.Contains($"【需核实】高新技术企业证书{CertificateNo}在高新技术企业名单（第{current}版，", text, StringComparison.Ordinal);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.OfficialListImport && r.Details!.StartsWith($"导入高新技术企业名单第{current}版，1 条", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_drafts_contract_registration_is_checked_for_its_amount_in_the_applicants_PDF()
    {
        const string number = "2025430400005678";
        using (var db = app.Db())
        {
            var draft = db.Applications.Single(a => a.Number == "HENGYANG-2025-00002");
            var form = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(draft.FormJson)!;
            form["application.contract.registrationNo"] = number;
            draft.FormJson = System.Text.Json.JsonSerializer.Serialize(form);
            await db.SaveChangesAsync();
        }
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        await ImportAsync(officer, "ContractRegistrations", ExpertSheets.Xlsx(
            new Dictionary<string, object?> { ["登记编号"] = number, ["合同名称"] = "动态称重技术许可合同", ["卖方"] = "南华大学", ["买方"] = "衡阳智衡计量科技有限公司", ["成交金额"] = "700000", ["登记日期"] = "2026-09-10" }));
        var applicant = await Browser.For(app).SignInAsync("zhiheng-leader");

        var pdf = await (await applicant.Client.GetAsync(new Uri($"/Applications/Details/{IdOf("HENGYANG-2025-00002")}?handler=Pdf", UriKind.Relative))).Content.ReadAsByteArrayAsync();

        var text = PdfReading.Squeezed(string.Concat(PdfReading.Pages(pdf)));
        Assert.Contains($"【需核实】技术合同{number}与技术合同登记名单（第", text, StringComparison.Ordinal);
        Assert.Contains("成交金额登记为700,000元，申报为800,000元", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zhuhui-recommender")]
    [InlineData("zhiheng-admin")]
    [InlineData("expert-zhang")]
    public async Task Only_the_bureau_opens_the_lists(string userName)
    {
        var browser = await Browser.For(app).SignInAsync(userName);

        var page = await browser.GetAsync("/Bureau/Lists");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Account/Denied", page.Location, StringComparison.Ordinal);
    }
}

/// <summary>The applicant sees what the lists say as it works: in the finder (its certificate) and in the editor's live panel (its contract).</summary>
public sealed class OfficialListApplicantTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    [Fact]
    public async Task The_finder_flags_an_expired_certificate_and_the_live_panel_a_contract_not_listed()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var applicant = await Browser.For(app).SignInAsync("zhiheng-admin");
        Assert.Null((await applicant.GetAsync("/Organisation/Finder")).Document.GetElementById("list-certificate"));   // no list yet: nothing said

        await officer.SubmitAsync(await officer.GetAsync("/Bureau/Lists"), new Dictionary<string, string>(), "#import-HteCertificates form", files: [("file", "高企.xlsx", ExpertSheets.Xlsx(
            new Dictionary<string, object?> { ["证书编号"] = "GR202443000321", ["企业名称"] = "衡阳智衡计量科技有限公司", ["统一社会信用代码"] = "91430408MA7B2C3D4Y", ["发证日期"] = "2021-12-01", ["有效期至"] = "2024-11-30" }))]);
        await officer.SubmitAsync(await officer.GetAsync("/Bureau/Lists"), new Dictionary<string, string>(), "#import-ContractRegistrations form", files: [("file", "合同.xlsx", ExpertSheets.Xlsx(
            new Dictionary<string, object?> { ["登记编号"] = "2025430400000001", ["合同名称"] = "另一份合同", ["卖方"] = "甲", ["买方"] = "乙", ["成交金额"] = "1000", ["登记日期"] = "2026-01-10" }))]);

        var finder = (await applicant.GetAsync("/Organisation/Finder")).Document.GetElementById("list-certificate")!;
        Assert.Equal("true", finder.GetAttribute("data-flagged"));
        Assert.Contains("有效期至 2024年11月30日", finder.TextContent, StringComparison.Ordinal);
        Assert.Contains("已过期", finder.TextContent, StringComparison.Ordinal);

        int draft;
        using (var db = app.Db())
        {
            var application = db.Applications.Single(a => a.Number == "HENGYANG-2025-00002");
            var form = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(application.FormJson)!;
            form["application.contract.registrationNo"] = "2025430400009999";
            application.FormJson = System.Text.Json.JsonSerializer.Serialize(form);
            await db.SaveChangesAsync();
            draft = application.Id;
        }
        var leader = await Browser.For(app).SignInAsync("zhiheng-leader");
        var panel = (await leader.GetAsync($"/Applications/Edit/{draft}")).Document.GetElementById("live-panel")!;
        var findings = panel.QuerySelectorAll(".list-finding").Select(f => (f.GetAttribute("data-flagged"), f.TextContent)).ToList();
        Assert.Contains(findings, f => f.Item1 == "true" && f.TextContent.Contains("技术合同登记编号 2025430400009999 不在技术合同登记名单（第1版，", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Item1 == "true" && f.TextContent.Contains("高新技术企业证书 GR202443000321 据高新技术企业名单（第1版，", StringComparison.Ordinal));
    }
}
