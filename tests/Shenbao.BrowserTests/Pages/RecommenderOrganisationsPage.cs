namespace Shenbao.BrowserTests.Pages;

/// <summary>/Recommender/Organisations (单位激活): the 推荐单位's pending and active organisations of its district.</summary>
public sealed class RecommenderOrganisationsPage(IPage page) : SitePage(page)
{
    public new static class Selectors
    {
        public const string PendingCount = "#pending-count";
        public const string ActiveCount = "#active-count";
        public const string PendingRows = "#pending tbody tr";
        public const string ActiveRows = "#active tbody tr";
        public static string Activate(string organisationName) => $"#pending button[aria-label='激活 {organisationName}']";
    }

    public async Task<RecommenderOrganisationsPage> OpenAsync()
    {
        await GoToAsync("/Recommender/Organisations");
        return this;
    }

    public ILocator PendingRow(string organisationName) => Page.Locator(Selectors.PendingRows).Filter(new() { HasText = organisationName });

    public ILocator ActiveRow(string organisationName) => Page.Locator(Selectors.ActiveRows).Filter(new() { HasText = organisationName });

    public async Task ActivateAsync(string organisationName)
    {
        await Page.Locator(Selectors.Activate(organisationName)).ClickAsync();
        await Assertions.Expect(SuccessAlert).ToContainTextAsync($"已激活：{organisationName}");
    }
}
