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
using Shenbao.Web.Setup;

namespace Shenbao.Web.Pages.Account;

/// <summary>
/// 单位注册: the organisation and its 申报单位管理员 in one transaction, pending until the 推荐单位 of its district
/// activates it.
/// </summary>
public sealed class RegisterModel(AppDbContext db, UserManager<User> users, Districts districts, AuditLog audit, Notifier notifier, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "请填写统一社会信用代码")]
        [Display(Name = "统一社会信用代码")]
        public string CreditCode { get; set; } = "";

        [Required(ErrorMessage = "请填写单位名称")]
        [StringLength(200, ErrorMessage = "单位名称不能超过200个字")]
        [Display(Name = "单位名称")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "请选择单位类型")]
        [Display(Name = "单位类型")]
        public string Kind { get; set; } = "";

        [Required(ErrorMessage = "请选择所在县市区/园区")]
        [Display(Name = "所在县市区/园区")]
        public string District { get; set; } = "";

        [Required(ErrorMessage = "请填写联系人")]
        [StringLength(50, ErrorMessage = "联系人不能超过50个字")]
        [Display(Name = "联系人")]
        public string ContactName { get; set; } = "";

        [Required(ErrorMessage = "请填写联系电话")]
        [RegularExpression(@"^[0-9+()\- ]{7,30}$", ErrorMessage = "联系电话只能包含数字、空格和 + - ( )，7至30位")]
        [Display(Name = "联系电话")]
        public string ContactPhone { get; set; } = "";

        [EmailAddress(ErrorMessage = "联系邮箱格式不正确")]
        [StringLength(200, ErrorMessage = "联系邮箱不能超过200个字符")]
        [Display(Name = "联系邮箱（选填）")]
        public string? ContactEmail { get; set; }

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

    public IReadOnlyList<string> DistrictChoices => districts.All;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // people type the code in lower case or with spaces around it; GB 32100 letters are upper case
        var code = Input.CreditCode?.Trim().ToUpperInvariant() ?? "";
        if (code.Length > 0 && CreditCode.Problem(code) is { } problem)
            ModelState.AddModelError("Input.CreditCode", problem);
        else if (code.Length > 0 && await db.Organisations.AnyAsync(o => o.CreditCode == code, ct))
            ModelState.AddModelError("Input.CreditCode", "该统一社会信用代码已注册");
        if (Input.Kind is { Length: > 0 } kind && !Vocabulary.OrganisationKinds.Contains(kind))
            ModelState.AddModelError("Input.Kind", "请从列表中选择单位类型");
        if (Input.District is { Length: > 0 } district && !districts.Contains(district))
            ModelState.AddModelError("Input.District", $"“{district}”不在本系统的县市区/园区列表中，请从列表中选择");
        if (!ModelState.IsValid) return Page();

        // the organisation needs its id before the account can point at it: two saves, so one explicit transaction,
        // and an account Identity refuses (weak password, name taken) takes the organisation back with it
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var organisation = new Shenbao.Data.Organisation
        {
            CreditCode = code, Name = Input.Name.Trim(), Kind = Input.Kind, District = Input.District,
            ContactName = Input.ContactName.Trim(), ContactPhone = Input.ContactPhone.Trim(), ContactEmail = Input.ContactEmail?.Trim(),
            Status = OrganisationStatus.Pending, RegisteredAt = clock.GetUtcNow(),
        };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);

        var admin = new User { UserName = Input.UserName.Trim(), DisplayName = Input.DisplayName.Trim(), Email = Input.Email.Trim(), OrganisationId = organisation.Id };
        var created = await users.CreateAsync(admin, Input.Password);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            // every problem at once, beside the field it concerns (a field shows one message, so they are joined)
            foreach (var field in created.Errors.GroupBy(e => e.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.UserName" : "Input.Password"))
                ModelState.AddModelError(field.Key, string.Join("；", field.Select(e => e.Description)));
            return Page();
        }
        // a missing role is a start-up fault (RoleSetup.EnsureRolesAsync), not the applicant's: let it throw and roll back
        if (!(await users.AddToRoleAsync(admin, Roles.OrgAdmin)).Succeeded)
            throw new InvalidOperationException($"Could not give the new account the role {Roles.OrgAdmin}.");
        audit.RecordFor(admin, Roles.OrgAdmin, AuditAction.Register, details: $"单位 {organisation.CreditCode}（{organisation.District}），管理员账号 {admin.UserName}",
            target: (AuditEntry.Objects.Organisation, organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // the 推荐单位 of the district is the one to act: it hears of the request at once
        var recommenders = await db.Users.Where(u => u.District == organisation.District).ToListAsync(ct);
        notifier.Notify(recommenders, $"待激活：{organisation.Name}",
            $"{organisation.Name}（统一社会信用代码 {organisation.CreditCode}）已在本系统注册，等待贵单位核对后激活。"
            + (districts.CreditCodeWarning(organisation.CreditCode) is { } warning ? $"注意：{warning}。" : ""), "/Recommender/Organisations");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return RedirectToPage("Registered", new { district = organisation.District });
    }
}
