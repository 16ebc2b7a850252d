using Microsoft.EntityFrameworkCore;

namespace Shenbao.BrowserTests.Support;

/// <summary>
/// One site and one headless chromium for all journeys (start-up is the slow part); each person in a journey gets
/// a browser context of their own, so cookies never leak between people.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public ShenbaoServer Server { get; } = new();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Machine.RequireChromium();
        Machine.RequireChineseFonts();
        Server.Start();
        Pages.LoginPage.ServerClock = Server.Clock;
        Pages.LoginPage.ForgetUsedStep = userName => Server.Query(db =>
            db.Users.Where(u => u.UserName == userName).ExecuteUpdate(u => u.SetProperty(x => x.TotpLastStep, (long?)null)));
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Machine.ChromiumPath,
            Headless = true,
            Args = Machine.ChromiumArgs,
        });
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    /// <summary>
    /// A fresh browser (own cookies) for one person, in Chinese and Beijing time, at the size of an office screen or,
    /// with <paramref name="phone"/>, of a phone (390 × 844, touch).
    /// </summary>
    public async Task<IPage> NewPersonAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Server.Address.ToString().TrimEnd('/'),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = phone ? new() { Width = 390, Height = 844 } : new() { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserJourneys : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
