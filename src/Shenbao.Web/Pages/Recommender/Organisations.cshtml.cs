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
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Recommender;

/// <summary>单位激活: the 推荐单位 sees the organisations of its own district and activates the pending ones.</summary>
public sealed class OrganisationsModel(AppDbContext db, AuditLog audit, Notifier notifier, Shenbao.Web.Setup.Districts districts, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Name, string CreditCode, string Kind, string Contact, string Registered, string? Activated, string? Warning);

    public string District { get; private set; } = "";
    public IReadOnlyList<Row> Pending { get; private set; } = [];
    public IReadOnlyList<Row> Active { get; private set; } = [];

    /// <summary>Each enterprise's 科技型中小企业 standing (self-assessment, 入库登记编号 and proof), by organisation id.</summary>
    public IReadOnlyDictionary<int, Shenbao.Web.Organisations.TechSmeStatus> TechSme { get; private set; } = new Dictionary<int, Shenbao.Web.Organisations.TechSmeStatus>();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        District = User.District();
        var organisations = await db.Organisations
            .Where(o => o.District == District)
            .Select(o => new { o.Id, o.Name, o.CreditCode, o.Kind, o.ContactName, o.ContactPhone, o.Status, o.RegisteredAt, o.ActivatedAt, o.ActivatedBy })
            .ToListAsync(ct);
        var rows = organisations.Select(o => (o.Status, o.RegisteredAt, Row: new Row(
            o.Id, o.Name, o.CreditCode, Vocabulary.OrganisationKinds.Label(o.Kind), $"{o.ContactName} {o.ContactPhone}",
            ChinaTime.Describe(o.RegisteredAt),
            o.ActivatedAt is { } at ? $"{ChinaTime.Describe(at)}（{o.ActivatedBy}）" : null, districts.CreditCodeWarning(o.CreditCode)))).ToList();
        // the oldest request waits longest, so it comes first; active ones are looked up by name
        Pending = rows.Where(r => r.Status == OrganisationStatus.Pending).OrderBy(r => r.RegisteredAt).Select(r => r.Row).ToList();
        Active = rows.Where(r => r.Status == OrganisationStatus.Active).OrderBy(r => r.Row.Name, StringComparer.Ordinal).Select(r => r.Row).ToList();
        TechSme = await Shenbao.Web.Organisations.TechSmeStatus.LoadAsync(db, organisations.Where(o => o.Kind == Vocabulary.Enterprise).Select(o => o.Id).ToList(), ct);
    }

    public async Task<IActionResult> OnPostActivateAsync(int id, CancellationToken ct)
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

        organisation.Status = OrganisationStatus.Active;
        organisation.ActivatedAt = clock.GetUtcNow();
        organisation.ActivatedBy = User.DisplayName();
        organisation.Version++;
        audit.Record(AuditAction.Activate, AuditEntry.Objects.Organisation, organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: $"{organisation.Name}（{organisation.CreditCode}）");
        notifier.Notify(await db.Users.Where(u => u.OrganisationId == organisation.Id).ToListAsync(ct), "单位已激活",
            $"{organisation.Name}已由{User.DisplayName()}激活。请重新登录，即可填写单位信息并申报。", "/Organisation/Profile");
        try
        {
            await db.SaveChangesAsync(ct);
            Message = $"已激活：{organisation.Name}。该单位的用户重新登录后即可申报。";
        }
        catch (DbUpdateConcurrencyException)
        {
            // two officers of the district, or the organisation saving its profile, at the same moment
            Message = $"{organisation.Name}的信息刚被修改，未激活，请查看最新状态后重试";
        }
        return RedirectToPage();
    }
}
