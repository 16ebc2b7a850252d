using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web.Experts;

/// <summary>
/// 专家库 from the officer's page: a file with one bad row imports nothing (no expert, no account); a good one creates
/// experts and accounts together, each invited by a one-time link that sets the first password; the 身份证号 is masked
/// in the list and the export, and its full view audited; edits take the import's checks; a deactivated expert is
/// assigned nothing; nobody but the bureau opens it.
/// </summary>
public sealed class ExpertPoolTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static async Task<Browser.Page> ImportAsync(Browser officer, byte[] xlsx, string name = "专家名单.xlsx") =>
        await officer.SubmitAsync(await officer.GetAsync("/Bureau/Experts"), new Dictionary<string, string>(), "#import-form", files: [("file", name, xlsx)]);

    private (int Experts, int Users) Counts()
    {
        using var db = app.Db();
        return (db.Experts.Count(), db.Users.Count());
    }

    [Fact]
    public async Task A_file_with_one_bad_row_imports_nothing_and_names_every_error_by_row_and_column()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var before = Counts();
        var bad = ExpertSheets.Row("钱七", "43040419710101201", "qian@example.com");
        bad["身份证号"] = ((string)bad["身份证号"]!)[..17] + (((string)bad["身份证号"]!)[17] == '1' ? "2" : "1");
        var page = await ImportAsync(officer, ExpertSheets.Xlsx(
            ExpertSheets.Row("赵六", "43040419700101101", "zhao6@example.com"),
            ExpertSheets.Row("孙八", "43040419720101301", "sun8@example.com", fields: "新材枓"),
            bad));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("有 2 处错误，未导入任何专家", page.Document.QuerySelector("#error")!.TextContent, StringComparison.Ordinal);
        var errors = page.Document.QuerySelectorAll("#import-errors li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("第3行：专业领域“新材枓”不是指南的支持领域，是否为“新材料”？", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("第4行：身份证号校验位错误", errors[1], StringComparison.Ordinal);
        Assert.EndsWith("（B列）", errors[1], StringComparison.Ordinal);
        // no expert and no account: not even the good first row's
        Assert.Equal(before, Counts());
        Assert.DoesNotContain(app.Db().Users, u => u.Email == "zhao6@example.com");
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_is_refused_in_Chinese()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var page = await ImportAsync(officer, "姓名,身份证号\n"u8.ToArray(), "专家.csv");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("无法读取该文件", page.Document.QuerySelector("#import-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_good_file_creates_experts_with_accounts_invited_to_set_their_password_and_masked_everywhere()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var idBody = "43040419690505401";
        var imported = await ImportAsync(officer, ExpertSheets.Xlsx(
            ExpertSheets.Row("吴九", idBody, "wu9@example.com", fields: "新材料、中医药", avoid: "衡阳师范学院；南华大学"),
            ExpertSheets.Row("郑十", "43040419690606501", "zheng10@example.com", fields: "生物医药")));
        Assert.Equal(HttpStatusCode.Redirect, imported.Status);
        var list = await officer.GetAsync("/Bureau/Experts");
        Assert.Contains("已导入 2 位专家", list.Document.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);

        await using (var db = app.Db())
        {
            var wu = await db.Experts.Include(e => e.User).SingleAsync(e => e.Email == "wu9@example.com");
            Assert.Equal(["新材料", "中医药"], wu.FieldList);
            Assert.Equal(["衡阳师范学院", "南华大学"], wu.AvoidList);
            Assert.Null(wu.User.PasswordHash);
            Assert.NotNull(wu.InvitedAt);
            Assert.Contains(await db.UserRoles.Where(r => r.UserId == wu.UserId).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(), n => n == Roles.Expert);
        }
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.ExpertImport && r.Details!.Contains("导入专家 2 人", StringComparison.Ordinal));

        // the list and the export show the place and the last four only
        var full = Shenbao.Tests.Domain.Experts.ExpertSheetTests.Id(idBody);
        var masked = $"430404********{full[14..]}";
        var row = list.Document.QuerySelectorAll("#experts tr[data-expert]").Single(r => r.TextContent.Contains("吴九", StringComparison.Ordinal));
        Assert.Contains(masked, row.QuerySelector(".id-number")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(full, list.Text, StringComparison.Ordinal);
        var export = await officer.Client.GetAsync(new Uri("/Bureau/Experts?handler=Export", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheet = ExpertSheets.Read(await export.Content.ReadAsByteArrayAsync());
        var exported = sheet.Single(r => (string?)r["姓名"] == "吴九");
        Assert.Equal(masked, exported["身份证号"]);
        Assert.Equal("新材料、中医药", exported["专业领域"]);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.Export && r.ObjectType == "expert");

        // the full number: shown to the officer who asks, and the asking recorded
        var id = row.GetAttribute("data-expert")!;
        var reveal = await officer.SubmitAsync(list, new Dictionary<string, string>(), $"form[action*='handler=Reveal'][action*='id={id}']");
        Assert.Equal(HttpStatusCode.OK, reveal.Status);
        Assert.Contains(full, reveal.Document.QuerySelector($"tr[data-expert='{id}'] .id-number")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.ExpertIdentityView && r.ObjectId == id && r.UserName == "bureau-officer");
        // and never in the trail itself
        Assert.DoesNotContain(AuditTrail.Rows(app), r => (r.Details ?? "").Contains(full, StringComparison.Ordinal));

        // the first sign-in: the mailed one-time link sets the password, the expert binds an authenticator and lands on their reviews
        await Passwords.SetThroughMailAsync(app, "wu9@example.com", "Wu-Expert-2025!");
        var expert = Browser.For(app);
        var password = await expert.SubmitAsync(await expert.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = "wu9@example.com", ["Input.Password"] = "Wu-Expert-2025!" });
        Assert.Equal("/Account/SecondFactor", password.Location);
        var enrol = await expert.GetAsync(password.Location!);
        Assert.NotNull(enrol.Document.QuerySelector("#totp-secret"));
        var enrolled = await expert.SecondFactorAsync("wu9@example.com", enrol);
        Assert.Equal("/Expert", enrolled.Document.QuerySelector("#continue")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await expert.GetAsync("/Expert")).Status);
    }

    [Fact]
    public async Task An_expert_already_in_the_pool_cannot_be_imported_again()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var file = ExpertSheets.Xlsx(ExpertSheets.Row("冯十一", "43040419680707601", "feng11@example.com"));
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(officer, file)).Status);
        var again = await ImportAsync(officer, file);
        var errors = again.Document.QuerySelectorAll("#import-errors li").Select(li => li.TextContent).ToList();
        Assert.Contains(errors, e => e.StartsWith("第2行：身份证号已在专家库中", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("第2行：邮箱已被系统中的其他账号使用", StringComparison.Ordinal));
        Assert.Single(app.Db().Experts.Where(e => e.Email == "feng11@example.com"));
    }

    [Fact]
    public async Task An_edit_takes_the_import_s_checks_and_a_deactivation_is_recorded()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var expert = app.Db().Experts.AsNoTracking().Single(e => e.Name == "周国平");
        var list = await officer.GetAsync("/Bureau/Experts");
        var refused = await officer.SubmitAsync(list, new Dictionary<string, string> { ["phone"] = "12345", ["fields"] = "有色金属冶炼及深加" }, $"form[data-edit='{expert.Id}']");
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        var problems = refused.Document.QuerySelectorAll(".edit-errors li").Select(li => li.TextContent).ToList();
        Assert.Contains(problems, p => p.Contains("是否为“有色金属冶炼及深加工”", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("手机", StringComparison.Ordinal));
        Assert.Equal(expert.Phone, app.Db().Experts.AsNoTracking().Single(e => e.Id == expert.Id).Phone);

        var saved = await officer.SubmitAsync(await officer.GetAsync("/Bureau/Experts"), new Dictionary<string, string> { ["title"] = "研究员", ["avoid"] = "衡阳师范学院、湖南工学院" }, $"form[data-edit='{expert.Id}']");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var stored = app.Db().Experts.AsNoTracking().Single(e => e.Id == expert.Id);
        Assert.Equal(("研究员", expert.IdNumber), (stored.Title, stored.IdNumber));
        Assert.Equal(["衡阳师范学院", "湖南工学院"], stored.AvoidList);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.ExpertEdit && r.ObjectId == expert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // a stale form (the expert changed since it was read) saves nothing
        var stale = await officer.SubmitAsync(list, new Dictionary<string, string> { ["title"] = "讲师" }, $"form[data-edit='{expert.Id}']");
        Assert.Contains("已被他人修改", stale.Document.QuerySelector("#error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("研究员", app.Db().Experts.AsNoTracking().Single(e => e.Id == expert.Id).Title);

        try
        {
            var off = await officer.SubmitAsync(await officer.GetAsync("/Bureau/Experts"), new Dictionary<string, string>(), $"form[action*='handler=Active'][action*='id={expert.Id}&']");
            Assert.Equal(HttpStatusCode.Redirect, off.Status);
            Assert.False(app.Db().Experts.AsNoTracking().Single(e => e.Id == expert.Id).Active);
            Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.ExpertDeactivate);
            Assert.DoesNotContain("周国平", (await officer.GetAsync("/Bureau/Experts")).Document.QuerySelector("#experts")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("周国平", (await officer.GetAsync("/Bureau/Experts?Inactive=true")).Document.QuerySelector("#experts")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            await using var db = app.Db();
            await db.Experts.Where(e => e.Id == expert.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Active, true));
        }
    }

    [Theory]
    [InlineData("hynu-admin")]
    [InlineData("zhuhui-recommender")]
    [InlineData("expert-zhang")]
    [InlineData("auditadmin")]
    [InlineData("sysadmin")]
    public async Task Only_the_bureau_opens_the_pool_the_assignment_and_the_ranking(string user)
    {
        var browser = await Browser.For(app).SignInAsync(user);
        foreach (var path in new[] { "/Bureau/Experts", "/Bureau/Experts?handler=Export", "/Bureau/Assign", "/Bureau/Ranking", "/Bureau/Ranking?handler=Export&call=1" })
        {
            var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            Assert.StartsWith("http://localhost/Account/Denied", page.Location, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in()
    {
        var visitor = Browser.For(app);
        foreach (var path in new[] { "/Bureau/Experts", "/Bureau/Assign", "/Bureau/Ranking", "/Expert", "/Expert/Review/1" })
            Assert.StartsWith("http://localhost/Account/Login", (await visitor.GetAsync(path)).Location, StringComparison.Ordinal);
    }
}
