using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Shenbao.Tests.Web;

/// <summary>
/// Sessions end on the server: the probe found a session cookie that still worked after sign-out, and an expiry that
/// slid forever.
/// </summary>
public sealed class SessionTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    /// <summary>A client that keeps no cookies of its own: what someone holding a copy of the cookie would send.</summary>
    private HttpClient Bare() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : []);

    /// <summary>Signs in by hand and returns the Cookie header a browser would then send.</summary>
    private async Task<string> SignInAsync(string userName)
    {
        using var client = Bare();
        var login = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));
        var antiforgery = CookiesOf(login);
        var token = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await login.Content.ReadAsStringAsync())
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent([new("Input.UserName", userName), new("Input.Password", Shenbao.Data.Demo.DemoData.Password), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Cookie", antiforgery);
        var signedIn = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return $"{antiforgery}; {CookiesOf(signedIn)}";
    }

    private async Task<HttpStatusCode> OpenInboxAsync(string cookie)
    {
        using var client = Bare();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Inbox");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task After_sign_out_a_copy_of_the_cookie_opens_nothing()
    {
        var copy = await SignInAsync("gaoxin-recommender");
        Assert.Equal(HttpStatusCode.OK, await OpenInboxAsync(copy));
        var browser = await Browser.For(app).SignInAsync("gaoxin-recommender");

        await browser.SubmitAsync(await browser.GetAsync("/Inbox"), new Dictionary<string, string>(), "form[action='/Account/Logout']");

        Assert.Equal(HttpStatusCode.Redirect, await OpenInboxAsync(copy));
    }

    [Fact]
    public async Task A_session_ends_twelve_hours_after_sign_in_however_active_it_was()
    {
        var browser = await Browser.For(app).SignInAsync("hynu-admin");
        var start = app.Clock.Now;

        while (app.Clock.Now - start < Shenbao.Web.Security.Sessions.Absolute - TimeSpan.FromMinutes(20))
        {
            app.Clock.Now += TimeSpan.FromMinutes(20);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Inbox")).Status);   // active: the idle limit never bites
        }
        app.Clock.Now = start + Shenbao.Web.Security.Sessions.Absolute;

        var ended = await browser.GetAsync("/Inbox");
        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.Contains("/Account/Login", ended.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_over_a_planted_session_issues_a_new_session_of_the_person_who_signed_in()
    {
        // someone's own session cookie left in the browser another person then signs in with (session fixation)
        var planted = await SignInAsync("zhiheng-leader");
        using var client = Bare();
        using var login = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        login.Headers.Add("Cookie", planted);
        var page = await client.SendAsync(login);
        var token = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync())
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent([new("Input.UserName", "hynu-admin"), new("Input.Password", Shenbao.Data.Demo.DemoData.Password), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", planted);

        var signedIn = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = CookiesOf(signedIn).Split("; ").Single(c => c.StartsWith("shenbao=", StringComparison.Ordinal));
        Assert.DoesNotContain(session, planted, StringComparison.Ordinal);
        using var profile = new HttpRequestMessage(HttpMethod.Get, "/Organisation/Profile");
        profile.Headers.Add("Cookie", session);
        var text = await (await client.SendAsync(profile)).Content.ReadAsStringAsync();
        Assert.Contains("衡阳师范学院", text, StringComparison.Ordinal);
        Assert.DoesNotContain("衡阳智衡计量科技有限公司", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idle_session_ends_after_thirty_minutes()
    {
        var browser = await Browser.For(app).SignInAsync("zhuhui-recommender");

        app.Clock.Now += TimeSpan.FromMinutes(31);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Inbox")).Status);
    }
}
