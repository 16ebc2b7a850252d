using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Admin;

/// <summary>
/// 角色与权限, the 安全管理员's page (三员分立): grants and takes back the roles of officials' accounts, keeping the
/// three administrators apart (<see cref="Roles.RefusalToAdd"/>), and resets a lost second factor. It opens and
/// stops no account and reads no audit trail. Every change ends the person's sessions, so it applies at once.
/// </summary>
public sealed class RolesModel(AppDbContext db, UserManager<User> users, AuditLog audit) : PageModel
{
    /// <summary>The roles given here; the organisations' own (单位管理员, 项目负责人) come with registration, experts with the pool.</summary>
    public static readonly string[] Grantable = [Roles.Bureau, Roles.Recommender, Roles.Expert, Roles.SystemAdmin, Roles.AuditAdmin, Roles.SecurityAdmin];

    public sealed record Row(string Id, string UserName, string DisplayName, string? District, IReadOnlyList<string> Roles, bool SecondFactor);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostGrantAsync(string id, string role, CancellationToken ct)
    {
        if (await OfficialAsync(id, ct) is not { } person) return NotFound();
        if (!Grantable.Contains(role)) return BadRequest();
        var held = (await users.GetRolesAsync(person)).ToList();
        var refusal = person.Id == User.UserId() ? "不能修改自己的角色" : Roles.RefusalToAdd(held, role)
            ?? (role == Roles.Recommender && person.District is null ? "推荐单位的账号须先由系统管理员登记所属县市区（园区）" : null);
        if (refusal is not null)
        {
            audit.Record(AuditAction.RoleGranted, Shenbao.Data.Audit.AuditEntry.Objects.User, person.Id, AuditOutcome.Refused, $"{person.UserName} + {Roles.Labels[role]}：{refusal}");
            await db.SaveChangesAsync(ct);
            Message = $"未授予：{refusal}。";
            return RedirectToPage();
        }
        return await ChangeAsync(person, () => users.AddToRoleAsync(person, role), AuditAction.RoleGranted, $"{person.UserName} 授予{Roles.Labels[role]}", ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(string id, string role, CancellationToken ct)
    {
        if (await OfficialAsync(id, ct) is not { } person) return NotFound();
        if (!Grantable.Contains(role) || !await users.IsInRoleAsync(person, role)) return BadRequest();
        if (person.Id == User.UserId())
        {
            Message = "未收回：不能修改自己的角色。";
            return RedirectToPage();
        }
        return await ChangeAsync(person, () => users.RemoveFromRoleAsync(person, role), AuditAction.RoleRevoked, $"{person.UserName} 收回{Roles.Labels[role]}", ct);
    }

    /// <summary>A lost authenticator: the key and the recovery codes go; the next sign-in enrols again.</summary>
    public async Task<IActionResult> OnPostResetSecondFactorAsync(string id, CancellationToken ct)
    {
        if (await OfficialAsync(id, ct) is not { } person) return NotFound();
        (person.TotpSecret, person.TotpEnabledAt, person.TotpLastStep) = (null, null, null);
        return await ChangeAsync(person, async () =>
        {
            // inside the change's transaction: the codes go with the key, or neither does
            await db.RecoveryCodes.Where(r => r.UserId == person.Id).ExecuteDeleteAsync(ct);
            return await users.UpdateSecurityStampAsync(person);
        }, AuditAction.SecondFactorReset, $"{person.UserName} 的动态口令已重置，下次登录重新绑定", ct);
    }

    private Task<User?> OfficialAsync(string id, CancellationToken ct) => db.Users.SingleOrDefaultAsync(u => u.Id == id && u.OrganisationId == null, ct);

    /// <summary>The change and a new security stamp (the person's sessions end and sign in again under the new roles), audited.</summary>
    private async Task<IActionResult> ChangeAsync(User person, Func<Task<IdentityResult>> change, AuditAction action, string details, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await change();
        if (!result.Succeeded) throw new InvalidOperationException($"{action} of {person.UserName}: {string.Join("; ", result.Errors.Select(e => e.Code))}");
        // an account still waiting for its first password has no session to end, and a new stamp would void the
        // set-password link the 系统管理员's opening mailed (it is bound to the stamp): the usual order is open, grant, set
        var awaitingPassword = person.PasswordHash is null;
        if (action != AuditAction.SecondFactorReset && !awaitingPassword) await users.UpdateSecurityStampAsync(person);
        audit.Record(action, Shenbao.Data.Audit.AuditEntry.Objects.User, person.Id, details: details);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Message = awaitingPassword ? $"已完成：{details}。该账号尚未设置密码，设置密码并登录后生效。" : $"已完成：{details}。其现有登录已失效，下次登录起生效。";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var people = await db.Users.AsNoTracking().Where(u => u.OrganisationId == null).OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.District, SecondFactor = u.TotpEnabledAt != null }).ToListAsync(ct);
        var roles = await OfficialRolesAsync(db, ct);
        Rows = people.Select(p => new Row(p.Id, p.UserName ?? "", p.DisplayName, p.District, roles[p.Id].ToList(), p.SecondFactor)).ToList();
    }

    /// <summary>The roles of the accounts of no organisation (officials, experts, administrators), by account; what both administrators' pages list.</summary>
    public static async Task<ILookup<string, string>> OfficialRolesAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          join u in db.Users on ur.UserId equals u.Id
                          where u.OrganisationId == null
                          select new { ur.UserId, r.Name }).ToListAsync(ct);
        return rows.ToLookup(r => r.UserId, r => r.Name!);
    }
}
