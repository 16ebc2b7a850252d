using System.Globalization;
using System.Security.Claims;
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
using Shenbao.Web.Notifications;
using Shenbao.Web.Security;

namespace Shenbao.Web.Experts;

/// <summary>
/// The officers' side of expert review: a run of the assignment (applications moved into 专家评审中, experts told,
/// every exclusion kept), a replacement with its reason, a submitted review reopened with its reason, and the end of
/// review for applications whose reviews are all in. Each is one transaction with its audit rows.
/// </summary>
public sealed class ExpertAssignments(AppDbContext db, Workspaces workspaces, Transitions transitions, AuditLog audit, Notifier notifier, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>How many applications one expert reviews in a call at most, unless the officer says otherwise (Shenbao:Experts:MaxPerExpert).</summary>
    public int DefaultMaxPerExpert => configuration.GetValue("Shenbao:Experts:MaxPerExpert", 20);

    public sealed record RunOutcome(AssignmentRun Run, int Applications, IReadOnlyList<Shortfall> Shortfalls, int Exclusions);

    /// <summary>A run: null when another officer's run or move of the same call came first (nothing saved; run again).</summary>
    public async Task<RunOutcome?> RunAsync(FundingCall call, int seed, int maxPerExpert, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        var guide = workspaces.GuideOf(call);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // one run of a call at a time, planned on what is committed: two at once would give an expert an application twice
        await LockAsync(call.Id, ct);
        var projects = await ReviewRounds.ProjectsAsync(db, call.Id, guide, ct);
        var pool = await ReviewRounds.PoolAsync(db, call.Id, ct);
        var plan = Assignment.Plan(projects, pool, maxPerExpert, seed);
        var now = clock.GetUtcNow();
        var run = ReviewRounds.Stage(db, call.Id, plan, seed, maxPerExpert, user.DisplayName(), now);
        var given = plan.Assignments.Select(a => a.ApplicationId).Distinct().ToList();
        var moving = await db.Applications.Include(a => a.Call).Include(a => a.Events)
            .Where(a => given.Contains(a.Id) && a.Status == ApplicationStatus.Accepted).ToListAsync(ct);
        foreach (var application in moving)
        {
            var staged = await transitions.StageAsync(application, ApplicationAction.StartReview, user, null, null, ct, auditDetail: $"分配专家（种子 {seed}）");
            if (!staged.Done) throw new InvalidOperationException(staged.Message);
        }
        audit.Record(AuditAction.AssignExperts, AuditEntry.Objects.Call, Id(call.Id),
            details: $"种子 {seed}，每位专家上限 {maxPerExpert} 项；分配 {plan.Assignments.Count} 人次，涉及 {given.Count} 份申报书；回避记录 {plan.Exclusions.Count} 条；专家不足 {plan.Shortfalls.Count} 份");
        await NotifyExpertsAsync(plan.Assignments.Select(a => a.ExpertId), call, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return null;
        }
        await transaction.CommitAsync(ct);
        return new RunOutcome(run, given.Count, plan.Shortfalls, plan.Exclusions.Count);
    }

    /// <summary>The call's row, taken in the open transaction by an UPDATE that changes nothing (as SubmissionLock does for an organisation).</summary>
    private Task<int> LockAsync(int callId, CancellationToken ct) =>
        db.Calls.Where(c => c.Id == callId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ApplicationsNumbered, c => c.ApplicationsNumbered), ct);

    /// <summary>
    /// The experts an officer may add to an application (or put in a review's place): active, not already on it, without
    /// a conflict; those of its field first — an application whose field no expert lists (typed freely) gets its experts so.
    /// </summary>
    public async Task<IReadOnlyList<(PoolExpert Expert, bool SameField)>> CandidatesAsync(int callId, int applicationId, CancellationToken ct)
    {
        var call = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId, ct);
        var project = (await ReviewRounds.ProjectsAsync(db, call.Id, workspaces.GuideOf(call), ct, applicationId: applicationId)).SingleOrDefault();
        if (project is null) return [];
        var pool = await ReviewRounds.PoolAsync(db, call.Id, ct);
        return pool.Where(e => !project.Assigned.Contains(e.Id) && Assignment.ConflictOf(project, e) is null)
            .Select(e => (Expert: e, SameField: e.Fields.Contains(project.Field, StringComparer.Ordinal)))
            .OrderByDescending(x => x.SameField).ThenBy(x => x.Expert.Load).ThenBy(x => x.Expert.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// 更换专家 (reviewId given: that review ends, its scores no longer count) or 添加专家 (an application short of experts):
    /// the chosen expert is assigned with the officer's reason; an application that had none enters review.
    /// </summary>
    public async Task<string?> AssignByHandAsync(int callId, int applicationId, long? reviewId, int expertId, string? reason, ClaimsPrincipal user, CancellationToken ct)
    {
        reason = Reason(reason);
        if (reason is null) return reviewId is null ? "请填写添加专家的理由（不超过500字）" : "请填写更换专家的理由（不超过500字）";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(callId, ct);
        if (await db.Applications.Include(a => a.Call).Include(a => a.Events).SingleOrDefaultAsync(a => a.Id == applicationId && a.CallId == callId, ct) is not { } application)
            return "该申报书不存在";
        if (!ReviewRounds.Assignable.Contains(application.Status)) return "该申报书已不在专家评审阶段，不能分配专家";
        var needed = workspaces.CategoryOf(application).Category.Rubric.Experts;
        var standing = await db.ExpertReviews.CountAsync(r => r.ApplicationId == applicationId && ExpertReview.Standing.Contains(r.State), ct);
        ExpertReview? replaced = null;
        if (reviewId is { } id)
        {
            replaced = await db.ExpertReviews.SingleOrDefaultAsync(r => r.Id == id && r.ApplicationId == applicationId, ct);
            if (replaced is null) return "该评审任务不存在";
            // a review already ended, or a declared conflict whose place has been filled since, is not replaced again
            if (replaced.State is ReviewState.Replaced or ReviewState.Closed || (replaced.State == ReviewState.Conflict && standing >= needed))
                return "该评审任务已被更换或专家已足额，无需再更换";
        }
        else if (standing >= needed) return $"该申报书已有 {standing} 位专家，达到评分标准规定的 {needed} 位";
        if ((await CandidatesAsync(callId, applicationId, ct)).FirstOrDefault(c => c.Expert.Id == expertId).Expert is not { } chosen) return "所选专家不能评审该申报书（已分配、已停用或需回避）";
        var now = clock.GetUtcNow();
        if (replaced is not null)
        {
            if (ExpertReview.Standing.Contains(replaced.State)) replaced.State = ReviewState.Replaced;
            replaced.OfficerNote = reason;
            replaced.Version++;
        }
        db.ExpertReviews.Add(new ExpertReview { CallId = callId, ApplicationId = applicationId, ExpertId = chosen.Id, State = ReviewState.Pending, AssignedAt = now, AssignedBy = user.DisplayName() });
        if (application.Status == ApplicationStatus.Accepted)
        {
            var staged = await transitions.StageAsync(application, ApplicationAction.StartReview, user, null, null, ct, auditDetail: "人工分配专家");
            if (!staged.Done) return staged.Message;
        }
        audit.Record(AuditAction.ReplaceExpert, AuditEntry.Objects.Application, application.Number,
            details: (replaced is null ? "人工添加专家" : $"评审任务 {replaced.Id} 更换专家") + $"；理由：{reason}");
        await NotifyExpertsAsync([chosen.Id], application.Call, ct);
        if (await SaveAsync(ct) is { } problem) return problem;
        await transaction.CommitAsync(ct);
        return null;
    }

    /// <summary>退回重评: a submitted review is open to its expert again, with the officer's reason (which the expert reads).</summary>
    public async Task<string?> ReopenAsync(long reviewId, string? reason, CancellationToken ct)
    {
        reason = Reason(reason);
        if (reason is null) return "请填写退回重评的理由（不超过500字），专家将看到它";
        if (await db.ExpertReviews.Include(r => r.Application).Include(r => r.Expert).ThenInclude(e => e.User).SingleOrDefaultAsync(r => r.Id == reviewId, ct) is not { } review)
            return "该评审任务不存在";
        if (review.State != ReviewState.Submitted) return "只有已提交的评审意见可以退回重评";
        if (review.Application.Status != ApplicationStatus.ExpertReview) return "该申报书已结束评审，不能退回重评";
        if (await db.Calls.AsNoTracking().Where(c => c.Id == review.CallId).Select(c => c.ReviewDeadline).SingleAsync(ct) is { } due && clock.GetUtcNow() > due)
            return "评审已截止，专家不能再提交：请先延长评审截止时间，再退回重评";
        review.State = ReviewState.Declared;
        review.SubmittedAt = null;
        review.Total = null;
        review.OfficerNote = reason;
        review.Version++;
        audit.Record(AuditAction.ReopenReview, AuditEntry.Objects.Review, review.Id.ToString(CultureInfo.InvariantCulture), details: $"申报书 {review.Application.Number}；理由：{reason}");
        notifier.Notify([review.Expert.User], "评审意见已退回重评", $"您对申报书 {review.Application.Number} 的评审意见已由市科技局退回，请修改后重新提交。\n理由：{reason}", $"/Expert/Review/{review.ApplicationId}");
        return await SaveAsync(ct);
    }

    /// <summary>完成评审: every application of the call in review whose standing reviews are all submitted moves to 评审完成.</summary>
    public async Task<(int Finished, int Waiting)> FinishAsync(FundingCall call, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(call.Id, ct);
        var inReview = await db.Applications.Include(a => a.Call).Include(a => a.Events).Where(a => a.CallId == call.Id && a.Status == ApplicationStatus.ExpertReview).ToListAsync(ct);
        var ids = inReview.Select(a => a.Id).ToList();
        var states = await db.ExpertReviews.AsNoTracking().Where(r => ids.Contains(r.ApplicationId) && ExpertReview.Standing.Contains(r.State))
            .Select(r => new { r.ApplicationId, r.State }).ToListAsync(ct);
        var done = inReview.Where(a => states.Any(s => s.ApplicationId == a.Id) && states.Where(s => s.ApplicationId == a.Id).All(s => s.State == ReviewState.Submitted)).ToList();
        foreach (var application in done)
        {
            var staged = await transitions.StageAsync(application, ApplicationAction.FinishReview, user, null, null, ct,
                auditDetail: $"已提交评审 {states.Count(s => s.ApplicationId == application.Id)} 份");
            if (!staged.Done) throw new InvalidOperationException(staged.Message);
        }
        if (done.Count == 0 || await SaveAsync(ct) is not null) return (0, inReview.Count);
        await transaction.CommitAsync(ct);
        return (done.Count, inReview.Count - done.Count);
    }

    /// <summary>
    /// 结束评审 of one application whose reviews are not all in (an expert who does not answer): with at least one
    /// review submitted and the officer's reason, kept as the officials' note; the ranking keeps flagging it 缺评.
    /// </summary>
    public async Task<string> FinishOneAsync(int callId, int applicationId, string? reason, ClaimsPrincipal user, CancellationToken ct)
    {
        reason = Reason(reason);
        if (reason is null) return "请填写在评审意见未全部提交时结束评审的理由（不超过500字）";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(callId, ct);
        if (await db.Applications.Include(a => a.Call).Include(a => a.Events).SingleOrDefaultAsync(a => a.Id == applicationId && a.CallId == callId, ct) is not { } application)
            return "该申报书不存在";
        var submitted = await db.ExpertReviews.CountAsync(r => r.ApplicationId == applicationId && r.State == ReviewState.Submitted, ct);
        if (submitted == 0) return $"《{application.Title ?? application.Number}》还没有任何已提交的评审意见，不能结束评审";
        var unanswered = await db.ExpertReviews.Where(r => r.ApplicationId == applicationId && (r.State == ReviewState.Pending || r.State == ReviewState.Declared)).ToListAsync(ct);
        var open = unanswered.Count;
        // the experts who did not answer have nothing more to do: no reminder, no open task
        foreach (var review in unanswered)
        {
            review.State = ReviewState.Closed;
            review.Version++;
        }
        var staged = await transitions.StageAsync(application, ApplicationAction.FinishReview, user, null, $"评审意见未全部提交时结束评审（已提交 {submitted} 份，未提交 {open} 份）：{reason}", ct,
            auditDetail: $"已提交评审 {submitted} 份，未提交 {open} 份");
        if (!staged.Done) return staged.Message;
        if (await SaveAsync(ct) is { } problem) return problem;
        await transaction.CommitAsync(ct);
        return $"《{application.Title ?? application.Number}》已结束评审（缺评 {open} 份，排名中标注“缺评”）";
    }

    private async Task NotifyExpertsAsync(IEnumerable<int> expertIds, FundingCall call, CancellationToken ct)
    {
        var counts = expertIds.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var ids = counts.Keys.ToList();
        var experts = await db.Experts.Include(e => e.User).Where(e => ids.Contains(e.Id)).ToListAsync(ct);
        foreach (var expert in experts)
            notifier.Notify([expert.User], $"新的评审任务：{call.Title}",
                $"您有 {counts[expert.Id]} 项新的评审任务（{call.Title}）" + (call.ReviewDeadline is { } due ? $"，请于{ChinaTime.Describe(due)}前完成" : "") +
                "。查看项目内容前，请先声明与项目有无利益冲突。", "/Expert");
    }

    private async Task<string?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return "该评审任务刚刚被他人处理，未保存，请查看最新状态";
        }
    }

    private static string? Reason(string? reason) =>
        reason?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() is { Length: > 0 and <= 500 } r ? r : null;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
