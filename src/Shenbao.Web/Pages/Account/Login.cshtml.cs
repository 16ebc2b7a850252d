using System.ComponentModel.DataAnnotations;
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
/// 登录. Every name is answered alike, whether an account has it or not: the same words, the same hash to compute, the
/// same lock after the policy's MaxFailures failures — knowing which accounts exist would turn the
/// lock into a weapon against them. Failures are counted by one statement in the database (SignInThrottles), so
/// parallel attempts and several nodes agree, and no attempt signs in while the name is locked.
/// </summary>
public sealed class LoginModel(SignInManager<User> signIn, UserManager<User> users, AppDbContext db, AuditLog audit, IConfiguration configuration, TimeProvider clock, SignInNameLimits nameLimits, Shenbao.Web.Operations.ShenbaoMetrics metrics) : PageModel
{
    public const string WrongPassword = "用户名或密码错误";
    /// <summary>What a locked name is told, with the lock's length in the policy in force.</summary>
    public static string Locked(Shenbao.Data.Security.SecurityPolicy policy) => $"密码错误次数过多，账号已锁定{policy?.LockMinutes}分钟，请稍后再试";
    public const string DisabledMessage = "账号已停用，如需恢复请联系系统管理员";

    // what an unknown name's password is checked against, so that it costs what a real one does
    private static string? unknownHash;

    public sealed class InputModel
    {
        [Required(ErrorMessage = "请填写用户名")]
        [Display(Name = "用户名")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "请填写密码")]
        [DataType(DataType.Password)]
        [Display(Name = "密码")]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool DemoMode => configuration.GetValue("Shenbao:Demo", false);

    /// <summary>The demo's published TOTP key's code of the moment, shown beside it.</summary>
    public string DemoCode => SecondFactor.CodeAt(Shenbao.Data.Demo.DemoData.TotpSecret, clock.GetUtcNow());

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var name = Input.UserName.Trim();
        var normalized = users.NormalizeName(name) ?? name;
        using var lease = nameLimits.Attempt(normalized);
        if (!lease.IsAcquired)
        {
            await SignInRateLimits.WriteRefusalAsync(HttpContext, lease, HttpContext.RequestAborted);
            return new EmptyResult();
        }
        var user = await users.FindByNameAsync(name);
        if (user is { IsDemo: true } && !DemoMode)
        {
            audit.RecordFor(user, null, AuditAction.SignInFailed, AuditOutcome.Refused, "演示账号在非演示模式下登录");
            await db.SaveChangesAsync();
            ModelState.AddModelError("", "演示账号只能在演示模式下使用");
            return Page();
        }

        var key = SignInThrottles.Key(normalized);
        var now = clock.GetUtcNow();
        var policy = await Shenbao.Data.Security.SecurityPolicies.CurrentAsync(db);
        // every name pays for a hash (an unknown one for a fixed hash), so the answer takes as long either way
        var passwordMatches = false;
        if (user is not null) passwordMatches = await users.CheckPasswordAsync(user, Input.Password);
        else _ = users.PasswordHasher.VerifyHashedPassword(null!, unknownHash ??= users.PasswordHasher.HashPassword(null!, Guid.NewGuid().ToString()), Input.Password);

        // a stopped account is told so, but only to whoever knows its password
        if (passwordMatches && user!.DisabledAt is not null)
        {
            audit.RecordFor(user, null, AuditAction.SignInFailed, AuditOutcome.Refused, "账号已停用");
            await db.SaveChangesAsync();
            ModelState.AddModelError("", DisabledMessage);
            return Page();
        }
        var result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        string? role = null;
        DateTimeOffset? lockedUntil = await SignInThrottles.LockedUntilAsync(db, key, now, CancellationToken.None);
        var failures = 0;
        if (lockedUntil is null && passwordMatches)
        {
            // a lock set by a parallel attempt a moment ago still holds
            if (await SignInThrottles.ClearAsync(db, key, now, CancellationToken.None)) result = Microsoft.AspNetCore.Identity.SignInResult.Success;
            else lockedUntil = await SignInThrottles.LockedUntilAsync(db, key, now, CancellationToken.None);
        }
        else if (lockedUntil is null)
        {
            var count = await SignInThrottles.FailAsync(db, key, now, policy, CancellationToken.None);
            failures = count.Failures;
            if (count.Locked(now)) lockedUntil = count.LockedUntil;
        }
        if (lockedUntil is not null)
        {
            result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
            // the account's own lock shows it too (the organisation's user list, the password reset that lifts it)
            if (user is not null) await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, lockedUntil));
        }
        else if (result.Succeeded && user!.LockoutEnd is not null)
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, (DateTimeOffset?)null).SetProperty(x => x.AccessFailedCount, 0));
        }

        // the 市科技局, experts and the administrators are not signed in by a password alone (SecondFactorModel)
        var roles = result.Succeeded ? await users.GetRolesAsync(user!) : [];
        var secondFactor = SecondFactor.Required(roles);
        if (user is null)
            audit.RecordUnknown(name, result.IsLockedOut ? AuditAction.LockedOut : AuditAction.SignInFailed, result.IsLockedOut ? AuditOutcome.Refused : AuditOutcome.Failure,
                result.IsLockedOut ? $"用户名不存在，已锁定至 {lockedUntil:yyyy-MM-dd HH:mm:ss} UTC" : $"用户名不存在（连续第 {failures} 次）");
        else if (result.Succeeded) audit.RecordFor(user, role = roles.FirstOrDefault(), secondFactor ? AuditAction.PasswordAccepted : AuditAction.SignIn);
        else if (result.IsLockedOut) audit.RecordFor(user, null, AuditAction.LockedOut, AuditOutcome.Refused,
            passwordMatches ? $"账号锁定中（至 {lockedUntil:yyyy-MM-dd HH:mm:ss} UTC），密码正确也不能登录" : $"密码错误，账号锁定至 {lockedUntil:yyyy-MM-dd HH:mm:ss} UTC");
        else audit.RecordFor(user, null, AuditAction.SignInFailed, AuditOutcome.Failure, $"密码错误（连续第 {failures} 次）");
        await db.SaveChangesAsync();
        metrics.SignIn(result.Succeeded ? (secondFactor ? "second-factor" : "success") : result.IsLockedOut ? "locked" : "failure");
        if (result.Succeeded && secondFactor)
        {
            await SecondFactorModel.BeginAsync(HttpContext, user!.Id);
            return RedirectToPage("SecondFactor", new { ReturnUrl });
        }
        if (result.Succeeded)
        {
            await signIn.SignInAsync(user!, isPersistent: false);
            return LocalRedirect(await DestinationAsync(db, Url, user!, role, ReturnUrl));
        }
        ModelState.AddModelError("", result.IsLockedOut ? Locked(policy) : WrongPassword);
        return Page();
    }

    /// <summary>A page asked for is where the person was going; otherwise their role's start, what waits for them.</summary>
    public static async Task<string> DestinationAsync(AppDbContext db, IUrlHelper url, User user, string? role, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(user);
        var active = user.OrganisationId is { } organisationId && await db.Organisations.AnyAsync(o => o.Id == organisationId && o.Status == OrganisationStatus.Active);
        return url.IsLocalUrl(returnUrl) && returnUrl != "/" ? returnUrl : Landing.For(role, active).Path;
    }
}
