using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Audit;
using Shenbao.Web.Pages.Account;
using Shenbao.Web.Security;

namespace Shenbao.Tests.Web;

/// <summary>
/// The second factor of the 市科技局, experts and the three administrators: nothing protected opens on the password
/// alone; a code is accepted once and within one step of drift; wrong codes lock like wrong passwords; enrolment at
/// the first sign-in with ten recovery codes, each good once.
/// </summary>
public sealed class SecondFactorTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>The password step only: the browser is left on the code page.</summary>
    private async Task<(Browser Browser, Browser.Page CodePage)> PasswordOnlyAsync(string userName, string password = Shenbao.Data.Demo.DemoData.Password)
    {
        var browser = Browser.For(app);
        var answer = await browser.SubmitAsync(await browser.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.Equal("/Account/SecondFactor", answer.Location);
        return (browser, await browser.GetAsync("/Account/SecondFactor"));
    }

    private static Task<Browser.Page> TypeAsync(Browser browser, Browser.Page page, string code) =>
        browser.SubmitAsync(page, new Dictionary<string, string> { ["Code"] = code }, "form[action*='handler=Code']");

    private string CodeAt(TimeSpan offset) => SecondFactor.CodeAt(Shenbao.Data.Demo.DemoData.TotpSecret, app.Clock.Now + offset);

    /// <summary>Moves the clock to a step of its own, clear of every code an earlier test used.</summary>
    private void FreshSteps() => app.Clock.Now += TimeSpan.FromMinutes(10);

    [Fact]
    public async Task The_password_alone_opens_no_protected_page_of_a_privileged_role()
    {
        var (browser, codePage) = await PasswordOnlyAsync("bureau-officer");

        Assert.NotNull(codePage.Document.QuerySelector("form[action*='handler=Code']"));
        foreach (var path in new[] { "/Bureau/Applications", "/Inbox", "/Account/ChangePassword" })
            Assert.StartsWith("http://localhost/Account/Login", (await browser.GetAsync(path)).Location, StringComparison.Ordinal);
        Assert.Contains(AuditTrail.Rows(app), r => r.UserName == "bureau-officer" && r.Action == AuditAction.PasswordAccepted);
    }

    [Fact]
    public async Task An_applicant_signs_in_with_the_password_alone()
    {
        var browser = Browser.For(app);
        var answer = await browser.SubmitAsync(await browser.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = "zhiheng-leader", ["Input.Password"] = Shenbao.Data.Demo.DemoData.Password });

        Assert.Equal("/Applications", answer.Location);
    }

    [Fact]
    public async Task A_code_is_accepted_once_even_when_five_browsers_send_it_at_the_same_moment()
    {
        FreshSteps();
        var code = CodeAt(TimeSpan.Zero);
        var attempts = new List<(Browser Browser, Browser.Page Page)>();
        for (var i = 0; i < 5; i++) attempts.Add(await PasswordOnlyAsync("expert-zhao"));

        var answers = await Task.WhenAll(attempts.Select(a => TypeAsync(a.Browser, a.Page, code)));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Redirect);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Redirect), a => Assert.Equal(SecondFactorModel.WrongCode, Registration.FieldError(a, "Code")));
        var signedIn = attempts[Array.FindIndex(answers, a => a.Status == HttpStatusCode.Redirect)].Browser;
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/Expert")).Status);
        // and later, the same code again: refused
        var (late, latePage) = await PasswordOnlyAsync("expert-zhao");
        Assert.Equal(HttpStatusCode.OK, (await TypeAsync(late, latePage, code)).Status);
    }

    [Fact]
    public async Task A_code_one_step_early_or_late_is_accepted_two_steps_is_not()
    {
        FreshSteps();
        string[] refused = [CodeAt(-2 * Step), CodeAt(2 * Step)];
        foreach (var code in refused)
        {
            var (browser, page) = await PasswordOnlyAsync("expert-liu");
            Assert.Equal(SecondFactorModel.WrongCode, Registration.FieldError(await TypeAsync(browser, page, code), "Code"));
        }
        // one step behind, then one step ahead (a later step after an earlier one: both good once)
        foreach (var code in new[] { CodeAt(-Step), CodeAt(Step) })
        {
            var (browser, page) = await PasswordOnlyAsync("expert-liu");
            Assert.Equal(HttpStatusCode.Redirect, (await TypeAsync(browser, page, code)).Status);
        }
        // the step after the latest one used is the only one left to accept, and the one before is no longer
        var (again, againPage) = await PasswordOnlyAsync("expert-liu");
        Assert.Equal(HttpStatusCode.OK, (await TypeAsync(again, againPage, CodeAt(-Step))).Status);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_and_the_right_code_is_refused_while_locked()
    {
        FreshSteps();
        var (browser, page) = await PasswordOnlyAsync("expert-chen");
        var answers = new List<Browser.Page>();
        for (var i = 0; i < 5; i++) answers.Add(await TypeAsync(browser, page, "000000" == CodeAt(TimeSpan.Zero) ? "111111" : "000000"));

        Assert.All(answers.Take(4), a => Assert.Equal(SecondFactorModel.WrongCode, Registration.FieldError(a, "Code")));
        Assert.Contains(LoginModel.Locked(Shenbao.Data.Security.SecurityPolicy.Default), answers[4].Text, StringComparison.Ordinal);
        var right = await TypeAsync(browser, page, CodeAt(TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains(LoginModel.Locked(Shenbao.Data.Security.SecurityPolicy.Default), right.Text, StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/Account/Login", (await browser.GetAsync("/Expert")).Location, StringComparison.Ordinal);
        Assert.Contains(AuditTrail.Rows(app), r => r.UserName == "expert-chen" && r.Action == AuditAction.SecondFactorFailed);
        Assert.Contains(AuditTrail.Rows(app), r => r.UserName == "expert-chen" && r.Action == AuditAction.LockedOut);
    }

    [Fact]
    public async Task The_first_sign_in_enrols_shows_ten_recovery_codes_once_and_each_works_once()
    {
        using (var db = app.Db())
            await db.Users.Where(u => u.UserName == "expert-sun").ExecuteUpdateAsync(u => u.SetProperty(x => x.TotpSecret, (string?)null).SetProperty(x => x.TotpEnabledAt, (DateTimeOffset?)null));
        FreshSteps();

        var (browser, enrol) = await PasswordOnlyAsync("expert-sun");
        var secret = enrol.Document.QuerySelector("#totp-secret")!.GetAttribute("data-secret")!;
        var reload = await browser.GetAsync("/Account/SecondFactor");

        Assert.Equal(secret, reload.Document.QuerySelector("#totp-secret")!.GetAttribute("data-secret"));   // the same key until confirmed
        Assert.NotNull(enrol.Document.QuerySelector("svg"));   // the QR code
        Assert.Null(enrol.Document.QuerySelector("#use-recovery"));   // no recovery codes before there are any
        Assert.Equal(SecondFactorModel.WrongCode, Registration.FieldError(await TypeAsync(browser, enrol, "123 456" == SecondFactor.CodeAt(secret, app.Clock.Now) ? "654321" : "123456"), "Code"));
        var enrolled = await TypeAsync(browser, enrol, SecondFactor.CodeAt(secret, app.Clock.Now));
        var codes = enrolled.Document.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(SecondFactor.RecoveryCodeCount, codes.Distinct().Count());
        Assert.Equal("/Expert", enrolled.Document.QuerySelector("#continue")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Expert")).Status);
        using (var db = app.Db())
        {
            var user = db.Users.AsNoTracking().Single(u => u.UserName == "expert-sun");
            Assert.NotNull(user.TotpEnabledAt);
            Assert.DoesNotContain(db.RecoveryCodes.AsNoTracking().Where(r => r.UserId == user.Id).Select(r => r.Hash).ToList(), h => codes.Contains(h));   // hashes, not the codes
        }

        // the next sign-in asks for a code, not enrolment; a recovery code stands in for it once (typed loosely)
        var (next, codePage) = await PasswordOnlyAsync("expert-sun");
        Assert.Null(codePage.Document.QuerySelector("#totp-secret"));
        var recovered = await next.SubmitAsync(codePage, new Dictionary<string, string> { ["RecoveryCode"] = " " + codes[3].ToLowerInvariant().Replace("-", "", StringComparison.Ordinal) }, "form[action*='handler=Recovery']");
        Assert.Equal(HttpStatusCode.Redirect, recovered.Status);
        var (again, againPage) = await PasswordOnlyAsync("expert-sun");
        var reused = await again.SubmitAsync(againPage, new Dictionary<string, string> { ["RecoveryCode"] = codes[3] }, "form[action*='handler=Recovery']");
        Assert.Equal(SecondFactorModel.WrongRecoveryCode, Registration.FieldError(reused, "RecoveryCode"));
        Assert.Contains(AuditTrail.Rows(app), r => r.UserName == "expert-sun" && r.Action == AuditAction.SecondFactorEnrolled);
        Assert.Contains(AuditTrail.Rows(app), r => r.UserName == "expert-sun" && r.Action == AuditAction.RecoveryCodeUsed && r.Details!.Contains("剩余 9 个", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_session_that_gains_a_privileged_role_without_its_second_factor_is_ended()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-leader");
        using (var db = app.Db())
        {
            var user = db.Users.Single(u => u.UserName == "zhiheng-leader");
            var bureau = db.Roles.Single(r => r.Name == Roles.Bureau);
            db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = bureau.Id });
            await db.SaveChangesAsync();
        }
        app.Clock.Now += TimeSpan.FromMinutes(2);   // past the interval at which the claims are read again

        var first = await browser.GetAsync("/Inbox");    // the claims are refreshed: now the 市科技局's, with no second factor
        var second = await browser.GetAsync("/Inbox");

        Assert.Contains(HttpStatusCode.Redirect, new[] { first.Status, second.Status });
        Assert.StartsWith("http://localhost/Account/Login", second.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_step_lasts_five_minutes_then_the_sign_in_starts_again()
    {
        var (browser, _) = await PasswordOnlyAsync("expert-zhou");
        app.Clock.Now += TimeSpan.FromMinutes(6);

        var page = await browser.GetAsync("/Account/SecondFactor");

        Assert.StartsWith("/Account/Login", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_sign_in_page_publishes_the_key_and_its_code_of_the_moment_which_signs_in()
    {
        FreshSteps();
        var login = await Browser.For(app).GetAsync("/Account/Login");
        var shown = login.Document.QuerySelector("#demo-totp-code")!.TextContent.Trim();

        Assert.Contains(Shenbao.Data.Demo.DemoData.TotpSecret, login.Document.QuerySelector("#demo-totp")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CodeAt(TimeSpan.Zero), shown);
        var (browser, page) = await PasswordOnlyAsync("auditadmin");
        Assert.Equal("/Audit", (await TypeAsync(browser, page, shown)).Location);
        Assert.Contains(AuditTrail.Rows(app), r => r.UserName == "auditadmin" && r.Action == AuditAction.SignIn && r.Details == "密码 + 动态口令");
    }
}
