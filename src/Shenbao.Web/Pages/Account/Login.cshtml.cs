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

public sealed class LoginModel(SignInManager<User> signIn, UserManager<User> users, AppDbContext db, AuditLog audit, IConfiguration configuration) : PageModel
{
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

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var name = Input.UserName.Trim();
        var user = await users.FindByNameAsync(name);
        if (user is null || (user.IsDemo && !DemoMode))
        {
            if (user is null) audit.RecordUnknown(name, AuditAction.SignInFailed, AuditOutcome.Failure, "用户名不存在");
            else audit.RecordFor(user, null, AuditAction.SignInFailed, AuditOutcome.Refused, "演示账号在非演示模式下登录");
            await db.SaveChangesAsync();
            ModelState.AddModelError("", user is null ? "用户名或密码错误" : "演示账号只能在演示模式下使用");
            return Page();
        }

        // the slow part, the password's hash, runs outside any transaction: SQLite's one write lock is not held meanwhile
        var passwordMatches = await users.CheckPasswordAsync(user, Input.Password);

        // then the account's state and the attempt's audit row in one transaction, the account's row locked first: attempts
        // at one account queue here, and each one counts (on PostgreSQL; SQLite's write transactions are one at a time)
        var result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        string? role = null;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount));
            await db.Entry(user).ReloadAsync();
            if (await users.IsLockedOutAsync(user))
                result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
            else if (passwordMatches)
            {
                if (user.AccessFailedCount > 0) await users.ResetAccessFailedCountAsync(user);
                result = Microsoft.AspNetCore.Identity.SignInResult.Success;
            }
            else
            {
                await users.AccessFailedAsync(user);
                if (await users.IsLockedOutAsync(user)) result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
            }
            if (result.Succeeded) audit.RecordFor(user, role = (await users.GetRolesAsync(user)).FirstOrDefault(), AuditAction.SignIn);
            else if (result.IsLockedOut) audit.RecordFor(user, null, AuditAction.LockedOut, AuditOutcome.Refused,
                passwordMatches ? $"账号锁定中（至 {user.LockoutEnd:yyyy-MM-dd HH:mm:ss} UTC），密码正确也不能登录" : $"密码错误，账号锁定至 {user.LockoutEnd:yyyy-MM-dd HH:mm:ss} UTC");
            else audit.RecordFor(user, null, AuditAction.SignInFailed, AuditOutcome.Failure, $"密码错误（连续第 {user.AccessFailedCount} 次）");
            await db.SaveChangesAsync();
            await transaction.CommitAsync(CancellationToken.None);
        }
        if (result.Succeeded) await signIn.SignInAsync(user, isPersistent: false);
        if (result.Succeeded)
        {
            // a page asked for is where the person was going; otherwise their role's start, what waits for them
            var active = user.OrganisationId is { } organisationId && await db.Organisations.AnyAsync(o => o.Id == organisationId && o.Status == OrganisationStatus.Active);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl : Landing.For(role, active).Path);
        }
        ModelState.AddModelError("", result.IsLockedOut
            ? "密码错误次数过多，账号已锁定30分钟，请稍后再试"
            : "用户名或密码错误");
        return Page();
    }
}
