using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shenbao.Data;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;
using Shenbao.Web.Notifications;

namespace Shenbao.Web.Pages.Account;

/// <summary>
/// 找回密码: the one-time link goes to the account's registered address. The answer is the same whether or not the
/// account exists, so the page tells nobody which accounts there are.
/// </summary>
public sealed class ForgotPasswordModel(UserManager<User> users, AppDbContext db, AuditLog audit, Notifier notifier, IConfiguration configuration) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "请填写用户名")]
        [StringLength(256, ErrorMessage = "用户名不能超过256个字符")]
        [Display(Name = "用户名")]
        public string UserName { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var name = Input.UserName.Trim();
        var user = await users.FindByNameAsync(name);
        // a demo account's password is published: it is not reset by mail outside the demo. The three administrators are
        // not reset by mail at all: whoever runs the mail or the server must not be able to take over the 审计管理员
        var administrator = user is not null && (await users.GetRolesAsync(user)).Any(Roles.IsAdministrator);
        if (administrator) audit.RecordFor(user!, null, AuditAction.PasswordResetRequested, AuditOutcome.Refused, "管理员账号不能通过邮件重置密码，须由安全管理员重置");
        else if (user is { Email.Length: > 0 } && !(user.IsDemo && !configuration.GetValue("Shenbao:Demo", false)))
        {
            var link = await SetPasswordLink.ForAsync(users, user, first: false);
            notifier.Mail(user, "重置申报系统密码",
                $"有人为您的账号（用户名 {user.UserName}）申请了重置密码。请在 24 小时内打开下面的链接设置新密码（链接只能使用一次）：\n{notifier.Absolute(link)}\n\n" +
                "如果不是您本人申请，请忽略本邮件，您的密码不会改变。");
            audit.RecordFor(user, null, AuditAction.PasswordResetRequested, details: "重置链接已发至登记邮箱");
        }
        else if (user is null) audit.RecordUnknown(name, AuditAction.PasswordResetRequested, AuditOutcome.Failure, "用户名不存在");
        else audit.RecordFor(user, null, AuditAction.PasswordResetRequested, AuditOutcome.Refused, "账号没有可用的登记邮箱");
        await db.SaveChangesAsync();
        Sent = true;
        return Page();
    }
}
