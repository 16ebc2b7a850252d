using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Shenbao.Web.Security;

/// <summary>
/// Sign-in and registration POSTs limited per client address in the application itself (a proxy may limit too):
/// by default 10 a minute, then 429 with Retry-After (problem details under /api, a Chinese sentence on a page).
/// Page GETs are not limited. The address is the connection's: forwarding headers are not read, so a forged
/// X-Forwarded-For changes nothing. Set Shenbao:RateLimits:SignInPerMinute to change the limit.
/// </summary>
public static class SignInRateLimits
{
    public const int DefaultPerMinute = 10;

    private static readonly string[] Limited = ["/Account/Login", "/Account/Register"];

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Shenbao:RateLimits:SignInPerMinute", DefaultPerMinute);
        return services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsLimited(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "-",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = RejectedAsync;
        });
    }

    private static bool IsLimited(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && Limited.Any(path => request.Path.Equals(path, StringComparison.OrdinalIgnoreCase));

    private static async ValueTask RejectedAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var response = rejected.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"尝试过于频繁，请 {seconds} 秒后再试";
        if (rejected.HttpContext.Request.Path.StartsWithSegments("/api"))
        {
            await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = rejected.HttpContext,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "请求过于频繁", Detail = detail },
            });
            return;
        }
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>请求过于频繁</title><p id=\"rate-limited\">{detail}。</p></html>", ct);
    }
}
