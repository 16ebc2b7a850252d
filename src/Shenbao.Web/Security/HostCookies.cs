using Microsoft.AspNetCore.Authentication.Cookies;

namespace Shenbao.Web.Security;

/// <summary>
/// The session cookies under HTTPS (the request's own, or a configured proxy's X-Forwarded-Proto) carry the
/// <c>__Host-</c> prefix, which browsers accept only with Secure, path / and no domain — so no other site of the
/// domain and no plain-HTTP page can set or read them. Over plain HTTP (the demo on localhost) the name stays bare.
/// </summary>
public sealed class HostCookies : ICookieManager
{
    public const string Prefix = "__Host-";

    private readonly ChunkingCookieManager inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (context.Request.IsHttps) (options.Secure, options.Path, options.Domain) = (true, "/", null);
        inner.AppendResponseCookie(context, Name(context, key), value, options);
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (context.Request.IsHttps) (options.Secure, options.Path, options.Domain) = (true, "/", null);
        inner.DeleteCookie(context, Name(context, key), options);
    }

    private static string Name(HttpContext context, string key) => context.Request.IsHttps ? Prefix + key : key;
}
