using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Shenbao.Tests.Web;

/// <summary>
/// Deny by default under /api too: every endpoint the app maps declares who may call it, and one that declared nothing
/// would need a signed-in user — the probe found /api endpoints anonymous unless each said otherwise.
/// </summary>
public sealed class ApiAccessTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private async Task<bool> FallbackAllowsAsync(ClaimsPrincipal user, HttpContext context)
    {
        var policy = await app.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();
        Assert.NotNull(policy);
        return (await app.Services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, context, policy)).Succeeded;
    }

    private static DefaultHttpContext Request(string path, Endpoint? endpoint = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.SetEndpoint(endpoint);
        return context;
    }

    [Fact]
    public void Every_api_endpoint_says_who_may_call_it()
    {
        _ = app.Server;   // starts the host, which maps the endpoints
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api", StringComparison.Ordinal) == true)
            .ToList();

        Assert.True(endpoints.Count >= 3, $"only {endpoints.Count} /api endpoints were found");
        var undeclared = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => e.RoutePattern.RawText).ToList();
        Assert.True(undeclared.Count == 0, $"these /api endpoints declare no access: {string.Join(", ", undeclared)}");
    }

    [Fact]
    public async Task An_endpoint_that_declares_nothing_is_refused_to_an_anonymous_caller_under_api_as_anywhere()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        var signedIn = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone")], "test"));

        Assert.False(await FallbackAllowsAsync(anonymous, Request("/api/a-new-endpoint")));
        Assert.False(await FallbackAllowsAsync(anonymous, Request("/Some/NewPage")));
        // a path nothing serves is told 404 once signed in; an endpoint that is served but declares nothing is refused to everyone
        Assert.True(await FallbackAllowsAsync(signedIn, Request("/api/a-new-endpoint")));
        var undeclared = new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(), "a new endpoint that declares nothing");
        Assert.False(await FallbackAllowsAsync(signedIn, Request("/api/a-new-endpoint", undeclared)));
        Assert.False(await FallbackAllowsAsync(signedIn, Request("/Some/NewPage", undeclared)));
        // the routing's answer to a wrong method tells nothing and stays a 405
        Assert.True(await FallbackAllowsAsync(anonymous, Request("/api/eligibility/check", new Endpoint(null, null, "405 HTTP Method Not Supported"))));
    }

    [Fact]
    public async Task The_public_interfaces_stay_public_and_a_wrong_method_is_still_405()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/guides", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.GetAsync(new Uri("/api/eligibility/check", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_anonymous_call_to_what_declares_nothing_under_api_is_a_401_problem_not_a_redirect()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // a path nothing declares (here: none is mapped) is refused before anything is said about whether it exists
        var response = await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(401, problem["status"]!.GetValue<int>());
        Assert.Equal("需要登录", problem["title"]!.GetValue<string>());
        // a page is still a redirect to the sign-in page
        var page = await client.GetAsync(new Uri("/Bureau/Statistics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}
