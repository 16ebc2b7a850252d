namespace Shenbao.BrowserTests.Pages;

/// <summary>What every page of the site has: the layout's navigation, the page heading, the alerts.</summary>
public class SitePage(IPage page)
{
    public static class Selectors
    {
        public const string Main = "main";
        public const string Heading = "main h1";
        public const string SignedInName = "nav .site-user";
        public const string SignOut = "form[action='/Account/Logout'] button[type=submit]";
        /// <summary>A notice after an action (role=status), not the live check's green verdict.</summary>
        public const string Success = "main .alert-success[role=status]";
    }

    public IPage Page { get; } = page;

    public ILocator Main => Page.Locator(Selectors.Main);

    public ILocator Heading => Page.Locator(Selectors.Heading);

    public ILocator SuccessAlert => Page.Locator(Selectors.Success);

    /// <summary>Opens a path of the site and returns the HTTP status of the document (after redirects).</summary>
    public async Task<int> GoToAsync(string path)
    {
        var response = await Page.GotoAsync(path) ?? throw new InvalidOperationException($"no response for {path}");
        return response.Status;
    }

    public async Task SignOutAsync()
    {
        await Page.Locator(Selectors.SignOut).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(Page.Locator(Selectors.SignOut)).ToHaveCountAsync(0);
    }
}
