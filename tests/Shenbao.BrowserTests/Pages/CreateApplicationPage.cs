using System.Text.RegularExpressions;

namespace Shenbao.BrowserTests.Pages;

/// <summary>/Applications/Create (新建申报): the call, and a category with the organisation's verdict beside each.</summary>
public sealed partial class CreateApplicationPage(IPage page) : SitePage(page)
{
    public new static class Selectors
    {
        public const string Call = "#Input_CallId";
        public const string Submit = "main form button[type=submit]";
        public static string Category(string id) => $"#cat-{id}";
        public static string CategoryLabel(string id) => $"label[for='cat-{id}']";
        public static string CategoryBadge(string id) => $"label[for='cat-{id}'] .badge";
    }

    public async Task<CreateApplicationPage> OpenAsync(string? category = null)
    {
        await GoToAsync(category is null ? "/Applications/Create" : $"/Applications/Create?category={Uri.EscapeDataString(category)}");
        await Assertions.Expect(Heading).ToHaveTextAsync("新建申报");
        return this;
    }

    public ILocator Category(string id) => Page.Locator(Selectors.Category(id));

    public ILocator CategoryLabel(string id) => Page.Locator(Selectors.CategoryLabel(id));

    public ILocator CategoryBadge(string id) => Page.Locator(Selectors.CategoryBadge(id));

    /// <summary>Creates the application of the chosen category and lands on its form.</summary>
    public async Task<EditApplicationPage> CreateAsync(string category)
    {
        await Page.Locator(Selectors.Category(category)).CheckAsync();
        await Page.Locator(Selectors.Submit).ClickAsync();
        await Page.WaitForURLAsync(EditUrl());
        return new EditApplicationPage(Page);
    }

    [GeneratedRegex(@"/Applications/Edit/\d+$")]
    private static partial Regex EditUrl();
}
