namespace Shenbao.BrowserTests.Pages;

/// <summary>/Account/Register (单位注册) and the page after it (/Account/Registered).</summary>
public sealed class RegisterPage(IPage page) : SitePage(page)
{
    public new static class Selectors
    {
        public const string CreditCode = "#Input_CreditCode";
        public const string Name = "#Input_Name";
        public const string Kind = "#Input_Kind";
        public const string District = "#Input_District";
        public const string ContactName = "#Input_ContactName";
        public const string ContactPhone = "#Input_ContactPhone";
        public const string ContactEmail = "#Input_ContactEmail";
        public const string UserName = "#Input_UserName";
        public const string DisplayName = "#Input_DisplayName";
        public const string Email = "#Input_Email";
        public const string Password = "#Input_Password";
        public const string ConfirmPassword = "#Input_ConfirmPassword";
        public const string Submit = "main form button[type=submit]";
        public const string FieldErrors = "main .field-validation-error";
        public const string RegisteredNotice = "main .alert-info[role=status]";
    }

    public sealed record Organisation(string CreditCode, string Name, string Kind, string District, string ContactName, string ContactPhone, string ContactEmail,
        string UserName, string DisplayName, string Password);

    public async Task<RegisterPage> OpenAsync()
    {
        await GoToAsync("/Account/Register");
        return this;
    }

    public async Task FillAsync(Organisation o)
    {
        await Page.Locator(Selectors.CreditCode).FillAsync(o.CreditCode);
        await Page.Locator(Selectors.Name).FillAsync(o.Name);
        await Page.Locator(Selectors.Kind).SelectOptionAsync(o.Kind);
        await Page.Locator(Selectors.District).SelectOptionAsync(o.District);
        await Page.Locator(Selectors.ContactName).FillAsync(o.ContactName);
        await Page.Locator(Selectors.ContactPhone).FillAsync(o.ContactPhone);
        await Page.Locator(Selectors.ContactEmail).FillAsync(o.ContactEmail);
        await Page.Locator(Selectors.UserName).FillAsync(o.UserName);
        await Page.Locator(Selectors.DisplayName).FillAsync(o.DisplayName);
        // the administrator here is the contact person: one address for both
        await Page.Locator(Selectors.Email).FillAsync(o.ContactEmail);
        await Page.Locator(Selectors.Password).FillAsync(o.Password);
        await Page.Locator(Selectors.ConfirmPassword).FillAsync(o.Password);
    }

    /// <summary>Submits and waits for 注册已提交; a refused registration fails with the messages beside the fields.</summary>
    public async Task SubmitAsync()
    {
        await Page.Locator(Selectors.Submit).ClickAsync();
        var done = Page.Locator(Selectors.RegisteredNotice);
        var refused = Page.Locator(Selectors.FieldErrors);
        await done.Or(refused).First.WaitForAsync();
        if (await refused.CountAsync() > 0)
            throw new InvalidOperationException("registration was refused: " + string.Join("; ", await refused.AllInnerTextsAsync()));
    }

    public ILocator RegisteredNotice => Page.Locator(Selectors.RegisteredNotice);
}
