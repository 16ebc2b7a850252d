using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Shenbao.Data;
using Shenbao.Domain.Applications;

namespace Shenbao.Web.Security;

/// <summary>
/// Puts the user's organisation (only when it is active) and district into the sign-in cookie, so that every
/// query can be scoped to them without another look-up.
/// </summary>
public sealed class ShenbaoClaims(UserManager<User> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, AppDbContext db, TimeProvider clock)
    : UserClaimsPrincipalFactory<User, IdentityRole>(users, roles, options)
{
    /// <summary>When the person signed in (UTC ticks): kept through every refresh of the claims, it bounds the session's whole life.</summary>
    public const string SignedIn = "shenbao:signed-in";
    public const string Organisation = "shenbao:organisation";
    public const string District = "shenbao:district";
    public const string DisplayName = "shenbao:name";
    /// <summary>A privileged role's password is older than the policy's MaxAge: the session reaches only 修改密码 (PasswordExpiry).</summary>
    public const string PasswordExpired = "shenbao:password-expired";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(SignedIn, clock.GetUtcNow().UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (user.OrganisationId is { } id && await db.Organisations.FindAsync(id) is { Status: OrganisationStatus.Active })
            identity.AddClaim(new Claim(Organisation, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (user.District is { } district)
            identity.AddClaim(new Claim(District, district));
        if (identity.FindAll(Options.ClaimsIdentity.RoleClaimType).Any(r => Roles.IsPrivileged(r.Value))
            && (user.PasswordChangedAt is not { } changed || clock.GetUtcNow() - changed >= (await Shenbao.Data.Security.SecurityPolicies.CurrentAsync(db)).MaxAge))
            identity.AddClaim(new Claim(PasswordExpired, "true"));
        return identity;
    }
}

public static class PrincipalExtensions
{
    /// <summary>The signed-in person's organisation id; pages behind the Applicant policy always have one.</summary>
    public static int OrganisationId(this ClaimsPrincipal user) =>
        user.OrganisationIdOrNull() ?? throw new InvalidOperationException("no organisation claim");

    /// <summary>The organisation id, or null for a person of no (active) organisation.</summary>
    public static int? OrganisationIdOrNull(this ClaimsPrincipal user) =>
        user.FindFirstValue(ShenbaoClaims.Organisation) is { } id ? int.Parse(id, System.Globalization.CultureInfo.InvariantCulture) : null;

    public static string District(this ClaimsPrincipal user) =>
        user.FindFirstValue(ShenbaoClaims.District) ?? throw new InvalidOperationException("no district claim");

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(ShenbaoClaims.DisplayName) ?? user.Identity?.Name ?? "";

    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("no user id claim");

    /// <summary>The role the person acts in (every account has one); what the workflow decides with.</summary>
    public static ActorRole Role(this ClaimsPrincipal user) => user.RoleOrNull() ?? throw new InvalidOperationException("no role claim");

    public static ActorRole? RoleOrNull(this ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Select(c => Enum.TryParse<ActorRole>(c.Value, out var role) ? role : (ActorRole?)null).FirstOrDefault(r => r is not null);
}
