using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shenbao.Web.Security;

namespace Shenbao.Tests.Web;

/// <summary>
/// Behind a configured proxy: its X-Forwarded-For names the client the limits count and its X-Forwarded-Proto makes
/// the session cookie Secure with the __Host- prefix; the same headers from anyone else are ignored. (The test server
/// has no sockets: a start-up filter takes the connection's address from X-Test-Peer.)
/// </summary>
public sealed class ProxyAndCookieTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private const string Proxy = "10.1.1.1";

    private WebApplicationFactory<Program> BehindProxy() => app.WithWebHostBuilder(b => b
        .UseSetting("Shenbao:Proxy:Addresses:0", Proxy)
        .UseSetting("Shenbao:RateLimits:SignInPerMinute", "10")
        .ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerFromHeader>()));

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((context, inner) =>
            {
                if (context.Request.Headers["X-Test-Peer"] is [{ } peer]) context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                return inner(context);
            });
            next(builder);
        };
    }

    private static async Task<List<HttpStatusCode>> RegisterPostsAsync(HttpClient client, string peer, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Register") { Content = new FormUrlEncodedContent([]) };
            request.Headers.Add("X-Test-Peer", peer);
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        return statuses;
    }

    [Fact]
    public async Task The_configured_proxy_names_each_client_and_anyone_else_forwarding_is_counted_as_itself()
    {
        using var factory = BehindProxy();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var throughProxy = await RegisterPostsAsync(client, Proxy, 12);
        var forged = await RegisterPostsAsync(client, "10.9.9.9", 12);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, throughProxy);   // twelve clients, one attempt each
        Assert.Equal(10, forged.Count(s => s != HttpStatusCode.TooManyRequests));   // one client whatever it forwards
        Assert.Equal(HttpStatusCode.TooManyRequests, forged[^1]);
    }

    [Fact]
    public async Task Under_https_from_the_proxy_every_response_carries_hsts_and_a_forged_https_gets_none()
    {
        // HSTS is sent for the public host only: browsers ignore it for localhost, and the library leaves it out there
        using var factory = BehindProxy().WithWebHostBuilder(b => b.UseSetting("Shenbao:PublicBaseUrl", "https://kjsb.hengyang.example"));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        async Task<HttpResponseMessage> PublicGetAsync(string path, string peer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "kjsb.hengyang.example";
            Forwarded(request, peer, "https");
            return await client.SendAsync(request);
        }

        foreach (var path in new[] { "/", "/api/guides", "/lib/htmx/htmx.min.js" })
        {
            using var secure = await PublicGetAsync(path, Proxy);
            using var forged = await PublicGetAsync(path, "10.9.9.9");

            Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
            Assert.Equal("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());
            Assert.False(forged.Headers.Contains("Strict-Transport-Security"), path);
        }
    }

    [Fact]
    public async Task A_forwarded_https_from_anyone_else_is_plain_http_and_the_cookie_keeps_its_bare_name()
    {
        using var factory = BehindProxy();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var (_, setCookies) = await SignInAsync(client, "10.9.9.9", "https");

        var session = Assert.Single(setCookies, c => c.StartsWith("shenbao=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string peer, string proto, string cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        Forwarded(request, peer, proto);
        if (cookies.Length > 0) request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request);
    }

    private static void Forwarded(HttpRequestMessage request, string peer, string proto)
    {
        request.Headers.Add("X-Test-Peer", peer);
        request.Headers.Add("X-Forwarded-Proto", proto);
        request.Headers.Add("X-Forwarded-For", "203.0.113.50");
    }

    /// <summary>Signs zhiheng-admin in, carrying cookies by hand (a cookie container would not send Secure ones over the test's http).</summary>
    private static async Task<(string Cookies, List<string> SetCookies)> SignInAsync(HttpClient client, string peer, string proto)
    {
        var jar = new Dictionary<string, string>();
        var all = new List<string>();
        void Keep(HttpResponseMessage response)
        {
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                all.Add(header);
                var pair = header.Split(';')[0];
                jar[pair[..pair.IndexOf('=', StringComparison.Ordinal)]] = pair;
            }
        }
        var login = await GetAsync(client, "/Account/Login", peer, proto, "");
        Keep(login);
        var token = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await login.Content.ReadAsStringAsync())
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent([new("Input.UserName", "zhiheng-admin"), new("Input.Password", Shenbao.Data.Demo.DemoData.Password), new("__RequestVerificationToken", token)]),
        };
        Forwarded(post, peer, proto);
        post.Headers.Add("Cookie", string.Join("; ", jar.Values));
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Keep(signedIn);
        return (string.Join("; ", jar.Values), all);
    }
}
