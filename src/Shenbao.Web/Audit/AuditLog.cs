using System.Security.Claims;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Web.Security;

namespace Shenbao.Web.Audit;

/// <summary>
/// Adds audit rows for the request being served: who (the signed-in person, or the account a sign-in names), from
/// which address, when. The rows are saved by the page's next SaveChanges, in the transaction of the change.
/// </summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor http, TimeProvider clock, ILoggerFactory loggers)
{
    /// <summary>
    /// The actions an operator watches for beside the audit trail: written to the log category Shenbao.Security as they
    /// are recorded, with the account's id, the address and the action — never the name typed, the details or a secret.
    /// </summary>
    public static readonly IReadOnlySet<AuditAction> SecurityEvents = new HashSet<AuditAction>
    {
        AuditAction.SignInFailed, AuditAction.LockedOut, AuditAction.SecondFactorFailed, AuditAction.SecondFactorEnrolled, AuditAction.SecondFactorReset,
    };

    private readonly ILogger security = loggers.CreateLogger("Shenbao.Security");

    /// <summary>An action of the signed-in person (or of a visitor, for a public page).</summary>
    public void Record(AuditAction action, string? objectType = null, string? objectId = null, AuditOutcome outcome = AuditOutcome.Success, string? details = null)
    {
        var user = http.HttpContext?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        Add(action, objectType, objectId, outcome, details,
            signedIn ? user!.UserId() : null,
            signedIn ? user!.Identity!.Name : null,
            signedIn ? user!.RoleOrNull()?.ToString() : null,
            signedIn ? user!.OrganisationIdOrNull() : null);
    }

    /// <summary>An action on behalf of an account that is not (yet) the signed-in one: a sign-in, a registration, a reset.</summary>
    /// <param name="target">What the action changed, when it is not the account itself (a registration: the organisation).</param>
    public void RecordFor(User account, string? role, AuditAction action, AuditOutcome outcome = AuditOutcome.Success, string? details = null, (string Type, string Id)? target = null) =>
        Add(action, target?.Type ?? AuditEntry.Objects.User, target?.Id ?? account.Id, outcome, details, account.Id, account.UserName, role, account.OrganisationId);

    /// <summary>A sign-in attempt for a name no account has: recorded with the name typed, and nobody's id.</summary>
    public void RecordUnknown(string userName, AuditAction action, AuditOutcome outcome, string? details = null) =>
        Add(action, AuditEntry.Objects.User, null, outcome, details, null, Bounded(userName, 256), null, null);

    private void Add(AuditAction action, string? objectType, string? objectId, AuditOutcome outcome, string? details,
        string? userId, string? userName, string? role, int? organisation)
    {
        if (SecurityEvents.Contains(action))
            security.LogWarning("Security event {Action} ({Outcome}) for account {UserId} from {ClientAddress}",
                action, outcome, userId ?? "(no such account)", http.HttpContext?.Connection.RemoteIpAddress?.ToString());
        db.Audit(new AuditEntry
        {
            At = clock.GetUtcNow(), UserId = userId, UserName = userName, Role = role, OrganisationId = organisation,
            ClientAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Action = action, ObjectType = objectType, ObjectId = objectId, Outcome = outcome, Details = Bounded(details, 4000),
        });
    }

    private static string? Bounded(string? text, int length) => text is { Length: var n } && n > length ? text[..length] : text;
}
