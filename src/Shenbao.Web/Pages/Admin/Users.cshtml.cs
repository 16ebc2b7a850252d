using System.ComponentModel.DataAnnotations;
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
using Shenbao.Web.Setup;

namespace Shenbao.Web.Pages.Admin;

/// <summary>
/// 用户管理, the 系统管理员's page (三员分立): opens accounts for officials — without a role, which only the
/// 安全管理员 gives — and stops or restarts them. Stopping ends the person's sessions at once. The administrators'
/// own accounts are not the 系统管理员's to stop, and the audit trail is not theirs to read.
/// </summary>
public sealed class UsersModel(AppDbContext db, UserManager<User> users, AuditLog audit, Notifier notifier, Districts districts, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "请填写用户名")]
        [StringLength(50, ErrorMessage = "用户名不能超过50个字符")]
        [Display(Name = "用户名")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "请填写姓名或部门")]
        [StringLength(50, ErrorMessage = "姓名不能超过50个字")]
        [Display(Name = "姓名或部门")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "请填写邮箱")]
        [EmailAddress(ErrorMessage = "邮箱格式不正确")]
        [StringLength(200, ErrorMessage = "邮箱不能超过200个字符")]
        [Display(Name = "邮箱")]
        public string Email { get; set; } = "";

        /// <summary>For a 推荐单位's account: the district it recommends for.</summary>
        [Display(Name = "所属县市区（园区）")]
        public string? District { get; set; }
    }

    public sealed record Row(string Id, string UserName, string DisplayName, string? District, string Roles, bool Administrator, bool Disabled, bool AwaitingPassword, bool LockedOut)
    {
        public string State => Disabled ? "已停用" : LockedOut ? "已锁定（密码错误次数过多）" : AwaitingPassword ? "待本人设置密码" : "正常";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<string> Districts => districts.All;

    [TempData]
    public string? Message { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (Input.District is { Length: > 0 } district && !districts.Contains(district))
            ModelState.AddModelError("Input.District", "请从列表中选择县市区（园区）");
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var person = new User
        {
            UserName = Input.UserName.Trim(), DisplayName = Input.DisplayName.Trim(), Email = Input.Email.Trim(),
            District = Input.District is { Length: > 0 } d ? d : null,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(person);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            foreach (var field in created.Errors.GroupBy(e => e.Code.Contains("Email", StringComparison.Ordinal) ? "Input.Email" : "Input.UserName"))
                ModelState.AddModelError(field.Key, string.Join("；", field.Select(e => e.Description)));
            await LoadAsync(ct);
            return Page();
        }
        var link = await SetPasswordLink.ForAsync(users, person, first: true);
        notifier.Mail(person, "您的申报系统账号已开通，请设置密码",
            $"系统管理员为您开通了衡阳市科技创新计划项目申报管理系统的账号，用户名 {person.UserName}。安全管理员授予角色后即可使用相应功能。\n" +
            $"请在 24 小时内打开下面的链接设置密码（链接只能使用一次）：\n{notifier.Absolute(link)}\n\n如果您不知道此事，请忽略本邮件。");
        audit.Record(AuditAction.AccountCreated, Shenbao.Data.Audit.AuditEntry.Objects.User, person.Id, details: $"账号 {person.UserName}（未授予角色，待安全管理员授权），设置密码链接已发至登记邮箱");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Message = $"已开通账号 {person.UserName}。设置密码的链接已发到 {person.Email}；请安全管理员为其授予角色。";
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) => SetDisabledAsync(id, disable: true, ct);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) => SetDisabledAsync(id, disable: false, ct);

    private async Task<IActionResult> SetDisabledAsync(string id, bool disable, CancellationToken ct)
    {
        var person = await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.OrganisationId == null, ct);
        if (person is null) return NotFound();
        var roles = await users.GetRolesAsync(person);
        if (roles.Any(Roles.IsAdministrator) || person.Id == User.UserId())
        {
            Message = "管理员账号（三员）不能由系统管理员停用或启用。";
            return RedirectToPage();
        }
        person.DisabledAt = disable ? clock.GetUtcNow() : null;
        // a new security stamp ends every session of the person from its next request (Sessions)
        person.SecurityStamp = Guid.NewGuid().ToString("N");
        audit.Record(disable ? AuditAction.AccountDisabled : AuditAction.AccountEnabled, Shenbao.Data.Audit.AuditEntry.Objects.User, person.Id, details: $"账号 {person.UserName}");
        await db.SaveChangesAsync(ct);
        Message = disable ? $"已停用 {person.UserName}：其登录已全部失效，不能再登录。" : $"已启用 {person.UserName}。";
        return RedirectToPage();
    }

    /// <summary>Every account not of an applicant organisation (officials, experts, administrators).</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        var people = await db.Users.AsNoTracking().Where(u => u.OrganisationId == null).OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.District, u.DisabledAt, AwaitingPassword = u.PasswordHash == null, u.LockoutEnd })
            .ToListAsync(ct);
        var roles = await RolesModel.OfficialRolesAsync(db, ct);
        var now = clock.GetUtcNow();
        Rows = people.Select(p =>
        {
            var held = roles[p.Id].ToList();
            return new Row(p.Id, p.UserName ?? "", p.DisplayName, p.District, held.Count == 0 ? "（未授予）" : string.Join("、", held.Select(h => Roles.Labels.GetValueOrDefault(h, h))),
                held.Any(Roles.IsAdministrator), p.DisabledAt is not null, p.AwaitingPassword, p.LockoutEnd > now);
        }).ToList();
    }
}
