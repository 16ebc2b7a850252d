using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Shenbao.Tests.Support;

/// <summary>The web application in process, reading the repository's guides folder.</summary>
public sealed class ShenbaoApp : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Shenbao:GuidesPath", Path.Combine(Paths.Root, "guides"));
        builder.UseEnvironment("Production");
    }
}
