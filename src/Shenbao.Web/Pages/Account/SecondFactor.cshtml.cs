using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Account;

/// <summary>
/// 动态口令: the second step of a privileged person's sign-in. The password step left only Identity's short-lived
/// two-factor cookie (who, not signed in), so nothing protected opens until a code is accepted here. At the first
/// sign-in the page enrols: it shows the key (QR code and text), takes a first code, then shows ten recovery codes
/// once. Wrong codes count towards the same lock as wrong passwords.
/// </summary>
public sealed class SecondFactorModel(UserManager<User> users, SignInManager<User> signIn, AppDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public const string WrongCode = "动态口令不正确或已使用过：请输入身份验证器App此刻显示的6位数字（每个口令只能用一次，用过请等下一个）";
    public const string WrongRecoveryCode = "恢复码不正确或已使用过";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>First sign-in: the key is offered and a first code confirms it.</summary>
    public bool Enrolling { get; private set; }
    public string? Secret { get; private set; }
    public string? SecretUri { get; private set; }
    public string? QrSvg { get; private set; }

    /// <summary>Shown once, right after enrolment.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }
    public string? Next { get; private set; }

    /// <summary>After the password: remember who is signing in (Identity's two-factor cookie, five minutes), nothing more.</summary>
    public static Task BeginAsync(HttpContext context, string userId)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, userId)], IdentityConstants.TwoFactorUserIdScheme)));
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToPage("Login", new { ReturnUrl });
        await OfferAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostCodeAsync(CancellationToken ct)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToPage("Login", new { ReturnUrl });
        await OfferAsync(user);
        if (await RefusedWhileLockedAsync(user, ct)) return Page();
        var now = clock.GetUtcNow();
        var step = user.TotpSecret is { } secret ? SecondFactor.StepOf(secret, Code, now) : null;
        if (step is null || !await SecondFactor.UseStepAsync(db, user.Id, step.Value, ct))
            return await FailedAsync(user, nameof(Code), WrongCode, step is null ? "动态口令不正确" : "动态口令已使用过", ct);
        if (Enrolling)
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TotpEnabledAt, now), ct);
            NewRecoveryCodes = await SecondFactor.IssueRecoveryCodesAsync(db, user.Id, ct);
            audit.RecordFor(user, null, AuditAction.SecondFactorEnrolled, details: $"绑定身份验证器，生成 {NewRecoveryCodes.Count} 个恢复码");
        }
        var destination = await CompleteAsync(user, "动态口令", ct);
        if (NewRecoveryCodes is null) return LocalRedirect(destination);
        (Next, Enrolling) = (destination, false);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryAsync(CancellationToken ct)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToPage("Login", new { ReturnUrl });
        await OfferAsync(user);
        if (await RefusedWhileLockedAsync(user, ct)) return Page();
        if (Enrolling || !await SecondFactor.RedeemAsync(db, user.Id, RecoveryCode, clock.GetUtcNow(), ct))
            return await FailedAsync(user, nameof(RecoveryCode), WrongRecoveryCode, "恢复码不正确或已使用", ct);
        var left = await db.RecoveryCodes.CountAsync(r => r.UserId == user.Id && r.UsedAt == null, ct);
        audit.RecordFor(user, null, AuditAction.RecoveryCodeUsed, details: $"用恢复码代替动态口令，剩余 {left} 个");
        return LocalRedirect(await CompleteAsync(user, "恢复码", ct));
    }

    /// <summary>At the first sign-in a key is made and kept (not yet in force) so that reloading the page shows the same one.</summary>
    private async Task OfferAsync(User user)
    {
        Enrolling = user.TotpEnabledAt is null;
        if (!Enrolling) return;
        if (user.TotpSecret is null)
        {
            var fresh = SecondFactor.NewSecret();
            // two tabs enrolling at once keep one key: only the first write lands
            await db.Users.Where(u => u.Id == user.Id && u.TotpSecret == null).ExecuteUpdateAsync(u => u.SetProperty(x => x.TotpSecret, fresh));
            user.TotpSecret = await db.Users.Where(u => u.Id == user.Id).Select(u => u.TotpSecret).SingleAsync();
        }
        Secret = user.TotpSecret;
        SecretUri = SecondFactor.OtpAuthUri(user.UserName!, Secret!);
        QrSvg = SecondFactor.QrSvg(SecretUri);
    }

    private string Key(User user) => SignInThrottles.Key(users.NormalizeName(user.UserName) ?? user.UserName!);

    private async Task<bool> RefusedWhileLockedAsync(User user, CancellationToken ct)
    {
        if (await SignInThrottles.LockedUntilAsync(db, Key(user), clock.GetUtcNow(), ct) is null) return false;
        ModelState.AddModelError("", LoginModel.Locked(await Shenbao.Data.Security.SecurityPolicies.CurrentAsync(db, ct)));
        return true;
    }

    /// <summary>A wrong code counts like a wrong password; the one that reaches the limit locks the account and ends the attempt.</summary>
    private async Task<IActionResult> FailedAsync(User user, string field, string message, string details, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var policy = await Shenbao.Data.Security.SecurityPolicies.CurrentAsync(db, ct);
        var count = await SignInThrottles.FailAsync(db, Key(user), now, policy, ct);
        var locked = count.Locked(now);
        audit.RecordFor(user, null, locked ? AuditAction.LockedOut : AuditAction.SecondFactorFailed, locked ? AuditOutcome.Refused : AuditOutcome.Failure,
            locked ? $"{details}，账号锁定至 {count.LockedUntil:yyyy-MM-dd HH:mm:ss} UTC" : $"{details}（连续第 {count.Failures} 次）");
        if (locked) await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, count.LockedUntil), ct);
        await db.SaveChangesAsync(ct);
        ModelState.AddModelError(locked ? "" : field, locked ? LoginModel.Locked(policy) : message);
        return Page();
    }

    /// <summary>The full session, marked as signed in with a second factor; the two-factor cookie goes.</summary>
    private async Task<string> CompleteAsync(User user, string how, CancellationToken ct)
    {
        await SignInThrottles.ClearAsync(db, Key(user), clock.GetUtcNow(), ct);
        var role = (await users.GetRolesAsync(user)).FirstOrDefault();
        audit.RecordFor(user, role, AuditAction.SignIn, details: $"密码 + {how}");
        await db.SaveChangesAsync(ct);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: SecondFactor.Method);
        return await LoginModel.DestinationAsync(db, Url, user, role, ReturnUrl);
    }
}
