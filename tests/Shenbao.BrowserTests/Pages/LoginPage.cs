namespace Shenbao.BrowserTests.Pages;

/// <summary>/Account/Login</summary>
public sealed class LoginPage(IPage page) : SitePage(page)
{
    public new static class Selectors
    {
        public const string UserName = "#Input_UserName";
        public const string Password = "#Input_Password";
        public const string Submit = "main form button[type=submit]";
        public const string Errors = "main .validation-summary-errors";
        public const string Code = "#Code";
        public const string CodeSubmit = "form[action*='handler=Code'] button[type=submit]";
        public const string Secret = "#totp-secret";
        public const string RecoveryCodes = "#recovery-codes";
        public const string Continue = "#continue";
    }

    /// <summary>The site's clock (the fixture sets it): codes are the server's time's, which a journey may shift.</summary>
    public static TimeProvider ServerClock { get; set; } = TimeProvider.System;

    /// <summary>Forgets the account's last used code step in the site's database (the fixture sets it).</summary>
    public static Action<string> ForgetUsedStep { get; set; } = _ => throw new InvalidOperationException("the fixture sets LoginPage.ForgetUsedStep");

    public async Task<LoginPage> OpenAsync()
    {
        await GoToAsync("/Account/Login");
        return this;
    }

    /// <summary>Opens the login page in <paramref name="page"/> and signs in.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        var login = await new LoginPage(page).OpenAsync();
        await login.SignInAsync(userName, password);
    }

    /// <summary>
    /// Signs in and waits for the signed-in layout; a refused sign-in fails with the page's message. A privileged
    /// account types its code next, as a person reads it from the authenticator: the demo's published key, or the
    /// key the page offers at enrolment (then the recovery codes are shown and the person continues).
    /// </summary>
    public async Task SignInAsync(string userName, string password)
    {
        await Page.Locator(Selectors.UserName).FillAsync(userName);
        await Page.Locator(Selectors.Password).FillAsync(password);
        await Page.Locator(Selectors.Submit).ClickAsync();
        var signedIn = Page.Locator(SitePage.Selectors.SignedInName);
        var refused = Page.Locator(Selectors.Errors);
        var code = Page.Locator(Selectors.Code);
        // attached, not visible: on a phone the signed-in name sits in the collapsed navigation
        await signedIn.Or(refused).Or(code).First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        if (await code.CountAsync() > 0) await SecondFactorAsync(userName);
        else if (await refused.IsVisibleAsync())
            throw new InvalidOperationException($"sign-in of {userName} was refused: {(await refused.InnerTextAsync()).Trim()}");
    }

    private async Task SecondFactorAsync(string userName)
    {
        var offered = Page.Locator(Selectors.Secret);
        var secret = await offered.CountAsync() > 0 ? await offered.GetAttributeAsync("data-secret") ?? "" : Shenbao.Data.Demo.DemoData.TotpSecret;
        for (var attempt = 0; ; attempt++)
        {
            var now = ServerClock.GetUtcNow();
            await Page.Locator(Selectors.Code).FillAsync(Shenbao.Web.Security.SecondFactor.CodeAt(secret, now));
            await Page.Locator(Selectors.CodeSubmit).ClickAsync();
            var signedIn = Page.Locator(SitePage.Selectors.SignedInName + ", " + Selectors.RecoveryCodes);
            var refused = Page.Locator(Selectors.Errors + ", .field-validation-error");
            await signedIn.Or(refused).First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            if (await Page.Locator(Selectors.RecoveryCodes).CountAsync() > 0)
            {
                await Page.Locator(Selectors.Continue).ClickAsync();
                await Page.Locator(SitePage.Selectors.SignedInName).WaitForAsync(new() { State = WaitForSelectorState.Attached });
                return;
            }
            if (await refused.CountAsync() == 0) return;
            // each code is good once and never an older one after it: an earlier journey signed this account in a
            // moment ago, or while it had moved the site's clock ahead (公示) — what a person waits out, forgotten here
            if (attempt == 1) throw new InvalidOperationException($"the second factor of {userName} was refused: {(await refused.First.InnerTextAsync()).Trim()}");
            ForgetUsedStep(userName);
        }
    }
}
