namespace Shenbao.BrowserTests.Pages;

/// <summary>
/// The officials' pages as a journey uses them: 推荐审核 and its review, 形式审查 and its review, 立项与公示, and the
/// public 公示 page with its objection form. Buttons that ask the browser first are answered here.
/// </summary>
public sealed class OfficialPages(IPage page) : SitePage(page)
{
    public new static class Selectors
    {
        public const string Answer = "#answer";
        public const string Reason = "#Reason";
        public static string AnswerButton(string action) => $"#answer button[name=answer][value={action}]";
        public const string Message = "#message";
        public const string Status = "#status";
        public static string DecisionRow(int id) => $"#decisions tr[data-application='{id}']";
        public const string PublicityRows = "table.publicity tbody tr";
        public const string ObjectionForm = "#objection form";
    }

    public ILocator Message => Page.Locator(Selectors.Message);

    public ILocator Status => Page.Locator(Selectors.Status);

    /// <summary>Clicks an answer on a review page (with its reason), accepting the browser's question.</summary>
    public async Task AnswerAsync(string action, string? reason = null)
    {
        if (reason is not null) await Page.Locator(Selectors.Reason).FillAsync(reason);
        await ConfirmAsync(Page.Locator(Selectors.AnswerButton(action)));
    }

    /// <summary>Clicks what asks confirm(), says yes, and waits for the page it leads to.</summary>
    public async Task ConfirmAsync(ILocator button)
    {
        void Accept(object? sender, IDialog dialog) => _ = dialog.AcceptAsync();
        Page.Dialog += Accept;
        try
        {
            await PostAsync(button);
        }
        finally
        {
            Page.Dialog -= Accept;
        }
    }

    /// <summary>Clicks a button that posts its form and waits for the post's answer (the page after it is waited for by what is expected on it).</summary>
    public async Task PostAsync(ILocator button) =>
        await Page.RunAndWaitForResponseAsync(() => button.ClickAsync(), r => r.Request.Method == "POST" && r.Request.ResourceType == "document");

    public ILocator DecisionRow(int id) => Page.Locator(Selectors.DecisionRow(id));
}
