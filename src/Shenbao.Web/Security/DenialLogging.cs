using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;

namespace Shenbao.Web.Security;

/// <summary>
/// A signed-in person refused a page or an endpoint is a security event: an audit row 越权访问被拒绝 and a warning in
/// the log (Shenbao.Security), each with the endpoint's route pattern — never the path or query as sent, which a client
/// writes — the account's id and its role; then answered as before (the denial page, or 403 problem details under /api).
/// A visitor sent to sign in is not a denial. The trail gets one row per account and route a minute (each further one
/// is still a log line): an account hammering a page it may not see cannot make every submission queue behind its rows.
/// </summary>
public sealed class DenialLogging(ILoggerFactory loggers, TimeProvider clock) : IAuthorizationMiddlewareResultHandler
{
    private static readonly TimeSpan OneRowPer = TimeSpan.FromMinutes(1);

    private readonly AuthorizationMiddlewareResultHandler answer = new();
    private readonly ILogger security = loggers.CreateLogger("Shenbao.Security");
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), DateTimeOffset> recorded = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.GetEndpoint()?.DisplayName ?? "(no endpoint)";
            security.LogWarning("Security event PermissionDenied for account {UserId} ({Role}) at {Endpoint} from {ClientAddress}",
                context.User.UserId(), context.User.RoleOrNull()?.ToString() ?? "no role", endpoint, context.Connection.RemoteIpAddress?.ToString());
            if (FirstThisMinute(context.User.UserId(), endpoint)) await RecordAsync(context, endpoint);
        }
        await answer.HandleAsync(next, context, policy, authorizeResult);
    }

    private bool FirstThisMinute(string userId, string endpoint)
    {
        var now = clock.GetUtcNow();
        // the map holds the last minute's refusals only: older ones are dropped when it grows
        if (recorded.Count > 10_000)
            foreach (var old in recorded.Where(r => now - r.Value >= OneRowPer).ToList()) recorded.TryRemove(old);
        var key = (userId, endpoint);
        if (recorded.TryGetValue(key, out var last) && now - last < OneRowPer) return false;
        recorded[key] = now;
        return true;
    }

    /// <summary>
    /// The row is saved on its own (nothing else is tracked before the page runs). When it cannot be (the trail is
    /// broken and refuses every row), the refusal is still answered: a denial changes nothing that must wait for it.
    /// </summary>
    private async Task RecordAsync(HttpContext context, string endpoint)
    {
        try
        {
            context.RequestServices.GetRequiredService<AuditLog>().Record(AuditAction.PermissionDenied, AuditEntry.Objects.Page, endpoint, AuditOutcome.Refused);
            await context.RequestServices.GetRequiredService<AppDbContext>().SaveChangesAsync(context.RequestAborted);
        }
#pragma warning disable CA1031 // the denial is answered whatever the trail does; the failure is logged for the operator
        catch (Exception e)
#pragma warning restore CA1031
        {
            context.RequestServices.GetRequiredService<AppDbContext>().ChangeTracker.Clear();
            security.LogError(e, "The audit row of a permission denial could not be saved");
        }
    }
}
