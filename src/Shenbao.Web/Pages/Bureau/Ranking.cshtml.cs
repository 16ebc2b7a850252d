using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Data.Experts;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Guides;
using Shenbao.Web.Applications;
using Shenbao.Web.Audit;
using Shenbao.Web.Experts;

namespace Shenbao.Web.Pages.Bureau;

/// <summary>
/// 评审排名: per category, each application's reviews aggregated (mean; trimmed mean from the rubric's trimFrom
/// reviews), the spread, and what a person must look at (缺评, 离群分), in the stated tie-break order; the end of
/// review for those whose reviews are all in; the ranking as Excel. The decision page proposes from it.
/// </summary>
public sealed class RankingModel(AppDbContext db, Workspaces workspaces, ExpertAssignments assignments, AuditLog audit) : PageModel
{
    public IReadOnlyList<FundingCall> Calls { get; private set; } = [];
    public FundingCall? Chosen { get; private set; }
    public IReadOnlyList<(Category Category, IReadOnlyList<ReviewRounds.Line> Lines)> Ranking { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? call, CancellationToken ct)
    {
        Calls = await db.Calls.AsNoTracking().ToListAsync(ct);
        Chosen = Calls.FirstOrDefault(c => c.Id == call) ?? Calls.OrderByDescending(c => c.OpensAt).FirstOrDefault();
        if (Chosen is not null) Ranking = await ReviewRounds.RankingAsync(db, Chosen.Id, workspaces.GuideOf(Chosen), ct);
        return Page();
    }

    /// <summary>完成评审: the applications whose every assigned review is submitted move on to the decision.</summary>
    public async Task<IActionResult> OnPostFinishAsync(int call, CancellationToken ct)
    {
        if (await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == call, ct) is not { } chosen) return NotFound();
        var (finished, waiting) = await assignments.FinishAsync(chosen, User, ct);
        Message = (finished == 0 ? "没有可以结束评审的申报书（须每位专家都已提交评审意见）" : $"已结束 {finished} 份申报书的评审，可在“立项与公示”中按排名作出决定")
            + (waiting > 0 ? $"；另有 {waiting} 份尚有评审意见未提交，暂不结束" : "");
        return RedirectToPage(new { call });
    }

    public async Task<IActionResult> OnPostFinishOneAsync(int call, int id, string? reason, CancellationToken ct)
    {
        Message = await assignments.FinishOneAsync(call, id, reason, User, ct);
        return RedirectToPage(new { call });
    }

    /// <summary>The ranking as Excel (no expert named), audited like every export.</summary>
    public async Task<IActionResult> OnGetExportAsync(int call, CancellationToken ct)
    {
        if (await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == call, ct) is not { } chosen) return NotFound();
        var rows = ReviewRounds.RankingSheet(chosen.Title, await ReviewRounds.RankingAsync(db, call, workspaces.GuideOf(chosen), ct)).ToList();
        audit.Record(AuditAction.Export, AuditEntry.Objects.Call, call.ToString(CultureInfo.InvariantCulture), details: $"评审排名 {rows.Count} 项");
        await db.SaveChangesAsync(ct);
        var file = new MemoryStream();
        await ExpertPool.WriteAsync(file, rows, "评审排名", ct);
        file.Position = 0;
        return File(file, ExpertPool.ContentType, $"评审排名-{chosen.GuideId}.xlsx");
    }
}
