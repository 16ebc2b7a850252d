using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;
using Shenbao.Web.Notifications;
using Shenbao.Web.Organisations;
using Shenbao.Web.Security;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Setup;

namespace Shenbao.Web.Pages.Account;

/// <summary>
/// 注册信息: the administrator of an organisation not yet active sees where its registration stands and corrects it; a
/// registration the 推荐单位 returned is resubmitted from here, and the 推荐单位 hears of it. Once active, the
/// registration is the 推荐单位's record and this page only shows it.
/// </summary>
public sealed class RegistrationModel(AppDbContext db, Districts districts, AuditLog audit, Notifier notifier) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    /// <summary>The organisation's version the form was filled from: a decision taken meanwhile refuses the save.</summary>
    [BindProperty]
    public int Version { get; set; }

    public OrganisationStatus Status { get; private set; }
    public string? Returned { get; private set; }
    public string? ReturnReason { get; private set; }
    public string Recommender { get; private set; } = "";

    [TempData]
    public string? Message { get; set; }

    /// <summary>What was not done and why (a refusal is no success).</summary>
    [TempData]
    public string? Warning { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await OwnAsync(ct) is not { } organisation) return NotFound();
        Show(organisation);
        Input = OrganisationInput.Of(organisation);
        Version = organisation.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await OwnAsync(ct) is not { } organisation) return NotFound();
        if (organisation.Status == OrganisationStatus.Active)
        {
            Warning = "贵单位已激活，注册信息不能再在此修改；如需变更，请联系推荐单位。";
            return RedirectToPage();
        }
        if (Version != organisation.Version)
        {
            // the 推荐单位 activated or returned it while the form was open: what it decided on is what the page must show
            Warning = "注册信息刚刚被修改（推荐单位已处理，或在另一页面保存过），您的修改没有保存。请查看最新状态后再修改。";
            return RedirectToPage();
        }
        await Input.CheckAsync(db, districts, ModelState, nameof(Input), organisation.Id, ct);
        if (!ModelState.IsValid)
        {
            Show(organisation);
            return Page();
        }

        var before = OrganisationInput.Of(organisation);
        var oldDistrict = organisation.District;
        Input.CopyTo(organisation);
        var changed = Changes(before, OrganisationInput.Of(organisation));
        var resubmitted = organisation.Status == OrganisationStatus.Returned;
        if (changed.Count == 0 && !resubmitted)
        {
            Warning = "注册信息没有变化，无需保存。";
            return RedirectToPage();
        }
        organisation.Status = OrganisationStatus.Pending;
        organisation.Version++;
        // the names of the fields, not their values: a contact's phone number does not belong in the trail's details
        audit.Record(AuditAction.RegistrationChange, AuditEntry.Objects.Organisation, organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: (resubmitted ? "退回后重新提交；" : "") + (changed.Count == 0 ? "未修改注册信息" : "修改了" + string.Join("、", changed)));
        // the district that decides hears of it: on a resubmission, or when the registration moved to another district
        // the district that decides hears of it: a resubmission, a correction of what it is checking, a move to it
        await RegistrationNotices.ToRecommendersAsync(db, notifier, districts, organisation,
            resubmitted ? RegistrationNotices.Change.Resubmitted : organisation.District != oldDistrict ? RegistrationNotices.Change.Registered : RegistrationNotices.Change.Corrected, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            Warning = "注册信息刚刚被修改（推荐单位已处理，或在另一页面保存过），您的修改没有保存。请查看最新状态后再修改。";
            return RedirectToPage();
        }
        catch (DbUpdateException)
        {
            // another registration took the code between the check and the save (the column is unique)
            db.ChangeTracker.Clear();
            if (!await db.Organisations.AnyAsync(o => o.CreditCode == organisation.CreditCode && o.Id != organisation.Id, ct)) throw;
            ModelState.AddModelError("Input.CreditCode", "该统一社会信用代码已注册");
            Show((await OwnAsync(ct))!);
            return Page();
        }
        Message = resubmitted
            ? $"已重新提交，等待{organisation.District}的推荐单位审核激活。"
            : "注册信息已保存。";
        return RedirectToPage();
    }

    /// <summary>The signed-in administrator's own organisation: the only one this page reads or writes.</summary>
    private async Task<Shenbao.Data.Organisation?> OwnAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Organisation).SingleOrDefaultAsync(ct);
    }

    private void Show(Shenbao.Data.Organisation organisation)
    {
        Status = organisation.Status;
        Returned = organisation.ReturnedAt is { } at ? $"{ChinaTime.Describe(at)}（{organisation.ReturnedBy}）" : null;
        ReturnReason = organisation.ReturnReason;
        Recommender = $"{organisation.District}的推荐单位";
    }

    /// <summary>The fields that differ, by the names the form shows them with.</summary>
    private static List<string> Changes(OrganisationInput before, OrganisationInput after) =>
        typeof(OrganisationInput).GetProperties()
            .Select(p => (Property: p, Display: p.GetCustomAttribute<DisplayAttribute>()))
            .Where(p => p.Display is not null && !Equals(p.Property.GetValue(before), p.Property.GetValue(after)))
            .Select(p => p.Display!.Name!.Replace("（选填）", "", StringComparison.Ordinal))
            .ToList();
}
