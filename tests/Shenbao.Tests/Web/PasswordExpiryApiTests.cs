using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shenbao.Web.Security;

namespace Shenbao.Tests.Web;

/// <summary>
/// Under /api an expired privileged password is answered 403 as problem details, not a redirect to a page. No /api
/// endpoint of the shipped app needs a signed-in person yet, so this app adds one that needs the 市科技局.
/// </summary>
public sealed class PasswordExpiryApiTests(PasswordExpiryApiTests.ProtectedApiApp app) : IClassFixture<PasswordExpiryApiTests.ProtectedApiApp>
{
    public const string ProtectedPath = "/api/test/bureau-only";

    public sealed class ProtectedApiApp : ShenbaoApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ProtectedEndpoint>());
        }
    }

    /// <summary>
    /// Sets the endpoint before routing runs (routing leaves a request that has one alone), so that the app's own
    /// authentication, password expiry and authorisation meet it as they would an endpoint the app maps.
    /// </summary>
    private sealed class ProtectedEndpoint : IStartupFilter
    {
        private static readonly Endpoint Endpoint = new RouteEndpointBuilder(context => context.Response.WriteAsync("ok"), RoutePatternFactory.Parse(ProtectedPath), 0)
        {
            Metadata = { new AuthorizeAttribute(Policies.Bureau) },
        }.Build();

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Path == ProtectedPath) context.SetEndpoint(Endpoint);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    [Fact]
    public async Task An_expired_privileged_password_is_refused_under_api_as_problem_details_and_a_current_one_is_served()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        Assert.Equal("ok", (await officer.GetAsync(ProtectedPath)).Text);

        using (var db = app.Db())
        {
            var changed = app.Clock.Now - Shenbao.Data.Security.SecurityPolicy.Default.MaxAge;
            await db.Users.Where(u => u.UserName == "bureau-officer").ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordChangedAt, changed));
        }
        var expired = await Browser.For(app).SignInAsync("bureau-officer");
        var refused = await expired.GetAsync(ProtectedPath);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("application/problem+json", refused.Response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(refused.Text);
        Assert.Equal(403, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("密码已过期", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains("超过90天", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
