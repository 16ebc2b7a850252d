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
    public async Task Under_https_from_the_proxy_the_session_cookie_is_secure_with_the_host_prefix_and_works()
    {
        using var factory = BehindProxy();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var (cookies, setCookies) = await SignInAsync(client, Proxy, "https");

        var session = Assert.Single(setCookies, c => c.StartsWith(HostCookies.Prefix + "shenbao=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/Inbox", Proxy, "https", cookies)).StatusCode);
        // the bare name is not the session under https: a cookie set by a plain-HTTP page cannot stand in for it
        var bare = cookies.Replace(HostCookies.Prefix + "shenbao=", "shenbao=", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await GetAsync(client, "/Inbox", Proxy, "https", bare)).StatusCode);
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
