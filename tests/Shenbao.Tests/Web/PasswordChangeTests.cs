using System.Net;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web;

/// <summary>修改密码: a signed-in person changes their own password with the current one; other sessions end.</summary>
public sealed class PasswordChangeTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private const string NewPassword = "Hengyang-2026!x";

    private static Dictionary<string, string> Form(string current, string password, string? confirm = null) => new()
    {
        ["Input.CurrentPassword"] = current, ["Input.Password"] = password, ["Input.ConfirmPassword"] = confirm ?? password,
    };

    [Fact]
    public async Task The_new_password_signs_in_the_old_one_no_longer_and_other_sessions_end()
    {
        var (_, userName) = await Registration.RegisterAsync(app);
        var here = await Browser.For(app).SignInAsync(userName, Registration.Password);
        var elsewhere = await Browser.For(app).SignInAsync(userName, Registration.Password);

        var changed = await here.SubmitAsync(await here.GetAsync("/Account/ChangePassword"), Form(Registration.Password, NewPassword));

        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        var after = await here.FollowAsync(changed);
        Assert.Contains("密码已修改", after.Text, StringComparison.Ordinal);
        app.Clock.Now = app.Clock.Now.AddMinutes(2);   // past the interval at which sessions are checked against the account
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/Inbox")).Status);   // this session goes on
        Assert.StartsWith("http://localhost/Account/Login", (await elsewhere.GetAsync("/Inbox")).Location, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Browser.For(app).SignInAsync(userName, Registration.Password));
        await Browser.For(app).SignInAsync(userName, NewPassword);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.PasswordChange && r.Outcome == AuditOutcome.Success && r.UserName == userName);
    }

    [Fact]
    public async Task A_wrong_current_password_a_weak_one_and_a_mismatch_are_refused_beside_their_fields()
    {
        var (_, userName) = await Registration.RegisterAsync(app);
        var browser = await Browser.For(app).SignInAsync(userName, Registration.Password);
        var page = await browser.GetAsync("/Account/ChangePassword");

        var wrong = await browser.SubmitAsync(page, Form("Not-the-password-1", NewPassword));
        var weak = await browser.SubmitAsync(page, Form(Registration.Password, "short"));
        var mismatch = await browser.SubmitAsync(page, Form(Registration.Password, NewPassword, NewPassword + "x"));

        Assert.Equal("当前密码不正确", Registration.FieldError(wrong, "Input.CurrentPassword"));
        Assert.Contains("至少", Registration.FieldError(weak, "Input.Password"), StringComparison.Ordinal);
        Assert.Equal("两次输入的密码不一致", Registration.FieldError(mismatch, "Input.ConfirmPassword"));
        await Browser.For(app).SignInAsync(userName, Registration.Password);   // nothing changed
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.PasswordChange && r.Outcome == AuditOutcome.Failure && r.UserName == userName);
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in()
    {
        var page = await Browser.For(app).GetAsync("/Account/ChangePassword");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Account/Login", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_signed_in_page_links_to_it_from_the_persons_name()
    {
        var page = await (await Browser.For(app).SignInAsync("bureau-officer")).GetAsync("/Inbox");

        Assert.Equal("/Account/ChangePassword", page.Document.QuerySelector("nav a.site-user")!.GetAttribute("href"));
    }
}
