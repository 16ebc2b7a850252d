namespace Shenbao.BrowserTests.Pages;

/// <summary>/Organisation/Finder (可申报类别): each category with the organisation's own conditions checked.</summary>
public sealed class FinderPage(IPage page) : SitePage(page)
{
    public new static class Selectors
    {
        public static string Category(string id) => $"section#category-{id}";
        public static string Summary(string id) => $"section#category-{id} .summary";
        public static string Rule(string id, string ruleId) => $"section#category-{id} li[data-rule='{ruleId}']";
        public static string Start(string id) => $"section#category-{id} a[href^='/Applications/Create']";
    }

    public async Task<FinderPage> OpenAsync()
    {
        await GoToAsync("/Organisation/Finder");
        await Assertions.Expect(Heading).ToHaveTextAsync("可申报类别");
        return this;
    }

    public ILocator Summary(string category) => Page.Locator(Selectors.Summary(category));

    public ILocator Rule(string category, string ruleId) => Page.Locator(Selectors.Rule(category, ruleId));

    public async Task<CreateApplicationPage> StartAsync(string category)
    {
        await Page.Locator(Selectors.Start(category)).ClickAsync();
        await Page.WaitForURLAsync("**/Applications/Create?category=*");
        return new CreateApplicationPage(Page);
    }
}
