using Microsoft.AspNetCore.Authorization;

namespace Shenbao.Web.Security;

/// <summary>
/// A privileged person whose password is older than the policy's MaxAge (the claim
/// <see cref="ShenbaoClaims.PasswordExpired"/>, set at sign-in) reaches no protected page or endpoint until they
/// change it: pages send them to 修改密码, <c>/api</c> answers 403 as problem details. Public pages stay open.
/// </summary>
public static class PasswordExpiry
{
    public const string ChangePath = "/Account/ChangePassword";

    private static readonly string[] Open = [ChangePath, "/Account/Logout"];

    public static IApplicationBuilder UsePasswordExpiry(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.User.HasClaim(c => c.Type == ShenbaoClaims.PasswordExpired)
            || context.GetEndpoint() is not { } endpoint || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || Open.Any(path => context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(ChangePath);
            return;
        }
        var policy = await Shenbao.Data.Security.SecurityPolicies.CurrentAsync(context.RequestServices.GetRequiredService<Shenbao.Data.AppDbContext>());
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "密码已过期", Detail = $"密码已使用超过{policy.MaxAgeDays}天，请先在“修改密码”页面更换密码" },
        });
    });
}
