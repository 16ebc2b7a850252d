using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shenbao.Data;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;

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
        // the failure count Identity keeps and the audit row of the attempt are one transaction: neither without the other
        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = await users.FindByNameAsync(name);
        if (user is { IsDemo: true } && !DemoMode)
        {
            audit.RecordFor(user, null, AuditAction.SignInFailed, AuditOutcome.Refused, "演示账号在非演示模式下登录");
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            ModelState.AddModelError("", "演示账号只能在演示模式下使用");
            return Page();
        }
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (user is null) audit.RecordUnknown(name, AuditAction.SignInFailed, AuditOutcome.Failure, "用户名不存在");
        else if (result.Succeeded) audit.RecordFor(user, (await users.GetRolesAsync(user)).FirstOrDefault(), AuditAction.SignIn);
        else if (result.IsLockedOut) audit.RecordFor(user, null, AuditAction.LockedOut, AuditOutcome.Refused, $"连续{users.Options.Lockout.MaxFailedAccessAttempts}次密码错误，锁定至 {user.LockoutEnd:yyyy-MM-dd HH:mm:ss} UTC");
        else audit.RecordFor(user, null, AuditAction.SignInFailed, AuditOutcome.Failure, $"密码错误（连续第 {user.AccessFailedCount} 次）");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        ModelState.AddModelError("", result.IsLockedOut
            ? "密码错误次数过多，账号已锁定30分钟，请稍后再试"
            : "用户名或密码错误");
        return Page();
    }
}
