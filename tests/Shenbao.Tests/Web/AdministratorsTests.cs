using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Audit;
using Shenbao.Web.Pages.Account;

namespace Shenbao.Tests.Web;

/// <summary>
/// 三员分立: the 系统管理员 opens and stops accounts (no roles, no audit trail), the 安全管理员 gives roles and resets
/// second factors (no accounts, no audit trail), the 审计管理员 reads the trail; no account holds two of these roles.
/// </summary>
public sealed class AdministratorsTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static Task<Browser.Page> PostRowAsync(Browser browser, Browser.Page page, string userName, string handler, Dictionary<string, string>? values = null) =>
        browser.SubmitAsync(page, values ?? [], $"tr[data-user='{userName}'] form[action*='handler={handler}']");

    [Theory]
    [InlineData("sysadmin", "/Admin/Users", new[] { "/Audit", "/Admin/Roles", "/Bureau/Applications" })]
    [InlineData("secadmin", "/Admin/Roles", new[] { "/Audit", "/Admin/Users", "/Bureau/Applications" })]
    [InlineData("auditadmin", "/Audit", new[] { "/Admin/Users", "/Admin/Roles", "/Bureau/Applications" })]
    public async Task Each_administrator_opens_its_own_page_and_none_of_the_others(string userName, string own, string[] others)
    {
        var browser = await Browser.For(app).SignInAsync(userName);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(own)).Status);
        foreach (var path in others)
            Assert.StartsWith("http://localhost/Account/Denied", (await browser.GetAsync(path)).Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_system_administrator_opens_an_account_without_a_role_and_the_security_administrator_gives_it_one()
    {
        var sysadmin = await Browser.For(app).SignInAsync("sysadmin");
        var opened = await sysadmin.SubmitAsync(await sysadmin.GetAsync("/Admin/Users"), new Dictionary<string, string>
        {
            ["Input.UserName"] = "kjj-new", ["Input.DisplayName"] = "市科技局新同事", ["Input.Email"] = "kjj-new@example.com", ["Input.District"] = "",
        }, "#create-account");
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        var list = await sysadmin.GetAsync("/Admin/Users");
        Assert.Contains("（未授予）", list.Document.QuerySelector("tr[data-user='kjj-new']")!.TextContent, StringComparison.Ordinal);
        await Passwords.SetThroughMailAsync(app, "kjj-new@example.com", "Kejiju-2026-new");
        // without a role the account opens nothing of the bureau's
        var before = await Browser.For(app).SignInAsync("kjj-new", "Kejiju-2026-new");
        Assert.StartsWith("http://localhost/Account/Denied", (await before.GetAsync("/Bureau/Applications")).Location, StringComparison.Ordinal);

        var secadmin = await Browser.For(app).SignInAsync("secadmin");
        var granted = await PostRowAsync(secadmin, await secadmin.GetAsync("/Admin/Roles"), "kjj-new", "Grant", new() { ["role"] = Roles.Bureau });

        Assert.Equal(HttpStatusCode.Redirect, granted.Status);
        // the grant ends the old session; the next sign-in asks for the second factor (enrolment) and opens the bureau's pages
        Assert.StartsWith("http://localhost/Account/Login", (await before.GetAsync("/Inbox")).Location, StringComparison.Ordinal);
        var after = await Browser.For(app).SignInAsync("kjj-new", "Kejiju-2026-new");
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/Bureau/Applications")).Status);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.AccountCreated && r.UserName == "sysadmin");
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.RoleGranted && r.UserName == "secadmin" && r.Outcome == AuditOutcome.Success);
    }

    [Fact]
    public async Task A_role_granted_before_the_first_password_leaves_the_mailed_link_working()
    {
        // the order the work goes in: the 系统管理员 opens the account, the 安全管理员 grants the role, then the person reads the mail
        var sysadmin = await Browser.For(app).SignInAsync("sysadmin");
        Assert.Equal(HttpStatusCode.Redirect, (await sysadmin.SubmitAsync(await sysadmin.GetAsync("/Admin/Users"), new Dictionary<string, string>
        {
            ["Input.UserName"] = "kjj-early", ["Input.DisplayName"] = "市科技局先授权的同事", ["Input.Email"] = "kjj-early@example.com", ["Input.District"] = "",
        }, "#create-account")).Status);
        var secadmin = await Browser.For(app).SignInAsync("secadmin");
        Assert.Equal(HttpStatusCode.Redirect, (await PostRowAsync(secadmin, await secadmin.GetAsync("/Admin/Roles"), "kjj-early", "Grant", new() { ["role"] = Roles.Bureau })).Status);
        Assert.Contains("尚未设置密码", (await secadmin.GetAsync("/Admin/Roles")).Document.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);

        await Passwords.SetThroughMailAsync(app, "kjj-early@example.com", "Kejiju-2026-early");

        var officer = await Browser.For(app).SignInAsync("kjj-early", "Kejiju-2026-early");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/Bureau/Applications")).Status);
    }

    [Theory]
    [InlineData("sysadmin", Roles.AuditAdmin)]
    [InlineData("auditadmin", Roles.SecurityAdmin)]
    [InlineData("bureau-officer", Roles.SystemAdmin)]
    [InlineData("sysadmin", Roles.Bureau)]
    public async Task No_account_holds_an_administrators_role_beside_another(string userName, string role)
    {
        var secadmin = await Browser.For(app).SignInAsync("secadmin");

        var refused = await PostRowAsync(secadmin, await secadmin.GetAsync("/Admin/Roles"), userName, "Grant", new() { ["role"] = role });

        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.Contains("三员分立", (await secadmin.FollowAsync(refused)).Document.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);
        using var db = app.Db();
        var id = db.Users.Single(u => u.UserName == userName).Id;
        Assert.Equal(1, db.UserRoles.Count(r => r.UserId == id));
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.RoleGranted && r.Outcome == AuditOutcome.Refused && r.Details!.StartsWith(userName, StringComparison.Ordinal));
    }

    [Fact]
    public void The_rule_keeps_the_three_apart_and_lets_business_roles_combine()
    {
        Assert.NotNull(Roles.RefusalToAdd([Roles.SystemAdmin], Roles.AuditAdmin));
        Assert.NotNull(Roles.RefusalToAdd([Roles.Bureau], Roles.SecurityAdmin));
        Assert.NotNull(Roles.RefusalToAdd([Roles.AuditAdmin], Roles.Expert));
        Assert.Null(Roles.RefusalToAdd([], Roles.AuditAdmin));
        Assert.Null(Roles.RefusalToAdd([Roles.Bureau], Roles.Expert));
    }

    [Fact]
    public async Task A_stopped_account_loses_its_session_at_once_cannot_sign_in_and_signs_in_again_once_started()
    {
        var expert = await Browser.For(app).SignInAsync("expert-wang");
        var sysadmin = await Browser.For(app).SignInAsync("sysadmin");

        var stopped = await PostRowAsync(sysadmin, await sysadmin.GetAsync("/Admin/Users"), "expert-wang", "Disable");

        Assert.Equal(HttpStatusCode.Redirect, stopped.Status);
        Assert.StartsWith("http://localhost/Account/Login", (await expert.GetAsync("/Expert")).Location, StringComparison.Ordinal);
        var again = Browser.For(app);
        var refused = await again.SubmitAsync(await again.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = "expert-wang", ["Input.Password"] = Shenbao.Data.Demo.DemoData.Password });
        Assert.Contains(LoginModel.DisabledMessage, refused.Text, StringComparison.Ordinal);
        Assert.Contains("已停用", (await sysadmin.GetAsync("/Admin/Users")).Document.QuerySelector("tr[data-user='expert-wang'] .state")!.TextContent, StringComparison.Ordinal);

        await PostRowAsync(sysadmin, await sysadmin.GetAsync("/Admin/Users"), "expert-wang", "Enable");
        await Browser.For(app).SignInAsync("expert-wang");
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.AccountDisabled && r.UserName == "sysadmin");
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.AccountEnabled && r.UserName == "sysadmin");
    }

    [Fact]
    public async Task The_system_administrator_cannot_stop_an_administrator()
    {
        var sysadmin = await Browser.For(app).SignInAsync("sysadmin");
        var list = await sysadmin.GetAsync("/Admin/Users");
        Assert.Null(list.Document.QuerySelector("tr[data-user='auditadmin'] form"));

        string id;
        using (var db = app.Db()) id = db.Users.Single(u => u.UserName == "auditadmin").Id;
        var forced = await sysadmin.PostAsync($"/Admin/Users?handler=Disable&id={id}", [new("__RequestVerificationToken", Browser.Token(list))]);

        Assert.Equal(HttpStatusCode.Redirect, forced.Status);
        using (var db = app.Db()) Assert.Null(db.Users.AsNoTracking().Single(u => u.Id == id).DisabledAt);
    }

    [Fact]
    public async Task The_security_administrator_resets_a_lost_second_factor_and_the_next_sign_in_enrols()
    {
        var secadmin = await Browser.For(app).SignInAsync("secadmin");

        var reset = await PostRowAsync(secadmin, await secadmin.GetAsync("/Admin/Roles"), "expert-zhou", "ResetSecondFactor");

        Assert.Equal(HttpStatusCode.Redirect, reset.Status);
        var browser = Browser.For(app);
        var password = await browser.SubmitAsync(await browser.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = "expert-zhou", ["Input.Password"] = Shenbao.Data.Demo.DemoData.Password });
        Assert.NotNull((await browser.GetAsync(password.Location!)).Document.QuerySelector("#totp-secret"));
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.SecondFactorReset && r.UserName == "secadmin");
    }
}
