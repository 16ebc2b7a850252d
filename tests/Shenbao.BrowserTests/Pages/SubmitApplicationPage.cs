using System.Text.RegularExpressions;

namespace Shenbao.BrowserTests.Pages;

/// <summary>/Applications/Submit/{id} (提交申报): the check before submission, the refusals, and 确认提交.</summary>
public sealed partial class SubmitApplicationPage(IPage page) : SitePage(page)
{
    public new static class Selectors
    {
        public const string Refusal = "#refusal";
        public const string Passed = "main .alert-success[role=status]";
        public const string Submit = "main form[method=post]:not([action='/Account/Logout']) button[type=submit]";
        public static string Rule(string ruleId) => $"main li[data-rule='{ruleId}']";
    }

    public ILocator Refusal => Page.Locator(Selectors.Refusal);

    public ILocator Passed => Page.Locator(Selectors.Passed);

    public ILocator SubmitButton => Page.Locator(Selectors.Submit);

    public ILocator Rule(string ruleId) => Page.Locator(Selectors.Rule(ruleId));

    public async Task<ApplicationDetailsPage> SubmitAsync()
    {
        await SubmitButton.ClickAsync();
        await Page.WaitForURLAsync(DetailsUrl());
        return new ApplicationDetailsPage(Page);
    }

    /// <summary>What a person could do with the browser's tools: enable the disabled button and post anyway.</summary>
    public async Task ForceSubmitAsync()
    {
        await SubmitButton.EvaluateAsync("b => b.removeAttribute('disabled')");
        await SubmitButton.ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    [GeneratedRegex(@"/Applications/Details/\d+")]
    private static partial Regex DetailsUrl();
}
