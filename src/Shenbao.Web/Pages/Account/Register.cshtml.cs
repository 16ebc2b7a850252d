using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;
using Shenbao.Web.Notifications;
using Shenbao.Domain.Requests;
using Shenbao.Web.Organisations;
using Shenbao.Web.Security;
using Shenbao.Web.Setup;

namespace Shenbao.Web.Pages.Account;

/// <summary>
/// 单位注册: the organisation and its 申报单位管理员 in one transaction, pending until the 推荐单位 of its district
/// activates it.
/// </summary>
public sealed class RegisterModel(AppDbContext db, UserManager<User> users, Districts districts, AuditLog audit, Notifier notifier, TimeProvider clock, SignInNameLimits nameLimits) : PageModel
{
    public sealed class InputModel : OrganisationInput
    {
        [Required(ErrorMessage = "请填写用户名")]
        [StringLength(50, ErrorMessage = "用户名不能超过50个字符")]
        [Display(Name = "用户名")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "请填写管理员姓名")]
        [StringLength(50, ErrorMessage = "姓名不能超过50个字")]
        [Display(Name = "姓名")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "请填写管理员邮箱")]
        [EmailAddress(ErrorMessage = "管理员邮箱格式不正确")]
        [StringLength(200, ErrorMessage = "管理员邮箱不能超过200个字符")]
        [Display(Name = "管理员邮箱")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "请设置密码")]
        [DataType(DataType.Password)]
        [Display(Name = "密码")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "请再次输入密码")]
        [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致")]
        [DataType(DataType.Password)]
        [Display(Name = "确认密码")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // the name's own limit first, so that trying names one after another costs the same whatever the form holds
        using var lease = nameLimits.Attempt(users.NormalizeName(Trimmed(Input.UserName)) ?? "");
        if (!lease.IsAcquired)
        {
            await SignInRateLimits.WriteRefusalAsync(HttpContext, lease, ct);
            return new EmptyResult();
        }
        await Input.CheckAsync(db, districts, ModelState, nameof(Input), self: null, ct);
        if (!ModelState.IsValid) return Page();

        // the organisation needs its id before the account can point at it: two saves, so one explicit transaction,
        // and an account Identity refuses (weak password, name taken) takes the organisation back with it
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var organisation = new Shenbao.Data.Organisation
        {
            CreditCode = "", Name = "", Kind = "", District = "", ContactName = "", ContactPhone = "",
            Status = OrganisationStatus.Pending, RegisteredAt = clock.GetUtcNow(),
        };
        Input.CopyTo(organisation);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);

        var admin = new User { UserName = Input.UserName.Trim(), DisplayName = Input.DisplayName.Trim(), Email = Input.Email.Trim(), OrganisationId = organisation.Id };
        var created = await users.CreateAsync(admin, Input.Password);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            // a taken name is never said on the page (it would tell anyone which accounts exist): with nothing else
            // wrong the answer is the same as a registration's, and only the mailbox typed in learns why nothing came of it
            var problems = created.Errors.Where(e => e.Code != nameof(IdentityErrorDescriber.DuplicateUserName)).ToList();
            if (problems.Count == 0) return await TakenNameAsync(admin, ct);
            // every problem at once, beside the field it concerns (a field shows one message, so they are joined)
            foreach (var field in problems.GroupBy(e => e.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.UserName" : "Input.Password"))
                ModelState.AddModelError(field.Key, string.Join("；", field.Select(e => e.Description)));
            return Page();
        }
        // a missing role is a start-up fault (RoleSetup.EnsureRolesAsync), not the applicant's: let it throw and roll back
        if (!(await users.AddToRoleAsync(admin, Roles.OrgAdmin)).Succeeded)
            throw new InvalidOperationException($"Could not give the new account the role {Roles.OrgAdmin}.");
        audit.RecordFor(admin, Roles.OrgAdmin, AuditAction.Register, details: $"单位 {organisation.CreditCode}（{organisation.District}），管理员账号 {admin.UserName}",
            target: (AuditEntry.Objects.Organisation, organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await RegistrationNotices.ToRecommendersAsync(db, notifier, districts, organisation, RegistrationNotices.Change.Registered, ct);
        notifier.Mail(admin, "单位注册已提交", $"贵单位“{organisation.Name}”的注册已提交，管理员账号为“{admin.UserName}”。{organisation.District}审核激活后即可填写申报。");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return RedirectToPage("Registered", new { district = organisation.District });
    }

    /// <summary>What was typed, trimmed; an empty field binds as null.</summary>
    private static string Trimmed(string? typed) => typed?.Trim() ?? "";

    /// <summary>The same answer as a registration; the mail to the address typed in says the name was taken.</summary>
    private async Task<IActionResult> TakenNameAsync(User wanted, CancellationToken ct)
    {
        notifier.Mail(wanted, "单位注册未完成", $"您在衡阳市科技创新计划项目申报管理系统提交的单位注册未能完成：用户名“{wanted.UserName}”已被其他账号使用。请换一个用户名重新注册；如果该账号就是您的，请直接登录或在登录页“忘记密码”找回。");
        audit.RecordUnknown(wanted.UserName!, AuditAction.Register, AuditOutcome.Refused, "用户名已被使用，未注册（页面不显示原因，只邮件告知所填邮箱）");
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Registered", new { district = Input.District });
    }
}
