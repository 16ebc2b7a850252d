using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;
using Shenbao.Web.Notifications;
using Shenbao.Web.Pages.Account;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Organisation;

/// <summary>
/// 单位用户: the organisation's accounts; its administrator opens accounts for its 项目负责人, who set their own
/// password through a one-time link sent to them by mail (nobody else ever knows it).
/// </summary>
[Authorize(Policy = Policies.OrgAdmin)]
public sealed class UsersModel(AppDbContext db, UserManager<User> users, AuditLog audit, Notifier notifier, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "请填写用户名")]
        [StringLength(50, ErrorMessage = "用户名不能超过50个字符")]
        [Display(Name = "用户名")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "请填写姓名")]
        [StringLength(50, ErrorMessage = "姓名不能超过50个字")]
        [Display(Name = "姓名")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "请填写邮箱")]
        [EmailAddress(ErrorMessage = "邮箱格式不正确")]
        [StringLength(200, ErrorMessage = "邮箱不能超过200个字符")]
        [Display(Name = "邮箱")]
        public string Email { get; set; } = "";
    }

    public sealed record Row(string UserName, string DisplayName, string Role, bool LockedOut, bool AwaitingPassword)
    {
        public string State => LockedOut ? "已锁定（密码错误次数过多）" : AwaitingPassword ? "待本人通过邮件链接设置密码" : "正常";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        // creating the account and giving it its role are two saves: a leader without a role must not remain
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var leader = new User { UserName = Input.UserName.Trim(), DisplayName = Input.DisplayName.Trim(), Email = Input.Email.Trim(), OrganisationId = User.OrganisationId() };
        var created = await users.CreateAsync(leader);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            // every problem at once, beside the field it concerns (a field shows one message, so they are joined)
            foreach (var field in created.Errors.GroupBy(e => e.Code.Contains("Email", StringComparison.Ordinal) ? "Input.Email" : "Input.UserName"))
                ModelState.AddModelError(field.Key, string.Join("；", field.Select(e => e.Description)));
            await LoadAsync(ct);
            return Page();
        }
        if (!(await users.AddToRoleAsync(leader, Roles.ProjectLeader)).Succeeded)
            throw new InvalidOperationException($"Could not give the new account the role {Roles.ProjectLeader}.");
        var link = await SetPasswordLink.ForAsync(users, leader, first: true);
        notifier.Mail(leader, "您的申报系统账号已开通，请设置密码",
            $"{User.DisplayName()}为您开通了衡阳市科技创新计划项目申报管理系统的项目负责人账号，用户名 {leader.UserName}。\n" +
            $"请在 24 小时内打开下面的链接设置密码（链接只能使用一次）：\n{notifier.Absolute(link)}\n\n如果您不知道此事，请忽略本邮件。");
        audit.Record(AuditAction.AccountCreated, Shenbao.Data.Audit.AuditEntry.Objects.User, leader.Id, details: $"项目负责人 {leader.UserName}，设置密码链接已发至登记邮箱");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Message = $"已添加项目负责人{leader.DisplayName}（用户名 {leader.UserName}）。设置密码的链接已发到 {leader.Email}，本人设置密码后即可登录。";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var organisation = User.OrganisationId();
        var people = await db.Users.Where(u => u.OrganisationId == organisation)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.LockoutEnd, AwaitingPassword = u.PasswordHash == null })
            .ToListAsync(ct);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           join u in db.Users on ur.UserId equals u.Id
                           where u.OrganisationId == organisation
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        // administrators first, so the person reading sees who else can open accounts
        Rows = people
            .Select(p => (Admin: roles.Any(r => r.UserId == p.Id && r.Name == Roles.OrgAdmin), Row: new Row(
                p.UserName ?? "", p.DisplayName,
                string.Join("、", roles.Where(r => r.UserId == p.Id).Select(r => Roles.Labels.GetValueOrDefault(r.Name!, r.Name!))),
                p.LockoutEnd > now, p.AwaitingPassword)))
            .OrderBy(p => p.Admin ? 0 : 1).ThenBy(p => p.Row.UserName, StringComparer.Ordinal)
            .Select(p => p.Row)
            .ToList();
    }
}
