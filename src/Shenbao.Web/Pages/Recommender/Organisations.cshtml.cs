using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;
using Shenbao.Web.Notifications;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Requests;
using Shenbao.Web.Organisations;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Recommender;

/// <summary>
/// 单位激活: the 推荐单位 sees the organisations of its own district and activates the pending ones, or returns one with
/// a reason for the organisation to correct and resubmit.
/// </summary>
public sealed class OrganisationsModel(AppDbContext db, AuditLog audit, Notifier notifier, Shenbao.Web.Setup.Districts districts, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Name, string CreditCode, string Kind, string Contact, string Registered, string? Activated, string? Warning,
        string? Returned, string? ReturnReason, int Version);

    public string District { get; private set; } = "";
    public IReadOnlyList<Row> Pending { get; private set; } = [];
    public IReadOnlyList<Row> Active { get; private set; } = [];
    /// <summary>Sent back and not yet resubmitted: waiting for the organisation, shown so that nobody asks twice.</summary>
    public IReadOnlyList<Row> Returned { get; private set; } = [];

    /// <summary>A return refused for its reason: which row, what to fix, and the text typed (kept, not lost).</summary>
    public (int Id, string Message, string? Reason)? ReturnError { get; private set; }

    /// <summary>Each enterprise's 科技型中小企业 standing (self-assessment, 入库登记编号 and proof), by organisation id.</summary>
    public IReadOnlyDictionary<int, Shenbao.Web.Organisations.TechSmeStatus> TechSme { get; private set; } = new Dictionary<int, Shenbao.Web.Organisations.TechSmeStatus>();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        District = User.District();
        var organisations = await db.Organisations
            .Where(o => o.District == District)
            .Select(o => new { o.Id, o.Name, o.CreditCode, o.Kind, o.ContactName, o.ContactPhone, o.Status, o.RegisteredAt, o.ActivatedAt, o.ActivatedBy, o.ReturnedAt, o.ReturnedBy, o.ReturnReason, o.Version })
            .ToListAsync(ct);
        var rows = organisations.Select(o => (o.Status, o.RegisteredAt, Row: new Row(
            o.Id, o.Name, o.CreditCode, Vocabulary.OrganisationKinds.Label(o.Kind), $"{o.ContactName} {o.ContactPhone}",
            ChinaTime.Describe(o.RegisteredAt),
            o.ActivatedAt is { } at ? $"{ChinaTime.Describe(at)}（{o.ActivatedBy}）" : null, districts.CreditCodeWarning(o.CreditCode),
            o.ReturnedAt is { } back ? $"{ChinaTime.Describe(back)}（{o.ReturnedBy}）" : null, o.ReturnReason, o.Version))).ToList();
        // the oldest request waits longest, so it comes first; active ones are looked up by name
        Pending = rows.Where(r => r.Status == OrganisationStatus.Pending).OrderBy(r => r.RegisteredAt).Select(r => r.Row).ToList();
        Active = rows.Where(r => r.Status == OrganisationStatus.Active).OrderBy(r => r.Row.Name, StringComparer.Ordinal).Select(r => r.Row).ToList();
        Returned = rows.Where(r => r.Status == OrganisationStatus.Returned).OrderBy(r => r.RegisteredAt).Select(r => r.Row).ToList();
        TechSme = await Shenbao.Web.Organisations.TechSmeStatus.LoadAsync(db, organisations.Where(o => o.Kind == Vocabulary.Enterprise).Select(o => o.Id).ToList(), ct);
    }

    public async Task<IActionResult> OnPostActivateAsync(int id, int? version, CancellationToken ct)
    {
        // scoped by district in the query itself: another district's organisation is simply not found
        var district = User.District();
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id && o.District == district, ct);
        if (organisation is null) return NotFound();
        if (organisation.Status == OrganisationStatus.Active)
        {
            Message = $"{organisation.Name}已经激活，无需重复操作";
            return RedirectToPage();
        }
        if (organisation.Status == OrganisationStatus.Returned)
        {
            Message = $"{organisation.Name}的注册已退回，等待单位修改后重新提交，暂不能激活";
            return RedirectToPage();
        }
        if (Corrected(organisation, version) is { } corrected) return corrected;

        organisation.Status = OrganisationStatus.Active;
        organisation.ActivatedAt = clock.GetUtcNow();
        organisation.ActivatedBy = User.DisplayName();
        organisation.Version++;
        audit.Record(AuditAction.Activate, AuditEntry.Objects.Organisation, organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: $"{organisation.Name}（{organisation.CreditCode}）");
        await RegistrationNotices.ToOrganisationAsync(db, notifier, organisation, "单位已激活",
            $"{organisation.Name}已由{User.DisplayName()}激活。请重新登录，即可填写单位信息并申报。", "/Organisation/Profile", ct);
        return await DecideAsync(organisation, "激活", $"已激活：{organisation.Name}。该单位的用户重新登录后即可申报。", ct);
    }

    public async Task<IActionResult> OnPostReturnAsync(int id, int? version, string? reason, CancellationToken ct)
    {
        var district = User.District();
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id && o.District == district, ct);
        if (organisation is null) return NotFound();
        if (organisation.Status != OrganisationStatus.Pending)
        {
            Message = organisation.Status == OrganisationStatus.Active
                ? $"{organisation.Name}已经激活，不能退回"
                : $"{organisation.Name}的注册已退回，等待单位修改后重新提交";
            return RedirectToPage();
        }
        if (Corrected(organisation, version) is { } corrected) return corrected;
        // a browser sends a textarea's line breaks as CRLF, while its maxlength counted them as one character each
        reason = reason?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var problem = reason switch
        {
            null or "" => "请填写退回原因：单位将按此修改注册信息",
            { Length: > Shenbao.Data.Organisation.ReturnReasonLimit } => $"退回原因不能超过{Shenbao.Data.Organisation.ReturnReasonLimit}个字（现有{reason.Length}个字）",
            _ => null,
        };
        if (problem is not null)
        {
            await OnGetAsync(ct);
            ReturnError = (id, problem, reason);
            return Page();
        }

        organisation.Status = OrganisationStatus.Returned;
        organisation.ReturnedAt = clock.GetUtcNow();
        organisation.ReturnedBy = User.DisplayName();
        organisation.ReturnReason = reason;
        organisation.Version++;
        audit.Record(AuditAction.ReturnRegistration, AuditEntry.Objects.Organisation, organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: $"{organisation.Name}（{organisation.CreditCode}）：{reason}");
        await RegistrationNotices.ToOrganisationAsync(db, notifier, organisation, "单位注册被退回",
            $"{organisation.Name}的注册已由{User.DisplayName()}退回，原因：{reason}\n请登录后在“注册信息”中修改并重新提交。", "/Account/Registration", ct);
        return await DecideAsync(organisation, "退回", $"已退回：{organisation.Name}。单位修改并重新提交后，将重新出现在待激活列表中。", ct);
    }

    /// <summary>
    /// The decision is on what the officer checked: a registration the organisation corrected since the page was
    /// read (its version moved on) is shown again rather than activated or returned unseen.
    /// </summary>
    private RedirectToPageResult? Corrected(Shenbao.Data.Organisation organisation, int? version)
    {
        if (version == organisation.Version) return null;
        Message = $"{organisation.Name}的注册信息刚被单位更正，请按最新信息重新核对";
        return RedirectToPage();
    }

    /// <summary>Saves the decision unless the organisation changed since it was read: two officers of the district, or
    /// the organisation correcting its registration, at the same moment.</summary>
    private async Task<IActionResult> DecideAsync(Shenbao.Data.Organisation organisation, string verb, string done, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            Message = done;
        }
        catch (DbUpdateConcurrencyException)
        {
            Message = $"{organisation.Name}的信息刚被修改，未{verb}，请查看最新状态后重试";
        }
        return RedirectToPage();
    }
}
