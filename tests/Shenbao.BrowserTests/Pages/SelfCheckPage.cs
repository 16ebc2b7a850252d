namespace Shenbao.BrowserTests.Pages;

/// <summary>/SelfCheck (资格自测): anonymous questions about the organisation, and each category's verdict.</summary>
public sealed class SelfCheckPage(IPage page) : SitePage(page)
{
    public new static class Selectors
    {
        public const string Kind = "#Input_Kind";
        public const string InHengyangYes = "#in-hengyang-yes";
        public const string InHengyangNo = "#in-hengyang-no";
        public const string Employees = "#Input_Employees";
        public const string IpDisputeNo = "#ip-dispute-no";
        public const string PlatformType = "#Input_PlatformType";
        public const string PlatformLevel = "#Input_PlatformLevel";
        public const string Submit = "main form button[type=submit]";
        public const string Results = "#results";
        public static string Result(string category) => $"#result-{category}";
        public static string Summary(string category) => $"#result-{category} .summary";
        public static string Rule(string category, string ruleId) => $"#result-{category} li[data-rule='{ruleId}']";
        public static string ClauseLink(string category, string ruleId) => $"#result-{category} li[data-rule='{ruleId}'] a.clause-link";
        public static string FailedClauseLinks(string category) => $"#result-{category} li.outcome-fail a.clause-link";
    }

    public async Task<SelfCheckPage> OpenAsync()
    {
        await GoToAsync("/SelfCheck");
        await Assertions.Expect(Heading).ToHaveTextAsync("资格自测");
        return this;
    }

    public async Task AnswerAsUniversityAsync(string platformType, string platformLevel)
    {
        await Page.Locator(Selectors.Kind).SelectOptionAsync("university");
        await Page.Locator(Selectors.InHengyangYes).CheckAsync();
        await Page.Locator(Selectors.IpDisputeNo).CheckAsync();
        await Page.Locator(Selectors.PlatformType).SelectOptionAsync(platformType);
        await Page.Locator(Selectors.PlatformLevel).SelectOptionAsync(platformLevel);
    }

    public async Task CheckAsync()
    {
        await Page.Locator(Selectors.Submit).ClickAsync();
        await Page.Locator(Selectors.Results).WaitForAsync();
    }

    public ILocator Summary(string category) => Page.Locator(Selectors.Summary(category));

    public ILocator Rule(string category, string ruleId) => Page.Locator(Selectors.Rule(category, ruleId));

    public ILocator ClauseLink(string category, string ruleId) => Page.Locator(Selectors.ClauseLink(category, ruleId));

    /// <summary>The clause links of the conditions a category failed.</summary>
    public ILocator FailedClauseLinks(string category) => Page.Locator(Selectors.FailedClauseLinks(category));
}
