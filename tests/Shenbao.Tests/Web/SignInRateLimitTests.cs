using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Shenbao.Tests.Web;

/// <summary>The probe sent about 900 sign-in POSTs a second and never met a 429: now ten a minute per address, then 429 with Retry-After.</summary>
public sealed class SignInRateLimitTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private WebApplicationFactory<Program> Limited() => app.WithWebHostBuilder(b => b.UseSetting("Shenbao:RateLimits:SignInPerMinute", "10"));

    [Fact]
    public async Task The_eleventh_sign_in_post_in_a_minute_is_a_429_with_retry_after_and_pages_still_open()
    {
        using var factory = Limited();
        var browser = new Browser(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var login = await browser.GetAsync("/Account/Login");
        var form = new Dictionary<string, string> { ["Input.UserName"] = "nobody-here", ["Input.Password"] = "wrong-password", ["__RequestVerificationToken"] = Browser.Token(login) };

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++) answers.Add((await browser.PostAsync("/Account/Login", form)).Status);
        var refused = await browser.Client.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(form));

        Assert.All(answers.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[10]);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Contains("尝试过于频繁", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // reading pages is not limited, the sign-in page included
        for (var i = 0; i < 15; i++) Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Account/Login")).Status);
        // nor are other forms
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await browser.PostAsync("/Account/ForgotPassword", [new("__RequestVerificationToken", Browser.Token(login))])).Status);
    }

    [Fact]
    public async Task The_eleventh_sign_in_at_one_name_in_a_minute_is_a_429_whatever_the_address_and_another_name_still_answers()
    {
        using var factory = app.WithWebHostBuilder(b => b.UseSetting("Shenbao:RateLimits:SignInPerNamePerMinute", "10"));
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            // a fresh visitor each time, as a spread of addresses would look
            var visitor = new Browser(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
            var login = await visitor.GetAsync("/Account/Login");
            answers.Add((await visitor.SubmitAsync(login, new Dictionary<string, string> { ["Input.UserName"] = i % 2 == 0 ? "Target-Name" : "target-name", ["Input.Password"] = "wrong-password" })).Status);
        }
        var other = new Browser(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var otherAnswer = await other.SubmitAsync(await other.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = "another-name", ["Input.Password"] = "wrong-password" });

        Assert.All(answers.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[10]);   // the name counts as normalised: case does not buy attempts
        Assert.Equal(HttpStatusCode.OK, otherAnswer.Status);
    }

    [Fact]
    public async Task A_forged_forwarding_header_does_not_buy_more_attempts()
    {
        using var factory = Limited();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Register") { Content = new FormUrlEncodedContent([]) };
            request.Headers.Add("X-Forwarded-For", $"10.0.0.{i}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(10, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
    }
}
