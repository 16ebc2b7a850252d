using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Organisation;

/// <summary>单位用户: the organisation's accounts; its administrator opens accounts for its 项目负责人.</summary>
[Authorize(Policy = Policies.OrgAdmin)]
public sealed class UsersModel(AppDbContext db, UserManager<User> users, TimeProvider clock) : PageModel
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

        [Required(ErrorMessage = "请设置初始密码")]
        [DataType(DataType.Password)]
        [Display(Name = "初始密码")]
        public string Password { get; set; } = "";
    }

    public sealed record Row(string UserName, string DisplayName, string Role, bool LockedOut);

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
        var leader = new User { UserName = Input.UserName.Trim(), DisplayName = Input.DisplayName.Trim(), OrganisationId = User.OrganisationId() };
        var created = await users.CreateAsync(leader, Input.Password);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            // every problem at once, beside the field it concerns (a field shows one message, so they are joined)
            foreach (var field in created.Errors.GroupBy(e => e.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.UserName" : "Input.Password"))
                ModelState.AddModelError(field.Key, string.Join("；", field.Select(e => e.Description)));
            await LoadAsync(ct);
            return Page();
        }
        if (!(await users.AddToRoleAsync(leader, Roles.ProjectLeader)).Succeeded)
            throw new InvalidOperationException($"Could not give the new account the role {Roles.ProjectLeader}.");
        await transaction.CommitAsync(ct);
        Message = $"已添加项目负责人{leader.DisplayName}（用户名 {leader.UserName}）。请把初始密码当面或电话告知本人。";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var organisation = User.OrganisationId();
        var people = await db.Users.Where(u => u.OrganisationId == organisation)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.LockoutEnd })
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
                p.LockoutEnd > now)))
            .OrderBy(p => p.Admin ? 0 : 1).ThenBy(p => p.Row.UserName, StringComparer.Ordinal)
            .Select(p => p.Row)
            .ToList();
    }
}
