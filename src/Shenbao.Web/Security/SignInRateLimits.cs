using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Shenbao.Web.Security;

/// <summary>
/// Sign-in and registration POSTs limited in the application itself (a proxy may limit too), per client address and
/// per account name: by default 10 a minute each, then 429 with Retry-After (problem details under /api, a Chinese
/// sentence on a page). Page GETs are not limited. The address is the connection's, or what a configured proxy
/// forwarded (<see cref="ClientAddresses"/>); a forged X-Forwarded-For from anyone else changes nothing. Set
/// Shenbao:RateLimits:SignInPerMinute and Shenbao:RateLimits:SignInPerNamePerMinute to change the limits. The counts
/// are per node: behind several nodes the edge limits too (docs/deploy.md).
/// </summary>
public static class SignInRateLimits
{
    public const int DefaultPerMinute = 10;

    private static readonly string[] Limited = ["/Account/Login", "/Account/Register"];

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Shenbao:RateLimits:SignInPerMinute", DefaultPerMinute);
        services.AddSingleton(new SignInNameLimits(configuration.GetValue("Shenbao:RateLimits:SignInPerNamePerMinute", DefaultPerMinute)));
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

    private static ValueTask RejectedAsync(OnRejectedContext rejected, CancellationToken ct) =>
        new(WriteRefusalAsync(rejected.HttpContext, rejected.Lease, ct));

    /// <summary>429 with Retry-After from the refused lease: problem details under /api, a Chinese sentence on a page.</summary>
    public static async Task WriteRefusalAsync(HttpContext context, RateLimitLease lease, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lease);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"尝试过于频繁，请 {seconds} 秒后再试";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "请求过于频繁", Detail = detail },
            });
            return;
        }
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>请求过于频繁</title><p id=\"rate-limited\">{detail}。</p></html>", ct);
    }
}

/// <summary>
/// The per-name half of the sign-in limits: the name is in the form, which the rate-limiting middleware does not
/// read, so the sign-in and registration pages ask here once they have it (the normalised name, whether an account
/// has it or not).
/// </summary>
public sealed class SignInNameLimits(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>A lease for one attempt at the name; not acquired when the name has had its attempts this minute.</summary>
    public RateLimitLease Attempt(string normalizedName) => limiter.AttemptAcquire(normalizedName);

    public void Dispose() => limiter.Dispose();
}
