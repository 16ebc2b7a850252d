using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data.Security;
using Shenbao.Domain.Audit;
using Shenbao.Web.Pages.Account;
using Shenbao.Web.Pages.Admin;

namespace Shenbao.Tests.Web;

/// <summary>
/// The 安全管理员 manages the policies (三员分立: roles and policies only): the password and lockout figures, stricter
/// within bounds and never looser than our 等保 policy, applied from the next password or sign-in, audited.
/// </summary>
public sealed class SecurityPolicyTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static Dictionary<string, string> Figures(SecurityPolicy policy) =>
        SecurityPolicy.Figures.ToDictionary(f => $"figure[{f.Name}]", f => f.Of(policy).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<Browser.Page> SaveAsync(Browser secadmin, SecurityPolicy policy, Browser.Page? page = null) =>
        await secadmin.SubmitAsync(page ?? await secadmin.GetAsync("/Admin/Policies"), Figures(policy), "#policy-form");

    private async Task ResetAsync()
    {
        await using var db = app.Db();
        await db.SecurityPolicies.ExecuteDeleteAsync();
    }

    private static async Task<string> SignInAnswerAsync(Browser browser, string name, string password)
    {
        var page = await browser.SubmitAsync(await browser.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = name, ["Input.Password"] = password });
        return page.Status == HttpStatusCode.Redirect ? "signed in" : page.Document.QuerySelector(".validation-summary-errors, [data-valmsg-summary]")?.TextContent.Trim() ?? page.Text;
    }

    [Fact]
    public async Task A_stricter_policy_applies_to_the_next_password_and_the_next_failed_sign_ins_and_is_audited()
    {
        await ResetAsync();
        var secadmin = await Browser.For(app).SignInAsync("secadmin");
        var stricter = SecurityPolicy.Default with { MinimumLength = 12, MaxFailures = 3, LockMinutes = 60 };
        try
        {
            var saved = await SaveAsync(secadmin, stricter);

            Assert.Equal(HttpStatusCode.Redirect, saved.Status);
            var page = await secadmin.GetAsync("/Admin/Policies");
            Assert.Contains("密码最短长度 8→12位", page.Document.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("secadmin", page.Document.QuerySelector("#last-change")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.SecurityPolicyChanged && r.UserName == "secadmin"
                && r.Details!.Contains("连续登录失败锁定阈值 5→3次", StringComparison.Ordinal) && r.Details.Contains("锁定时长 30→60分钟", StringComparison.Ordinal));

            // the forms say the new rule, and an 11-character password that met the old one is refused
            Assert.Contains("至少12位", (await Browser.For(app).GetAsync("/Account/Register")).Document.QuerySelector("#password-help")!.TextContent, StringComparison.Ordinal);
            var applicant = await Browser.For(app).SignInAsync("zhiheng-leader");
            var change = await applicant.SubmitAsync(await applicant.GetAsync("/Account/ChangePassword"), new Dictionary<string, string>
            {
                ["Input.CurrentPassword"] = Shenbao.Data.Demo.DemoData.Password, ["Input.Password"] = "Abcdef-1234", ["Input.ConfirmPassword"] = "Abcdef-1234",
            });
            Assert.Equal(HttpStatusCode.OK, change.Status);
            Assert.Contains("密码至少12位", Registration.FieldError(change, "Input.Password"), StringComparison.Ordinal);

            // three failures now lock, for an hour
            var visitor = Browser.For(app);
            var answers = new List<string>();
            for (var i = 0; i < 3; i++) answers.Add(await SignInAnswerAsync(visitor, "policy-test-name", "Wrong-Password-1"));
            Assert.Equal([LoginModel.WrongPassword, LoginModel.WrongPassword, LoginModel.Locked(stricter)], answers);
            Assert.Contains("60分钟", LoginModel.Locked(stricter), StringComparison.Ordinal);
        }
        finally { await ResetAsync(); }
    }

    [Fact]
    public async Task A_looser_figure_or_one_that_is_no_number_is_refused_beside_it_and_nothing_is_saved()
    {
        await ResetAsync();
        var secadmin = await Browser.For(app).SignInAsync("secadmin");
        var auditBefore = AuditTrail.Rows(app).Count(r => r.Action == AuditAction.SecurityPolicyChanged);

        var looser = await SaveAsync(secadmin, SecurityPolicy.Default with { MinimumLength = 7, MaxFailures = 6, MaxAgeDays = 91 });
        var page = await secadmin.GetAsync("/Admin/Policies");
        var notANumber = await secadmin.SubmitAsync(page, new Dictionary<string, string>(Figures(SecurityPolicy.Default)) { ["figure[LockMinutes]"] = "三十" }, "#policy-form");

        Assert.Equal(HttpStatusCode.OK, looser.Status);
        Assert.Equal("密码最短长度应在8至64位之间（等保三级要求的底线是8位，只可更严）", looser.Document.QuerySelector("#e-MinimumLength")!.TextContent);
        Assert.NotNull(looser.Document.QuerySelector("#e-MaxFailures"));
        Assert.NotNull(looser.Document.QuerySelector("#e-MaxAgeDays"));
        Assert.Null(looser.Document.QuerySelector("#e-HistoryKept"));
        Assert.Equal(["#f-MaxAgeDays", "#f-MaxFailures", "#f-MinimumLength"], looser.Document.QuerySelectorAll("#error-summary a").Select(a => a.GetAttribute("href")!).Order(StringComparer.Ordinal));
        Assert.Equal("7", looser.Document.QuerySelector("#f-MinimumLength")!.GetAttribute("value"));   // what was typed stays
        Assert.Equal("请填写锁定时长（整数，单位：分钟）", notANumber.Document.QuerySelector("#e-LockMinutes")!.TextContent);
        await using var db = app.Db();
        Assert.False(await db.SecurityPolicies.AnyAsync());
        Assert.Equal(SecurityPolicy.Default, await SecurityPolicies.CurrentAsync(db));
        Assert.Equal(auditBefore, AuditTrail.Rows(app).Count(r => r.Action == AuditAction.SecurityPolicyChanged));
    }

    [Fact]
    public async Task Two_security_administrators_saving_from_the_same_page_the_second_is_told_not_lost_silently()
    {
        await ResetAsync();
        var first = await Browser.For(app).SignInAsync("secadmin");
        var second = await Browser.For(app).SignInAsync("secadmin");
        var firstPage = await first.GetAsync("/Admin/Policies");
        var secondPage = await second.GetAsync("/Admin/Policies");
        try
        {
            Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(first, SecurityPolicy.Default with { HistoryKept = 8 }, firstPage)).Status);
            var late = await SaveAsync(second, SecurityPolicy.Default with { MinimumLength = 10 }, secondPage);

            Assert.Equal(HttpStatusCode.OK, late.Status);
            Assert.Contains(PoliciesModel.ConflictMessage, late.Document.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
            await using var db = app.Db();
            Assert.Equal(SecurityPolicy.Default with { HistoryKept = 8 }, await SecurityPolicies.CurrentAsync(db));
        }
        finally { await ResetAsync(); }
    }
}
