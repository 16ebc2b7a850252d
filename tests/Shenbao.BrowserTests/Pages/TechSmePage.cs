namespace Shenbao.BrowserTests.Pages;

/// <summary>/Organisation/TechSme (科技型中小企业自评): the standard's facts, each judged with its figures, and the record.</summary>
public sealed class TechSmePage(IPage page) : SitePage(page)
{
    public new static class Selectors
    {
        public static string Fact(string key) => $"#fact-{key}";
        public static string Proof(string route) => $"[data-proof='{route}'] input[type=file]";
        public const string Save = "form#tech-sme button[type=submit]:not([formaction])";
        public const string Record = "form#tech-sme button[formaction*='handler=Record']";
        public const string Conclusion = "#result .conclusion";
        public const string Missing = "#result .missing";
        public const string Errors = "main .validation-summary-errors, main .field-error, main .not-recorded";
        public const string History = "#history tr.record";
        public static string Indicator(string id) => $"#result [data-indicator='{id}']";
    }

    public async Task<TechSmePage> OpenAsync()
    {
        await GoToAsync("/Organisation/TechSme");
        await Assertions.Expect(Heading).ToHaveTextAsync("科技型中小企业自评");
        return this;
    }

    public async Task FillAsync(string key, string value) => await Page.Locator(Selectors.Fact(key)).FillAsync(value);

    public async Task ChooseAsync(string key, bool yes) => await Page.Locator(Selectors.Fact(key)).SelectOptionAsync(yes ? "true" : "false");

    public async Task AttachAsync(string route, string file) => await Page.Locator(Selectors.Proof(route)).SetInputFilesAsync(file);

    public ILocator Conclusion => Page.Locator(Selectors.Conclusion);

    public ILocator Missing => Page.Locator(Selectors.Missing);

    public ILocator Errors => Page.Locator(Selectors.Errors);

    public ILocator History => Page.Locator(Selectors.History);

    public ILocator Indicator(string id) => Page.Locator(Selectors.Indicator(id));

    /// <summary>保存 without recording; waits for the notice.</summary>
    public async Task SaveAsync()
    {
        await Page.Locator(Selectors.Save).ClickAsync();
        await Assertions.Expect(SuccessAlert).ToContainTextAsync("已保存");
    }

    /// <summary>完成自评: the click, and whatever the page answers (the notice, or the refusal with its reasons).</summary>
    public async Task RecordAsync()
    {
        await Page.Locator(Selectors.Record).ClickAsync();
        await SuccessAlert.Or(Errors).First.WaitForAsync();
    }
}
