namespace Shenbao.BrowserTests.Pages;

/// <summary>/Account/Registration (注册信息): an organisation not yet active sees where its registration stands and corrects it.</summary>
public sealed class RegistrationPage(IPage page) : SitePage(page)
{
    public new static class Selectors
    {
        public const string Status = "#registration-status";
        public const string ReturnReason = "#return-reason";
        public static string Field(string name) => $"#registration-form [name='Input.{name}']";
        public const string Submit = "#registration-form button[type=submit]";
    }

    public ILocator Status => Page.Locator(Selectors.Status);

    public ILocator ReturnReason => Page.Locator(Selectors.ReturnReason);

    public Task FillAsync(string name, string value) => Page.Locator(Selectors.Field(name)).FillAsync(value);

    /// <summary>保存并重新提交 (or 保存修改), waiting for the page's notice of it.</summary>
    public async Task SubmitAsync(string notice)
    {
        await Page.Locator(Selectors.Submit).ClickAsync();
        await Assertions.Expect(SuccessAlert).ToContainTextAsync(notice);
    }
}
