using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web;

/// <summary>找回密码 by mail: the one-time link, used once, and nothing that tells a stranger which accounts exist.</summary>
public sealed class PasswordResetTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private async Task<Browser.Page> ForgotAsync(string userName)
    {
        var browser = Browser.For(app);
        return await browser.SubmitAsync(await browser.GetAsync("/Account/ForgotPassword"), new Dictionary<string, string> { ["Input.UserName"] = userName });
    }

    private async Task<HttpStatusCode> SignInStatusAsync(string userName, string password)
    {
        var browser = Browser.For(app);
        return (await browser.SubmitAsync(await browser.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password })).Status;
    }

    [Fact]
    public async Task The_mailed_link_sets_a_new_password_once_and_unlocks_the_account()
    {
        var (_, userName) = await Registration.RegisterAsync(app);
        for (var i = 0; i < 5; i++) await SignInStatusAsync(userName, "Wrong-password-1");   // locked out

        var asked = await ForgotAsync(userName);
        var link = await Passwords.LinkMailedToAsync(app, $"{userName}@example.com");
        var set = await Passwords.SetAsync(app, link, "Reset-password-2026");
        var again = await Browser.For(app).GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.NotNull(asked.Document.QuerySelector("#reset-sent"));
        Assert.Equal(HttpStatusCode.Redirect, set.Status);
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(userName, "Reset-password-2026"));
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(userName, Registration.Password));   // the old one no longer works
        Assert.Contains(ResetPasswordModelExpired, again.Document.QuerySelector("#link-problem")!.TextContent, StringComparison.Ordinal);
        var rows = AuditTrail.Rows(app).Where(r => r.UserName == userName).Select(r => r.Action).ToList();
        Assert.Contains(AuditAction.PasswordResetRequested, rows);
        Assert.Contains(AuditAction.PasswordReset, rows);
    }

    private const string ResetPasswordModelExpired = "该链接已失效";

    [Fact]
    public async Task An_unknown_user_name_gets_the_same_answer_and_no_mail()
    {
        var stranger = "nobody-" + Guid.NewGuid().ToString("N")[..8];

        var answer = await ForgotAsync(stranger);
        var (_, known) = await Registration.RegisterAsync(app);
        var real = await ForgotAsync(known);
        await app.DeliverMailAsync();

        Assert.Equal(real.Document.QuerySelector("main")!.TextContent, answer.Document.QuerySelector("main")!.TextContent);
        Assert.Single(await app.MailsToAsync($"{known}@example.com"), m => m.Subject == "重置申报系统密码");
        Assert.DoesNotContain(app.Mails(), m => (m.TextBody ?? "").Contains(stranger, StringComparison.Ordinal));
        var row = AuditTrail.Rows(app).Last(r => r.Action == AuditAction.PasswordResetRequested && r.UserName == stranger);
        Assert.Equal(AuditOutcome.Failure, row.Outcome);
        Assert.Null(row.UserId);
    }

    [Fact]
    public async Task A_weak_password_is_explained_beside_it_and_the_link_still_works_afterwards()
    {
        var (_, userName) = await Registration.RegisterAsync(app);
        await ForgotAsync(userName);
        var link = await Passwords.LinkMailedToAsync(app, $"{userName}@example.com");

        var weak = await Passwords.SetAsync(app, link, "short");
        var browser = Browser.For(app);
        var mismatch = await browser.SubmitAsync(await browser.GetAsync(link), new Dictionary<string, string> { ["Input.Password"] = "Reset-password-2026", ["Input.ConfirmPassword"] = "Other-password-2026" });
        var strong = await Passwords.SetAsync(app, link, "Reset-password-2026");

        Assert.Equal(HttpStatusCode.OK, weak.Status);
        Assert.Contains("密码至少8位", Registration.FieldError(weak, "Input.Password"), StringComparison.Ordinal);
        Assert.Equal("两次输入的密码不一致", Registration.FieldError(mismatch, "Input.ConfirmPassword"));
        Assert.Equal(HttpStatusCode.Redirect, strong.Status);
    }

    [Theory]
    [InlineData("sysadmin")]
    [InlineData("auditadmin")]
    [InlineData("secadmin")]
    public async Task The_three_administrators_are_never_reset_by_mail_and_the_answer_says_nothing_of_it(string administrator)
    {
        var answer = await ForgotAsync(administrator);

        Assert.NotNull(answer.Document.QuerySelector("#reset-sent"));
        Assert.Empty(await app.MailsToAsync($"{administrator}@demo.invalid"));
        var row = AuditTrail.Rows(app).Last(r => r.Action == AuditAction.PasswordResetRequested && r.UserName == administrator);
        Assert.Equal(AuditOutcome.Refused, row.Outcome);
    }

    [Fact]
    public async Task A_valid_link_for_an_administrator_is_not_honoured_either()
    {
        string link;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Shenbao.Data.User>>();
            link = await Shenbao.Web.Pages.Account.SetPasswordLink.ForAsync(users, (await users.FindByNameAsync("auditadmin"))!, first: false);
        }

        var answer = await Passwords.SetAsync(app, link, "Taken-over-2026!");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains(ResetPasswordModelExpired, answer.Document.QuerySelector("#link-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync("auditadmin", "Taken-over-2026!"));   // still refused
        Assert.Equal(AuditOutcome.Refused, AuditTrail.Rows(app).Last(r => r.Action == AuditAction.PasswordReset && r.UserName == "auditadmin").Outcome);
    }

    [Theory]
    [InlineData("/Account/ResetPassword")]
    [InlineData("/Account/ResetPassword?user=nobody&token=abc")]
    [InlineData("/Account/ResetPassword?user=nobody&token=%%%")]
    public async Task A_broken_or_foreign_link_says_it_no_longer_works(string url)
    {
        var page = await Browser.For(app).GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(ResetPasswordModelExpired, page.Document.QuerySelector("#link-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("input[name='Input.Password']"));
    }
}
