using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web;

/// <summary>
/// 申报批次 for the 市科技局: a guide imported (validated, errors by line, kept and served, loaded again at the next
/// start), a call created from it unpublished and then published, its deadlines moved with a reason that is announced,
/// and the recommendation quotas set.
/// </summary>
public sealed class CallsTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private const string Officer = "bureau-officer";
    private const string ImportedId = "hengyang-2025-extra";

    private static string Shipped() => File.ReadAllText(Paths.Guide);

    /// <summary>The shipped guide under another id and title: a guide the system does not know yet.</summary>
    private static string Another() => Shipped()
        .Replace("id: hengyang-2025\n", $"id: {ImportedId}\n", StringComparison.Ordinal)
        .Replace("title: 2025年度衡阳市科技创新计划项目申报指南", "title: 2025年度衡阳市科技创新计划补充申报指南", StringComparison.Ordinal);

    private static async Task<Browser.Page> ImportAsync(Browser officer, string yaml, string name = "guide.yaml")
    {
        var page = await officer.GetAsync("/Bureau/Calls");
        return await officer.PostMultipartAsync("/Bureau/Calls?handler=Import", [new("__RequestVerificationToken", Browser.Token(page))], [("file", name, System.Text.Encoding.UTF8.GetBytes(yaml))]);
    }

    private static async Task<Browser.Page> PostAsync(Browser officer, string handler, params (string Name, string Value)[] fields)
    {
        var page = await officer.GetAsync("/Bureau/Calls");
        return await officer.PostAsync($"/Bureau/Calls?handler={handler}",
            [new("__RequestVerificationToken", Browser.Token(page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
    }

    [Fact]
    public async Task A_guide_with_errors_is_refused_with_each_error_by_its_line_and_nothing_is_stored()
    {
        var officer = await Browser.For(app).SignInAsync(Officer);
        var broken = Another().Replace(ImportedId, "hengyang-broken", StringComparison.Ordinal).Replace("kind: quota", "kind: quotaa", StringComparison.Ordinal);

        var refused = await ImportAsync(officer, broken);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("处错误，未导入", refused.Document.QuerySelector("#error")!.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"^第 \d+ 行：", refused.Document.QuerySelector("#import-errors li")!.TextContent);
        Assert.DoesNotContain(app.Db().StoredGuides.ToList(), g => g.GuideId == "hengyang-broken");
        Assert.Equal(HttpStatusCode.NotFound, (await Browser.For(app).GetAsync("/api/guides/hengyang-broken")).Status);
        Assert.Contains("已存在", (await ImportAsync(officer, Shipped())).Document.QuerySelector("#error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_imported_guide_is_served_becomes_a_call_that_stays_hidden_until_published_and_loads_again_at_the_next_start()
    {
        var officer = await Browser.For(app).SignInAsync(Officer);
        if (!app.Db().StoredGuides.Any())
            Assert.Contains("已导入指南", (await officer.FollowAsync(await ImportAsync(officer, Another()))).Document.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Browser.For(app).GetAsync($"/api/guides/{ImportedId}")).Status);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.ConfigChange && r.ObjectId == ImportedId);

        // an order that cannot be is refused; a good one makes an unpublished call
        var wrong = await PostAsync(officer, "Create", ("guide", ImportedId), ("title", "补充申报"), ("opensAt", "2026-12-10T09:00"), ("deadline", "2026-12-01T17:00"), ("recommendationDeadline", "2026-12-20T17:00"));
        Assert.Contains("申报截止时间应晚于开始时间", wrong.Document.QuerySelector("#error")!.TextContent, StringComparison.Ordinal);
        var created = await PostAsync(officer, "Create", ("guide", ImportedId), ("title", "2025年度补充申报"), ("opensAt", "2026-11-01T09:00"), ("deadline", "2027-01-10T17:00"), ("recommendationDeadline", "2027-01-20T17:00"));
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var call = app.Db().Calls.AsNoTracking().Single(c => c.GuideId == ImportedId);
        Assert.True(call.IsDraft);
        Assert.Equal(new DateTimeOffset(2027, 1, 10, 9, 0, 0, TimeSpan.Zero), call.Deadline);   // 17:00 Beijing time
        Assert.DoesNotContain("2025年度补充申报", (await Browser.For(app).GetAsync("/")).Text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(officer, "Publish", ("call", call.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))).Status);
        Assert.False(app.Db().Calls.AsNoTracking().Single(c => c.Id == call.Id).IsDraft);
        Assert.Contains("2025年度补充申报", (await Browser.For(app).GetAsync("/")).Text, StringComparison.Ordinal);

        // the next start reads the imported guide from the database, validated again
        await using var second = new SecondStart(app.DataPath);
        Assert.Equal(HttpStatusCode.OK, (await Browser.For(second).GetAsync($"/api/guides/{ImportedId}")).Status);
    }

    [Fact]
    public async Task A_deadline_moves_only_with_a_reason_which_is_audited_and_announced()
    {
        var officer = await Browser.For(app).SignInAsync(Officer);
        var demo = app.Db().Calls.AsNoTracking().Single(c => c.GuideId == "hengyang-2025");
        var later = Shenbao.Domain.Eligibility.ChinaTime.Local(demo.Deadline).AddDays(7);
        var fields = new[] { ("call", demo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("deadline", later.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)),
            ("recommendationDeadline", later.AddDays(10).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)) };

        var refused = await PostAsync(officer, "Deadlines", [.. fields, ("reason", " ")]);
        Assert.Contains("调整截止时间须写明理由", refused.Document.QuerySelector("#error")!.TextContent, StringComparison.Ordinal);
        var moved = await PostAsync(officer, "Deadlines", [.. fields, ("reason", "系统维护，延期一周")]);

        Assert.Equal(HttpStatusCode.Redirect, moved.Status);
        var after = app.Db().Calls.AsNoTracking().Single(c => c.Id == demo.Id);
        Assert.True(after.Deadline > demo.Deadline);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.CallChange && r.Details!.Contains("理由：系统维护，延期一周", StringComparison.Ordinal));
        using var db = app.Db();
        var admin = db.Users.Single(u => u.UserName == "zhiheng-admin");
        var recommender = db.Users.Single(u => u.UserName == "gaoxin-recommender");
        Assert.All(new[] { admin, recommender }, person => Assert.Contains(db.Notifications.ToList(), n => n.UserId == person.Id && n.Subject.StartsWith("截止时间调整", StringComparison.Ordinal) && n.Body.Contains("系统维护", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Quotas_are_set_per_district_and_category_and_a_wrong_figure_is_refused()
    {
        var officer = await Browser.For(app).SignInAsync(Officer);
        var call = app.Db().Calls.AsNoTracking().Single(c => c.GuideId == "hengyang-2025").Id;
        var page = await officer.GetAsync($"/Bureau/Quotas?call={call}");
        Assert.Equal("3", page.Document.QuerySelector("input[name='limit[衡阳高新技术产业开发区|iur-cooperation]']")!.GetAttribute("value"));

        var refused = await officer.SubmitAsync(page, new Dictionary<string, string> { ["limit[珠晖区|basic-research]"] = "两项" }, "form[method=post]:not([action='/Account/Logout'])");
        Assert.Contains("珠晖区", refused.Document.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        var saved = await officer.SubmitAsync(page, new Dictionary<string, string> { ["limit[珠晖区|basic-research]"] = "2" }, "form[method=post]:not([action='/Account/Logout'])");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        using var db = app.Db();
        Assert.Equal(2, db.RecommendationQuotas.Single(q => q.CallId == call && q.District == "珠晖区" && q.Category == "basic-research").Limit);
        Assert.Equal(3, db.RecommendationQuotas.Single(q => q.CallId == call && q.Category == "iur-cooperation").Limit);
        Assert.Equal("2", (await (await Browser.For(app).SignInAsync("zhuhui-recommender")).GetAsync("/Recommender/Applications"))
            .Document.QuerySelector("tr[data-quota='basic-research'] .remaining")!.TextContent);
    }

    [Theory]
    [InlineData("gaoxin-recommender")]
    [InlineData("zhiheng-admin")]
    [InlineData("sysadmin")]
    public async Task Only_the_bureau_runs_calls(string userName)
    {
        var browser = await Browser.For(app).SignInAsync(userName);
        foreach (var path in new[] { "/Bureau/Calls", "/Bureau/Quotas?call=1" })
            Assert.StartsWith("http://localhost/Account/Denied", (await browser.GetAsync(path)).Location, StringComparison.Ordinal);
    }

    private sealed class SecondStart(string folder) : ShenbaoApp(folder, ownsFolder: false);
}
