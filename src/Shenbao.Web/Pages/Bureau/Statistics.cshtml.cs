using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Insight;
using Shenbao.Web.Applications;

namespace Shenbao.Web.Pages.Bureau;

/// <summary>
/// 统计: the call at a glance for the 市科技局 — applications by category, support field, district, status and verdict,
/// submissions per day up to the deadline, the rules warned most, the clauses cited most, quota use, review progress —
/// each as a chart (server-drawn SVG with its text alternative) and as a table of the same figures, and all as Excel.
/// </summary>
public sealed class StatisticsModel(AppDbContext db, Workspaces workspaces, TimeProvider clock, Shenbao.Web.Insight.StatisticsCache cache, Shenbao.Web.Audit.AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Call { get; set; }

    public IReadOnlyList<FundingCall> Calls { get; private set; } = [];
    public FundingCall? Chosen { get; private set; }
    public CallStatistics? Figures { get; private set; }

    /// <summary>When the figures were counted (they are kept for a minute).</summary>
    public DateTimeOffset CountedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await ChooseAsync(ct)) return Call is null ? Page() : NotFound();
        (CountedAt, Figures) = await CountAsync(ct);
        return Page();
    }

    /// <summary>导出 Excel: every figure's numbers, one row per bar. Audited.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!await ChooseAsync(ct)) return NotFound();
        var guide = workspaces.GuideOf(Chosen!);
        // the same count the page shows, so the workbook and the screen agree
        var (_, figures) = await CountAsync(ct);
        var rows = Statistics.SheetRows(figures).ToList();
        var file = await Shenbao.Web.Exports.ExcelDownloads.SheetAsync($"统计-{guide.Id}.xlsx", "统计", Statistics.SheetColumns, rows, ct);
        audit.Record(Shenbao.Domain.Audit.AuditAction.Export, Shenbao.Data.Audit.AuditEntry.Objects.Call, Chosen!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: $"统计 {rows.Count} 行");
        await db.SaveChangesAsync(ct);
        return file;
    }

    private Task<(DateTimeOffset, CallStatistics)> CountAsync(CancellationToken ct) =>
        cache.GetAsync(Chosen!.Id, () => Statistics.OfAsync(db, Chosen!, workspaces.GuideOf(Chosen!), clock.GetUtcNow(), ct));

    private async Task<bool> ChooseAsync(CancellationToken ct)
    {
        (Calls, Chosen) = await Shenbao.Web.Insight.CallChoice.ChooseAsync(db, Call, ct);
        return Chosen is not null;
    }
}
