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
    }

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

    /// <summary>Signs in and waits for the signed-in layout; a refused sign-in fails with the page's message.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await Page.Locator(Selectors.UserName).FillAsync(userName);
        await Page.Locator(Selectors.Password).FillAsync(password);
        await Page.Locator(Selectors.Submit).ClickAsync();
        var signedIn = Page.Locator(SitePage.Selectors.SignedInName);
        var refused = Page.Locator(Selectors.Errors);
        // attached, not visible: on a phone the signed-in name sits in the collapsed navigation
        await signedIn.Or(refused).First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        if (await refused.IsVisibleAsync())
            throw new InvalidOperationException($"sign-in of {userName} was refused: {(await refused.InnerTextAsync()).Trim()}");
    }
}
