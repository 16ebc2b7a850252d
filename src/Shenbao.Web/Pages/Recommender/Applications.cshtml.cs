using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Applications;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Recommender;

/// <summary>
/// 推荐审核: the submitted applications of the 推荐单位's district in a call, waiting ones first, with the quotas used
/// and left; one or many recommended at once, each checked as if alone.
/// </summary>
public sealed class ApplicationsModel(AppDbContext db, Workspaces workspaces, RecommendationGuard guard, Transitions transitions, Shenbao.Web.Audit.AuditLog audit, TimeProvider clock) : PageModel
{
    /// <summary>How many one batch takes: its per-item results must still fit the notice after the redirect.</summary>
    public const int BatchLimit = 100;

    public sealed record Row(int Id, string Number, string? Title, string Organisation, string Category, ApplicationStatus Status, string? Submitted);

    public IReadOnlyList<FundingCall> Calls { get; private set; } = [];
    public FundingCall? Call { get; private set; }
    public string District { get; private set; } = "";
    public IReadOnlyList<Row> Waiting { get; private set; } = [];
    public IReadOnlyList<Row> Decided { get; private set; } = [];
    public IReadOnlyList<RecommendationGuard.Quota> Quotas { get; private set; } = [];
    public bool RecommendationOpen { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? call, CancellationToken ct)
    {
        District = User.District();
        Calls = await db.Calls.AsNoTracking().ToListAsync(ct);
        // the newest call unless another is chosen (SQLite cannot order DateTimeOffset in SQL; a handful a year)
        Call = Calls.FirstOrDefault(c => c.Id == call) ?? Calls.OrderByDescending(c => c.OpensAt).FirstOrDefault();
        if (Call is null) return Page();
        RecommendationOpen = clock.GetUtcNow() < Call.RecommendationDeadline;
        var guide = workspaces.GuideOf(Call);
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.CallId == Call.Id && a.District == District && a.SubmittedAt != null && a.Status != ApplicationStatus.Draft)
            .Select(a => new { a.Id, a.Number, a.Title, Organisation = a.Organisation.Name, a.Category, a.Status, a.SubmittedAt })
            .ToListAsync(ct);
        var view = rows.OrderBy(a => a.SubmittedAt).Select(a => new Row(a.Id, a.Number, a.Title, a.Organisation, guide.FindCategory(a.Category)?.Name ?? a.Category, a.Status,
            a.SubmittedAt is { } at ? ChinaTime.Describe(at) : null)).ToList();
        // the first submitted waits longest, so it comes first (rows are in submission order)
        Waiting = view.Where(r => r.Status == ApplicationStatus.Submitted).ToList();
        Decided = view.Where(r => r.Status != ApplicationStatus.Submitted).OrderBy(r => r.Number, StringComparer.Ordinal).ToList();
        Quotas = await guard.QuotasAsync(Call, District, ct);
        return Page();
    }

    /// <summary>导出 Excel: the district's submitted applications of the call with their recommendation (or return) and reason. Audited.</summary>
    public async Task<IActionResult> OnGetExportAsync(int call, CancellationToken ct)
    {
        if (await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == call, ct) is not { } chosen) return NotFound();
        var district = User.District();
        var query = db.Applications.Where(a => a.CallId == call && a.District == district && a.SubmittedAt != null && a.Status != ApplicationStatus.Draft);
        var counter = new Shenbao.Data.Exports.RowCounter();
        var file = await Shenbao.Web.Exports.ExcelDownloads.SheetAsync($"推荐审核-{district}-{chosen.GuideId}.xlsx", "推荐审核", Shenbao.Data.Exports.ApplicationSheets.ApplicationColumns,
            counter.Of(Shenbao.Data.Exports.ApplicationSheets.Applications(query, new Dictionary<int, Shenbao.Domain.Guides.Guide> { [call] = workspaces.GuideOf(chosen) })), ct);
        audit.Record(Shenbao.Domain.Audit.AuditAction.Export, Shenbao.Data.Audit.AuditEntry.Objects.Call, call.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: $"推荐审核列表（{district}）{counter.Count} 行");
        await db.SaveChangesAsync(ct);
        return file;
    }

    /// <summary>批量推荐: each chosen application recommended on its own (quota and rules checked one after another); what was refused says why.</summary>
    public async Task<IActionResult> OnPostBatchAsync(int call, List<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            Message = "请先勾选要推荐的申报书";
            return RedirectToPage(new { call });
        }
        var results = new List<string>();
        var chosen = ids.Distinct().ToList();
        if (chosen.Count > BatchLimit) results.Add($"一次最多推荐 {BatchLimit} 份，本次只办理了前 {BatchLimit} 份，其余 {chosen.Count - BatchLimit} 份请再次勾选");
        foreach (var id in chosen.Take(BatchLimit))
        {
            var outcome = await RecommendAsync(db, guard, transitions, User, id, ct);
            results.Add(outcome?.Message ?? "所选的一份申报书不在本辖区的待推荐列表中（可能已被撤回），未办理");
        }
        Message = string.Join("\n", results);
        return RedirectToPage(new { call });
    }

    /// <summary>
    /// One recommendation, with its quota taken under a lock (two officers, or a batch beside a single click, cannot both
    /// take the last place): null when the application is not the district's.
    /// </summary>
    internal static async Task<Transitions.Outcome?> RecommendAsync(AppDbContext db, RecommendationGuard guard, Transitions transitions, System.Security.Claims.ClaimsPrincipal user, int id, CancellationToken ct,
        string? reason = null, string? internalNote = null)
    {
        var district = user.District();
        // which quota it draws on, read before the transaction: the lock is its first statement, so that on SQLite no
        // read snapshot older than another officer's commit has to be upgraded to a write
        if (await db.Applications.AsNoTracking().Where(a => a.Id == id && a.District == district && a.SubmittedAt != null && a.Status != ApplicationStatus.Draft)
                .Select(a => new { a.CallId, a.Category }).SingleOrDefaultAsync(ct) is not { } quota)
            return null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.RecommendationQuotas.Where(q => q.CallId == quota.CallId && q.District == district && q.Category == quota.Category)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Limit, q => q.Limit), ct);
        if (await db.Applications.Include(a => a.Call).Include(a => a.Events).SingleOrDefaultAsync(a => a.Id == id && a.District == district && a.SubmittedAt != null && a.Status != ApplicationStatus.Draft, ct) is not { } application)
            return null;
        if (application.Status == ApplicationStatus.Submitted && await guard.RefusalAsync(application, ct) is { } refusal)
            return new(false, $"《{application.Title ?? application.Number}》未推荐：{refusal}");
        var outcome = await transitions.MakeAsync(application, ApplicationAction.Recommend, user, reason, internalNote, ct);
        if (outcome.Done) await transaction.CommitAsync(ct);
        return outcome;
    }
}
