using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Shenbao.Tests.Web;

/// <summary>
/// Every kind of response carries the CSP (the site's own scripts and styles only, nothing inline, no eval, no
/// framing), nosniff and a referrer policy; a Host the site does not serve is refused before anything is built on it.
/// </summary>
public sealed class SecurityHeadersTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    public static TheoryData<string> Responses => new()
    {
        "/",                                  // a page
        "/Account/Login",                     // a form
        "/no-such-page",                      // the error page (404)
        "/api/guides",                        // JSON
        "/api/guides/no-such-guide",          // problem details
        "/lib/htmx/htmx.min.js",              // a static file
        "/Bureau/Applications",               // a redirect to sign in
    };

    private static string Csp(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(", ", values) : "";

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Each_kind_of_response_carries_the_csp_nosniff_and_the_referrer_policy(string path)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        var csp = Csp(response).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("base-uri 'self'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.DoesNotContain("unsafe", Csp(response), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain http would be ignored by browsers and is not sent");
    }

    [Fact]
    public async Task No_page_holds_an_inline_script_or_an_event_handler_attribute()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        foreach (var path in new[] { "/", "/Account/Login", "/Bureau/Applications", "/Bureau/Statistics", "/Bureau/WhatIf", "/Guide/hengyang-2025" })
        {
            var page = await officer.GetAsync(path);
            Assert.All(page.Document.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"{path}: an inline <script>"));
            Assert.Empty(page.Document.QuerySelectorAll("[style]"));
            Assert.DoesNotContain(page.Document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name.StartsWith("hx-on", StringComparison.Ordinal)));
        }
    }

    [Theory]
    [InlineData("evil.example", false)]
    [InlineData("localhost.evil.example", false)]
    [InlineData("127.0.0.1.evil.example", false)]
    [InlineData("localhost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.1:5000", true)]
    public async Task Only_the_hosts_the_site_serves_are_answered_and_no_redirect_is_built_on_another(string host, bool served)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/Bureau/Applications", UriKind.Relative));
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        if (served)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(host, response.Headers.Location!.Authority);   // the sign-in redirect is built on the host asked
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
        }
    }

    [Fact]
    public async Task The_public_host_and_the_configured_ones_are_served_beside_the_local_ones()
    {
        using var configured = app.WithWebHostBuilder(b => b
            .UseSetting("Shenbao:PublicBaseUrl", "https://kjsb.hengyang.example")
            .UseSetting("AllowedHosts", "intranet.kjj.example"));
        using var client = configured.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        async Task<HttpStatusCode> StatusForAsync(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
            request.Headers.Host = host;
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await StatusForAsync("kjsb.hengyang.example"));
        Assert.Equal(HttpStatusCode.OK, await StatusForAsync("intranet.kjj.example"));
        Assert.Equal(HttpStatusCode.OK, await StatusForAsync("localhost"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusForAsync("evil.example"));
    }
}

/// <summary>Kestrel itself: the header the in-process test server never writes.</summary>
public sealed class ServerHeaderOnKestrelTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    [Fact]
    public async Task Kestrel_names_no_server()
    {
        using var client = new HttpClient { BaseAddress = app.Address };

        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var missing = await client.GetAsync(new Uri("/api/guides/no-such-guide", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Server"), string.Join(",", page.Headers.Select(h => h.Key)));
        Assert.False(missing.Headers.Contains("Server"));
    }
}
