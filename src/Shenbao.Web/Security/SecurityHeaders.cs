using Microsoft.AspNetCore.HostFiltering;

namespace Shenbao.Web.Security;

/// <summary>
/// The headers every response carries and the hosts Shenbao answers to. The CSP lets the pages run only the site's own
/// script files (no inline script, no eval — htmx is told not to evaluate either) and style sheets; nothing may frame
/// the site; HSTS under HTTPS; no Server header. A Host other than localhost, 127.0.0.1, [::1], those listed in
/// AllowedHosts and the host of Shenbao:PublicBaseUrl is refused (400) before anything else runs, so that no redirect
/// or link can be built on a host a client chose.
/// </summary>
public static class SecurityHeaders
{
    public static readonly string[] LocalHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static WebApplicationBuilder AddSecurityHeadersAndHosts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts = AllowedHosts(builder.Configuration));
        builder.Services.AddSecurityHeaderPolicies(p => p
            .SetDefaultPolicy(Policies())
            .AddPolicy(DownloadPolicy, Download())
            // chosen as the response starts, when the page has said that it sends a stored file
            .SetPolicySelector(c => c.HttpContext.Items.ContainsKey(DownloadPolicy) ? c.ConfiguredPolicies[DownloadPolicy] : c.SelectedPolicy));
        return builder;
    }

    private const string DownloadPolicy = "download";

    /// <summary>The response sends an uploaded file: it gets the sandboxing policy, not the pages' one.</summary>
    public static void MarkAsDownload(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[DownloadPolicy] = true;
    }

    /// <summary>AllowedHosts as configured (“*” only when configured so), with the local names and the public host always in.</summary>
    public static List<string> AllowedHosts(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (configured.Contains("*")) return ["*"];
        var publicHost = new Uri(Shenbao.Data.PublicAddress.Of(configuration)).Host;
        return [.. LocalHosts.Concat(configured).Append(publicHost).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public static HeaderPolicyCollection Policies() => new HeaderPolicyCollection()
        .AddDefaultSecurityHeaders()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self();
            csp.AddStyleSrc().Self();
            // Bootstrap draws its form controls' marks as data: SVG in its style sheet
            csp.AddImgSrc().Self().Data();
            csp.AddFontSrc().Self();
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().Self();
            csp.AddFormAction().Self();
            csp.AddFrameAncestors().None();
        })
        .AddReferrerPolicyStrictOriginWhenCrossOrigin()
        .AddStrictTransportSecurityMaxAge(maxAgeInSeconds: 60 * 60 * 24 * 365)
        .RemoveServerHeader();

    /// <summary>
    /// An uploaded file, should a browser ever render it in place of saving it: no script, no plug-in, no request, no
    /// framing, its own opaque origin (sandbox) — so a hostile PDF or picture cannot act as the site.
    /// </summary>
    public static HeaderPolicyCollection Download() => new HeaderPolicyCollection()
        .AddDefaultSecurityHeaders()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().None();
            csp.AddSandbox();
            csp.AddFrameAncestors().None();
        })
        .AddReferrerPolicyNoReferrer()
        .AddStrictTransportSecurityMaxAge(maxAgeInSeconds: 60 * 60 * 24 * 365)
        .RemoveServerHeader();
}
