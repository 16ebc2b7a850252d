using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Data.Experts;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Experts;
using Shenbao.Web.Applications;
using Shenbao.Web.Audit;
using Shenbao.Web.Experts;

namespace Shenbao.Web.Pages.Bureau;

/// <summary>
/// 专家评审: the call's review deadline; the assignment, run as often as needed (each run tops applications up to their
/// rubric's number of experts, from a seed it records); every 回避 with its reason; the applications still short of
/// experts and why; an expert replaced, or a submitted review reopened, each with a reason.
/// </summary>
public sealed class AssignModel(AppDbContext db, Workspaces workspaces, ExpertAssignments assignments, AuditLog audit, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Number, string? Title, string Organisation, string Category, string? Field, ApplicationStatus Status, int Needed,
        IReadOnlyList<ExpertReview> Reviews, IReadOnlyList<AssignmentExclusion> Exclusions)
    {
        public int Standing => Reviews.Count(r => ExpertReview.Standing.Contains(r.State));
    }

    public IReadOnlyList<FundingCall> Calls { get; private set; } = [];
    public FundingCall? Chosen { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public AssignmentRun? LastRun { get; private set; }
    public IReadOnlyList<Shortfall> Shortfalls { get; private set; } = [];
    public int PoolSize { get; private set; }
    public int DefaultMax => assignments.DefaultMaxPerExpert;
    /// <summary>
    /// The application an officer gives an expert by hand — in a review's place (更换) or one more (添加) — with the
    /// experts who may take it.
    /// </summary>
    public (Application Application, ExpertReview? Review, IReadOnlyList<(PoolExpert Expert, bool SameField)> Candidates)? ByHand { get; private set; }

    /// <summary>A refusal shown on this answer.</summary>
    public string? Error { get; private set; }

    /// <summary>A refusal carried to the page a redirect shows.</summary>
    [TempData]
    public string? Failure { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? call, long? replace, int? add, CancellationToken ct)
    {
        if (await ChooseAsync(call, ct) is not { } chosen) return Page();
        if (replace is { } reviewId)
        {
            if (await db.ExpertReviews.AsNoTracking().Include(r => r.Expert).Include(r => r.Application).SingleOrDefaultAsync(r => r.Id == reviewId && r.CallId == chosen.Id, ct) is not { } review)
                return NotFound();
            ByHand = (review.Application, review, await assignments.CandidatesAsync(chosen.Id, review.ApplicationId, ct));
        }
        else if (add is { } applicationId)
        {
            if (await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId && a.CallId == chosen.Id && ReviewRounds.Assignable.Contains(a.Status), ct) is not { } application)
                return NotFound();
            ByHand = (application, null, await assignments.CandidatesAsync(chosen.Id, application.Id, ct));
        }
        await LoadAsync(chosen, ct);
        return Page();
    }

    /// <summary>分配专家: a seed left blank is drawn, and recorded with the run so that it can be reproduced.</summary>
    public async Task<IActionResult> OnPostRunAsync(int call, string? seed, string? max, CancellationToken ct)
    {
        if (await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == call, ct) is not { } chosen) return NotFound();
        int chosenSeed;
        if (string.IsNullOrWhiteSpace(seed)) chosenSeed = RandomNumberGenerator.GetInt32(1, 1_000_000);
        else if (!int.TryParse(seed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out chosenSeed) || chosenSeed is < 1 or > 999_999_999)
            return await ShowAsync(chosen, "随机种子应为 1 到 999999999 的整数，或留空由系统生成", ct);
        var limit = DefaultMax;
        if (!string.IsNullOrWhiteSpace(max) && (!int.TryParse(max.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 500))
            return await ShowAsync(chosen, "每位专家最多评审的项目数应为 1 到 500 的整数", ct);
        if (!await db.Experts.AnyAsync(e => e.Active, ct)) return await ShowAsync(chosen, "专家库中没有启用的专家，请先在“专家库”导入专家", ct);
        if (await assignments.RunAsync(chosen, chosenSeed, limit, User, ct) is not { } outcome)
        {
            Failure = "另一位经办人刚刚分配或调整了本批次的专家，本次未保存，请查看后重新分配";
            return RedirectToPage(new { call });
        }
        Message = $"分配完成（随机种子 {chosenSeed}）：新分配 {outcome.Run.Assigned} 人次，涉及 {outcome.Applications} 份申报书；记录回避 {outcome.Exclusions} 条"
            + (outcome.Shortfalls.Count > 0 ? $"；{outcome.Shortfalls.Count} 份申报书专家不足，见下方“专家不足”" : "；每份申报书的专家均已足额");
        return RedirectToPage(new { call });
    }

    public async Task<IActionResult> OnPostDeadlineAsync(int call, string? deadline, CancellationToken ct)
    {
        if (await db.Calls.SingleOrDefaultAsync(c => c.Id == call, ct) is not { } chosen) return NotFound();
        if (CallsModel.Instant(deadline) is not { } due) return await ShowAsync(chosen, "请填写评审截止时间（北京时间）", ct);
        if (due <= clock.GetUtcNow()) return await ShowAsync(chosen, "评审截止时间应晚于现在", ct);
        chosen.ReviewDeadline = due;
        audit.Record(AuditAction.ReviewDeadlineChange, AuditEntry.Objects.Call, call.ToString(CultureInfo.InvariantCulture), details: $"评审截止 {ChinaTime.Describe(due)}");
        // a new deadline deserves a new reminder: the old ones go with the change, in its transaction
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ReviewReminders.Where(r => r.CallId == call).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Message = $"评审截止时间已设为{ChinaTime.Describe(due)}；截止前专家将收到提醒";
        return RedirectToPage(new { call });
    }

    /// <summary>更换 (review given) or 添加 an expert by hand, with a reason.</summary>
    public async Task<IActionResult> OnPostByHandAsync(int call, int id, long? review, int expert, string? reason, CancellationToken ct)
    {
        if (!await db.Applications.AnyAsync(a => a.Id == id && a.CallId == call, ct)) return NotFound();
        if (await assignments.AssignByHandAsync(call, id, review, expert, reason, User, ct) is { } problem)
        {
            Failure = problem;
            return review is { } r ? RedirectToPage(new { call, replace = r }) : RedirectToPage(new { call, add = id });
        }
        Message = review is null ? "已添加专家，专家已收到通知" : "已更换专家，新专家已收到通知";
        return RedirectToPage(new { call });
    }

    public async Task<IActionResult> OnPostReopenAsync(int call, long review, string? reason, CancellationToken ct)
    {
        if (!await db.ExpertReviews.AnyAsync(r => r.Id == review && r.CallId == call, ct)) return NotFound();
        Message = await assignments.ReopenAsync(review, reason, ct) ?? "已退回专家重评，专家已收到通知";
        return RedirectToPage(new { call });
    }

    private async Task<IActionResult> ShowAsync(FundingCall chosen, string error, CancellationToken ct)
    {
        Error = error;
        Calls = await db.Calls.AsNoTracking().ToListAsync(ct);
        Chosen = chosen;
        await LoadAsync(chosen, ct);
        return Page();
    }

    private async Task<FundingCall?> ChooseAsync(int? call, CancellationToken ct)
    {
        Calls = await db.Calls.AsNoTracking().ToListAsync(ct);
        Chosen = Calls.FirstOrDefault(c => c.Id == call) ?? Calls.OrderByDescending(c => c.OpensAt).FirstOrDefault();
        return Chosen;
    }

    private async Task LoadAsync(FundingCall call, CancellationToken ct)
    {
        var guide = workspaces.GuideOf(call);
        var applications = await db.Applications.AsNoTracking().Where(a => a.CallId == call.Id && (ReviewRounds.Assignable.Contains(a.Status) || a.Status == ApplicationStatus.Reviewed))
            .OrderBy(a => a.Category).ThenBy(a => a.Number)
            .Select(a => new { a.Id, a.Number, a.Title, Organisation = a.Organisation.Name, a.Category, a.SupportField, a.Status }).ToListAsync(ct);
        var ids = applications.Select(a => a.Id).ToList();
        var reviews = await db.ExpertReviews.AsNoTracking().Include(r => r.Expert).Where(r => r.CallId == call.Id && ids.Contains(r.ApplicationId)).OrderBy(r => r.Id).ToListAsync(ct);
        var exclusions = await db.AssignmentExclusions.AsNoTracking().Include(x => x.Expert).Where(x => ids.Contains(x.ApplicationId)).OrderBy(x => x.Id).ToListAsync(ct);
        Rows = applications.Select(a => new Row(a.Id, a.Number, a.Title, a.Organisation, guide.FindCategory(a.Category)?.Name ?? a.Category, a.SupportField, a.Status,
            guide.FindCategory(a.Category)?.Rubric.Experts ?? 0,
            reviews.Where(r => r.ApplicationId == a.Id).ToList(),
            // the same 回避 found by several runs is one fact: the latest of each expert and reason
            exclusions.Where(x => x.ApplicationId == a.Id).GroupBy(x => (x.ExpertId, x.Reason)).Select(g => g.Last()).ToList())).ToList();
        LastRun = await db.AssignmentRuns.AsNoTracking().Where(r => r.CallId == call.Id).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        // what is short now: the last run's reasons for those still short, and any application short since (a declared conflict)
        var recorded = LastRun is null ? [] : ReviewRounds.ShortfallsOf(LastRun).ToDictionary(s => s.ApplicationId);
        Shortfalls = Rows.Where(r => ReviewRounds.Assignable.Contains(r.Status) && r.Standing < r.Needed)
            .Select(r => recorded.TryGetValue(r.Id, out var s) && s.Has == r.Standing ? s
                : new Shortfall(r.Id, r.Number, r.Needed, r.Standing, r.Reviews.Any(x => x.State == ReviewState.Conflict) ? "有专家声明利益冲突，请重新分配或更换专家" : "尚未分配专家，请运行分配"))
            .ToList();
        PoolSize = await db.Experts.CountAsync(e => e.Active, ct);
    }

    public static string Label(ReviewState state) => ReviewStates.Label(state);
}
