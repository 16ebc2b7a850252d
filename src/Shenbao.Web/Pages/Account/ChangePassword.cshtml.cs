using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Account;

/// <summary>修改密码: a signed-in person changes their own password, giving the current one (the fallback policy: signed in).</summary>
public sealed class ChangePasswordModel(UserManager<User> users, SignInManager<User> signIn, AppDbContext db, AuditLog audit) : PageModel
{
    public sealed class InputModel : NewPasswordInput
    {
        [Required(ErrorMessage = "请输入当前密码")]
        [DataType(DataType.Password)]
        [Display(Name = "当前密码")]
        public string CurrentPassword { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.Password);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync();
            var wrongCurrent = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch));
            ModelState.AddModelError(wrongCurrent ? "Input.CurrentPassword" : "Input.Password",
                wrongCurrent ? "当前密码不正确" : string.Join("；", result.Errors.Select(e => e.Description)));
            audit.Record(AuditAction.PasswordChange, AuditEntry.Objects.User, user.Id, AuditOutcome.Failure, wrongCurrent ? "当前密码不正确" : "新密码不符合要求");
            await db.SaveChangesAsync();
            return Page();
        }
        audit.Record(AuditAction.PasswordChange, AuditEntry.Objects.User, user.Id);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        // the new security stamp ends every other session of this person; this one continues under a fresh cookie
        await signIn.RefreshSignInAsync(user);
        Notice = "密码已修改。其他设备上的登录将在一分钟内失效，需要用新密码重新登录。";
        return RedirectToPage();
    }
}
