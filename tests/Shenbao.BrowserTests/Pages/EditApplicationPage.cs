using System.Text.RegularExpressions;

namespace Shenbao.BrowserTests.Pages;

/// <summary>
/// /Applications/Edit/{id} (填写申报书): the guide's sections, autosaved through htmx, with the live check beside them
/// and the typed attachments below.
/// </summary>
public sealed partial class EditApplicationPage(IPage page) : SitePage(page)
{
    public new static class Selectors
    {
        public const string Form = "#application-form";
        public const string LivePanel = "#live-panel";
        public const string Verdict = "#live-panel [data-verdict]";
        public const string SaveStatus = "#save-status";
        public const string Completeness = "#completeness";
        public const string SaveDraft = "#application-form button[type=submit]";
        public const string CheckAndSubmit = "#application-form a[href^='/Applications/Submit/']";
        public const string AutosaveUrl = "handler=Autosave";

        /// <summary>A field of the guide's form by its path (application.contract.paid → #f-application-contract-paid).</summary>
        public static string Field(string path) => "#f-" + path.Replace('.', '-');
        public static string Yes(string path) => Field(path) + "-yes";
        public static string No(string path) => Field(path) + "-no";
        public static string Rule(string ruleId) => $"#live-panel li[data-rule='{ruleId}']";
        public static string RuleBadge(string ruleId) => $"#live-panel li[data-rule='{ruleId}'] .badge";
        public static string AttachmentFile(string type) => $"#file-{type}";
        /// <summary>The 上传 of a type: it submits the application's own form (form="application-form").</summary>
        public static string AttachmentUpload(string type) => $"#upload-{type}[form='application-form']";
        public static string AttachmentFiles(string type) => $"#a-{type} a[href^='/Files/']";
    }

    public int Id => int.Parse(IdInUrl().Match(Page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    public ILocator Field(string path) => Page.Locator(Selectors.Field(path));

    public ILocator Verdict => Page.Locator(Selectors.Verdict);

    public ILocator Rule(string ruleId) => Page.Locator(Selectors.Rule(ruleId));

    public ILocator RuleBadge(string ruleId) => Page.Locator(Selectors.RuleBadge(ruleId));

    public ILocator Completeness => Page.Locator(Selectors.Completeness);

    public ILocator SaveStatus => Page.Locator(Selectors.SaveStatus);

    /// <summary>Types into a text, money, date or textarea field (an autosave follows after the pause htmx waits for).</summary>
    public Task FillAsync(string path, string value) => Field(path).FillAsync(value);

    public async Task ChooseAsync(string path, string value) => await Field(path).SelectOptionAsync(value);

    public Task YesNoAsync(string path, bool yes) => Page.Locator(yes ? Selectors.Yes(path) : Selectors.No(path)).CheckAsync();

    /// <summary>
    /// Types a value and leaves the field (so htmx posts at once on "change"), and waits for the autosave that
    /// carries it: the live panel is then the server's check of that value.
    /// </summary>
    public async Task<IResponse> ChangeAndWaitForAutosaveAsync(string path, string value)
    {
        var name = $"F[{path.Replace(".", "__", StringComparison.Ordinal)}]={value}";
        var response = await Page.RunAndWaitForResponseAsync(
            async () =>
            {
                await Field(path).FillAsync(value);
                await Field(path).PressAsync("Tab");
            },
            r => r.Url.Contains(Selectors.AutosaveUrl, StringComparison.Ordinal)
                 && Uri.UnescapeDataString((r.Request.PostData ?? "").Replace('+', ' ')).Contains(name, StringComparison.Ordinal));
        Assert.True(response.Ok, $"the autosave of {path}={value} answered {response.Status}: see the site's log, artifacts/screenshots/server.log");
        return response;
    }

    public async Task UploadAsync(string type, string file)
    {
        await Page.Locator(Selectors.AttachmentFile(type)).SetInputFilesAsync(file);
        await Page.Locator(Selectors.AttachmentUpload(type)).ClickAsync();
        await Assertions.Expect(SuccessAlert).ToContainTextAsync($"已上传“{Path.GetFileName(file)}”");
    }

    public ILocator AttachmentFiles(string type) => Page.Locator(Selectors.AttachmentFiles(type));

    public async Task<SubmitApplicationPage> CheckAndSubmitAsync()
    {
        await Page.Locator(Selectors.CheckAndSubmit).ClickAsync();
        await Page.WaitForURLAsync(SubmitUrl());
        var submit = new SubmitApplicationPage(Page);
        await Assertions.Expect(submit.Heading).ToHaveTextAsync("提交申报");
        return submit;
    }

    [GeneratedRegex(@"/Applications/Edit/(\d+)")]
    private static partial Regex IdInUrl();

    [GeneratedRegex(@"/Applications/Submit/\d+$")]
    private static partial Regex SubmitUrl();
}
