using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Shenbao.Web.Security;

/// <summary>
/// Who the client is, and whether it came over HTTPS, when Shenbao runs behind a proxy: X-Forwarded-For and
/// X-Forwarded-Proto are believed only from the addresses listed in Shenbao:Proxy:Addresses (the proxy's own, one
/// hop). With none listed no forwarding header is read at all, so a client cannot choose the address the rate
/// limits count or make a plain connection look like HTTPS.
/// </summary>
public static class ClientAddresses
{
    public static IServiceCollection AddClientAddresses(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Proxies(configuration);
        return services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // the framework trusts loopback by default; here only what is configured
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            o.ForwardLimit = 1;
        });
    }

    public static IApplicationBuilder UseClientAddresses(this IApplicationBuilder app, IConfiguration configuration) =>
        Proxies(configuration).Count == 0 ? app : app.UseForwardedHeaders();

    /// <summary>The configured proxies; an entry that is not an IP address stops the start with a message that says which.</summary>
    public static IReadOnlyList<IPAddress> Proxies(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var listed = configuration.GetSection("Shenbao:Proxy:Addresses").Get<string[]>() ?? [];
        return listed.Select(entry => IPAddress.TryParse(entry.Trim(), out var address) ? address
            : throw new InvalidOperationException($"Shenbao:Proxy:Addresses: “{entry}” is not an IP address (list the proxy's own addresses, e.g. 127.0.0.1).")).ToList();
    }
}
