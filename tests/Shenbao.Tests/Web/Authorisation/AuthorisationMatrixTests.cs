using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Shenbao.Tests.Web.Authorisation;

/// <summary>
/// The authorisation matrix: every endpoint the app maps (read from its own endpoint data source, each page handler
/// on its own) × every actor × own and foreign things × the states that matter, with the expected answer in
/// <see cref="Matrix"/>. A new endpoint without a row fails here, and so does one that declares no policy.
/// </summary>
public sealed class AuthorisationMatrixTests(MatrixApp app) : IClassFixture<MatrixApp>
{
    public static TheoryData<string> Rows() => new(Matrix.Rows.Select(r => r.Name));

    /// <summary>Every endpoint as the matrix names it: "METHOD /Page/Path[?handler=Name]", or "METHOD /route" outside the pages.</summary>
    private async Task<List<string>> EndpointsAsync()
    {
        _ = app.Server;
        var loader = app.Services.GetRequiredService<PageLoader>();
        var keys = new List<string>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                // a page without handlers is only shown (a post to it is refused without its token like any other)
                if (compiled.HandlerMethods.Count == 0) keys.Add($"GET {page.ViewEnginePath}");
                keys.AddRange(compiled.HandlerMethods.Select(h => $"{h.HttpMethod.ToUpperInvariant()} {page.ViewEnginePath}{(h.Name is { Length: > 0 } name ? "?handler=" + name : "")}"));
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
                keys.AddRange(methods.Select(m => $"{m} /{endpoint.RoutePattern.RawText!.TrimStart('/')}"));
            }
        }
        return keys.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Every_endpoint_has_a_row_and_every_row_an_endpoint()
    {
        var endpoints = await EndpointsAsync();
        var rows = Matrix.Rows.Select(r => r.Endpoint).ToHashSet();

        Assert.True(endpoints.Count >= 100, $"only {endpoints.Count} endpoints were found: the enumeration is broken");
        var missing = endpoints.Where(e => !rows.Contains(e)).ToList();
        Assert.True(missing.Count == 0, "these endpoints have no row in the authorisation matrix (add one to Matrix.Rows):\n" + string.Join("\n", missing));
        var stale = rows.Where(r => !endpoints.Contains(r)).ToList();
        Assert.True(stale.Count == 0, "these rows name no endpoint of the app:\n" + string.Join("\n", stale));
        Assert.Equal(Matrix.Rows.Count, Matrix.Rows.Select(r => r.Name).Distinct().Count());
    }

    [Fact]
    public void Every_endpoint_declares_who_may_call_it()
    {
        _ = app.Server;
        var undeclared = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is { Length: > 0 } || a.Roles is { Length: > 0 }))
            .Select(e => e.DisplayName).ToList();

        Assert.True(undeclared.Count == 0, "these endpoints declare neither a policy nor AllowAnonymous (the fallback refuses them to everyone):\n" + string.Join("\n", undeclared));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_actor_gets_the_expected_answer(string name)
    {
        var row = Matrix.Rows.Single(r => r.Name == name);
        var browsers = await app.BrowsersAsync();
        var url = Resolve(row.Path) + (row.Handler is { } handler ? (row.Path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler : "");
        var before = row.Method == "GET" ? null : await app.FingerprintAsync();
        var mismatches = new List<string>();

        foreach (var actor in Access.All)
        {
            var browser = browsers[actor];
            var expected = row.Access.Expected(actor);
            HttpResponseMessage response;
            if (row.Method == "GET")
                response = await browser.Client.GetAsync(new Uri(url, UriKind.Relative));
            else if (row.Access.Reaches(actor) && !row.Safe)
            {
                // admitted: the same post without its antiforgery token is refused before it acts
                expected = Outcome.BadRequest;
                response = await browser.Client.PostAsync(new Uri(url, UriKind.Relative), Form(row, token: null));
            }
            else
                response = await browser.Client.PostAsync(new Uri(url, UriKind.Relative),
                    row.Json is { } json ? new StringContent(Resolve(json), Encoding.UTF8, "application/json") : Form(row, row.Safe ? null : await TokenAsync(browser, actor)));

            var actual = Classify(response);
            if (actual != expected.ToString())
                mismatches.Add($"{actor}: expected {expected}, got {actual}");
        }

        if (before is not null && await app.FingerprintAsync() != before)
            mismatches.Add("the posts changed what is stored, though each was refused or sent without its token");
        Assert.True(mismatches.Count == 0, $"{row.Name} → {url}\n" + string.Join("\n", mismatches));
    }

    private string Resolve(string text)
    {
        foreach (var (key, value) in app.Resources) text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text.Replace("{\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        return text;
    }

    private FormUrlEncodedContent Form(Row row, string? token)
    {
        var fields = (row.Form ?? new Dictionary<string, string>()).Select(f => new KeyValuePair<string, string>(f.Key, Resolve(f.Value))).ToList();
        if (token is not null) fields.Add(new("__RequestVerificationToken", token));
        return new FormUrlEncodedContent(fields);
    }

    private readonly Dictionary<Actor, string> tokens = [];

    /// <summary>The actor's own antiforgery token, from a page with a form that they may open.</summary>
    private async Task<string> TokenAsync(Browser browser, Actor actor)
    {
        if (tokens.TryGetValue(actor, out var token)) return token;
        var page = await browser.GetAsync(actor == Actor.Anonymous ? "/Account/Login" : "/Account/ChangePassword");
        return tokens[actor] = Browser.Token(page);
    }

    private static string Classify(HttpResponseMessage response)
    {
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.AbsolutePath : l.OriginalString) : "";
        return response.StatusCode switch
        {
            HttpStatusCode.OK => nameof(Outcome.Ok),
            HttpStatusCode.BadRequest => nameof(Outcome.BadRequest),
            HttpStatusCode.NotFound => nameof(Outcome.NotFound),
            HttpStatusCode.Unauthorized => nameof(Outcome.Login),
            HttpStatusCode.Forbidden => nameof(Outcome.Denied),
            HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.MovedPermanently or HttpStatusCode.Found when location.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase) => nameof(Outcome.Login),
            HttpStatusCode.Redirect or HttpStatusCode.SeeOther when location.StartsWith("/Account/Denied", StringComparison.OrdinalIgnoreCase) => nameof(Outcome.Denied),
            HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.MovedPermanently => nameof(Outcome.Redirect),
            var status => $"{(int)status} {status}",
        };
    }
}
