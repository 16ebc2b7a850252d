using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Shenbao.Web.Security;

/// <summary>
/// A signed-in person refused a page or an endpoint is a security event: logged (Shenbao.Security) with the endpoint's
/// route pattern — never the path or query as sent, which a client writes — the account's id and its role; then answered
/// as before (the denial page, or 403 problem details under /api).
/// </summary>
public sealed class DenialLogging(ILoggerFactory loggers) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler answer = new();
    private readonly ILogger security = loggers.CreateLogger("Shenbao.Security");

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
            security.LogWarning("Security event PermissionDenied for account {UserId} ({Role}) at {Endpoint} from {ClientAddress}",
                context.User.UserId(), context.User.RoleOrNull()?.ToString() ?? "no role",
                (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.GetEndpoint()?.DisplayName ?? "(no endpoint)",
                context.Connection.RemoteIpAddress?.ToString());
        return answer.HandleAsync(next, context, policy, authorizeResult);
    }
}
