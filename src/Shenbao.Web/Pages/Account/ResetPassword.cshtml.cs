using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shenbao.Data;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;

namespace Shenbao.Web.Pages.Account;

/// <summary>设置密码: where the mailed one-time link leads, for a first sign-in and a reset alike.</summary>
public sealed class ResetPasswordModel(UserManager<User> users, AppDbContext db, AuditLog audit) : PageModel
{
    public const string Expired = "该链接已失效（超过 24 小时，或已经使用过）。请在登录页点“忘记密码”重新获取链接。";

    public sealed class InputModel : NewPasswordInput;

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool First { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? UserName { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync()
    {
        // the token is checked here too, so that an old link says so before anyone types a password
        if (await FindAsync() is not { } user || SetPasswordLink.Decode(Token) is not { } token
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<User>.ResetPasswordTokenPurpose, token))
            Problem = Expired;
        else UserName = user.UserName;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await FindAsync();
        var token = SetPasswordLink.Decode(Token);
        if (user is null || token is null)
        {
            Problem = Expired;
            return Page();
        }
        UserName = user.UserName;
        // a link for one of the three administrators is never honoured (none is mailed; an old one must not work either)
        if ((await users.GetRolesAsync(user)).Any(Roles.IsAdministrator))
        {
            audit.RecordFor(user, null, AuditAction.PasswordReset, AuditOutcome.Refused, "管理员账号不能通过邮件链接设置密码");
            await db.SaveChangesAsync();
            Problem = Expired;
            return Page();
        }
        if (!ModelState.IsValid) return Page();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync();
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))) Problem = Expired;
            else ModelState.AddModelError("Input.Password", string.Join("；", result.Errors.Select(e => e.Description)));
            return Page();
        }
        // a locked account whose owner proves the mailbox is theirs may sign in again at once
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await SignInThrottles.LiftAsync(db, user.NormalizedUserName ?? "", CancellationToken.None);
        audit.RecordFor(user, null, AuditAction.PasswordReset, details: First ? "首次登录设置密码" : "通过邮件链接重置密码");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        TempData["LoginNotice"] = First ? "密码已设置，请用新密码登录。" : "密码已重置，请用新密码登录。";
        return RedirectToPage("Login");
    }

    private async Task<User?> FindAsync() => UserId is { Length: > 0 and <= 450 } id ? await users.FindByIdAsync(id) : null;
}
