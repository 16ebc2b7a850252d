using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;

namespace Shenbao.Web.Security;

/// <summary>
/// A session is checked on the server at every request, not only when its cookie expires: it ends when the person
/// signs out, changes or resets the password, or is removed (their security stamp no longer matches the one the
/// cookie was issued with — one indexed read), and twelve hours after sign-in however active it was; a privileged
/// role's session without its second factor is refused outright. Idle sessions
/// end after thirty minutes by the cookie's own sliding expiry.
/// </summary>
public static class Sessions
{
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var principal = context.Principal;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var stampType = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var signedIn = long.TryParse(principal?.FindFirstValue(ShenbaoClaims.SignedIn), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero) : (DateTimeOffset?)null;
        var stamp = id is null ? null : await services.GetRequiredService<AppDbContext>().Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleOrDefaultAsync();
        // a privileged role's session exists only with its second factor: a cookie made any other way opens nothing
        var secondFactorMissing = principal is not null && SecondFactor.Required(principal.FindAll(ClaimTypes.Role).Select(r => r.Value))
            && !principal.HasClaim(ClaimTypes.AuthenticationMethod, SecondFactor.Method);
        if (id is null || signedIn is null || now - signedIn >= Absolute || stamp is null || stamp != principal!.FindFirstValue(stampType) || secondFactorMissing)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
