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
        public const string ReturnedRows = "#returned tbody tr";
        public const string ReturnReason = "textarea[name=reason]";
        public static string Return(string organisationName) => $"#pending button[aria-label='退回 {organisationName}']";
        /// <summary>What a resubmitted registration shows of its earlier return.</summary>
        public const string ReturnedBefore = ".returned-before";
    }

    public async Task<RecommenderOrganisationsPage> OpenAsync()
    {
        await GoToAsync("/Recommender/Organisations");
        return this;
    }

    public ILocator PendingRow(string organisationName) => Page.Locator(Selectors.PendingRows).Filter(new() { HasText = organisationName });

    public ILocator ActiveRow(string organisationName) => Page.Locator(Selectors.ActiveRows).Filter(new() { HasText = organisationName });

    /// <summary>Activates, answering the browser's confirmation; the question asked is returned.</summary>
    public async Task<string> ActivateAsync(string organisationName)
    {
        var question = await AnswerAsync(Page.Locator(Selectors.Activate(organisationName)), accept: true);
        await Assertions.Expect(SuccessAlert).ToContainTextAsync($"已激活：{organisationName}");
        return question;
    }

    public ILocator ReturnedRow(string organisationName) => Page.Locator(Selectors.ReturnedRows).Filter(new() { HasText = organisationName });

    /// <summary>Opens the row's 退回, writes the reason and sends it, answering the confirmation; the question asked is returned.</summary>
    public async Task<string> ReturnAsync(string organisationName, string reason)
    {
        var row = PendingRow(organisationName);
        await row.Locator("summary", new() { HasText = "退回" }).ClickAsync();
        await row.Locator(Selectors.ReturnReason).FillAsync(reason);
        var question = await AnswerAsync(Page.Locator(Selectors.Return(organisationName)), accept: true);
        await Assertions.Expect(SuccessAlert).ToContainTextAsync($"已退回：{organisationName}");
        return question;
    }

    /// <summary>Clicks 激活 and declines the confirmation: nothing is sent.</summary>
    public Task<string> DeclineActivationAsync(string organisationName) => AnswerAsync(Page.Locator(Selectors.Activate(organisationName)), accept: false);

    /// <summary>Clicks what asks the browser's confirm(), answers it, and returns the question.</summary>
    private async Task<string> AnswerAsync(ILocator button, bool accept)
    {
        var asked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Answer(object? sender, IDialog dialog)
        {
            asked.TrySetResult(dialog.Message);
            _ = accept ? dialog.AcceptAsync() : dialog.DismissAsync();
        }
        Page.Dialog += Answer;
        try
        {
            await button.ClickAsync();
            return await asked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            Page.Dialog -= Answer;
        }
    }
}
