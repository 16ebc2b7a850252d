using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Experts;
using Shenbao.Domain.Guides;

namespace Shenbao.Data.Experts;

/// <summary>
/// The call's expert review as the database holds it: which applications wait for experts, the pool as assignment sees
/// it, a run of the assignment staged with its exclusions, and the ranking read back. Pure decisions are the domain's
/// (<see cref="Assignment"/>, <see cref="Ranking"/>); this loads their inputs and stores their answers.
/// </summary>
public static class ReviewRounds
{
    /// <summary>The statuses in which an application takes experts: passed formal review, or in review and still short of experts.</summary>
    public static readonly IReadOnlyList<ApplicationStatus> Assignable = [ApplicationStatus.Accepted, ApplicationStatus.ExpertReview];

    /// <summary>The statuses of an application that has been through expert review (or is in it): what the ranking lists.</summary>
    public static readonly IReadOnlyList<ApplicationStatus> Ranked =
        [ApplicationStatus.ExpertReview, ApplicationStatus.Reviewed, ApplicationStatus.Proposed, ApplicationStatus.Publicity, ApplicationStatus.Approved, ApplicationStatus.Declined];

    /// <summary>The applications of the call that take experts, as assignment sees them (their frozen form's partners, the people they asked to avoid).</summary>
    /// <param name="statuses">Which applications (the demo data assigns those it shows as already reviewed).</param>
    /// <param name="applicationId">Only this one (an officer's assignment by hand), not the whole call.</param>
    public static async Task<List<Project>> ProjectsAsync(AppDbContext db, int callId, Guide guide, CancellationToken ct, IReadOnlyList<ApplicationStatus>? statuses = null, int? applicationId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(guide);
        statuses ??= Assignable;
        var applications = await db.Applications.AsNoTracking().Where(a => a.CallId == callId && statuses.Contains(a.Status) && (applicationId == null || a.Id == applicationId))
            .Select(a => new { a.Id, a.Number, a.Category, a.SupportField, Organisation = a.Organisation.Name, a.AvoidExperts }).ToListAsync(ct);
        var ids = applications.Select(a => a.Id).ToList();
        var reviews = await db.ExpertReviews.AsNoTracking().Where(r => r.CallId == callId && ids.Contains(r.ApplicationId))
            .Select(r => new { r.ApplicationId, r.ExpertId, r.State }).ToListAsync(ct);
        var forms = await FrozenFormsAsync(db, ids, ct);
        return applications.Select(a =>
        {
            var category = guide.FindCategory(a.Category) ?? throw new InvalidOperationException($"Guide '{guide.Id}' has no category '{a.Category}'.");
            var mine = reviews.Where(r => r.ApplicationId == a.Id).ToList();
            return new Project(a.Id, a.Number, a.SupportField ?? "", a.Organisation, Partners.Of(category, forms.GetValueOrDefault(a.Id) ?? new Dictionary<string, string>()),
                AvoidedOf(a.AvoidExperts), category.Rubric.Experts,
                mine.Where(r => ExpertReview.Standing.Contains(r.State)).Select(r => r.ExpertId).ToList(),
                mine.Where(r => !ExpertReview.Standing.Contains(r.State)).Select(r => r.ExpertId).ToList());
        }).ToList();
    }

    /// <summary>The active experts, each with the reviews they stand assigned in the call (what the load limit counts).</summary>
    public static async Task<List<PoolExpert>> PoolAsync(AppDbContext db, int callId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var experts = await db.Experts.AsNoTracking().Where(e => e.Active).OrderBy(e => e.Id).ToListAsync(ct);
        var loads = await db.ExpertReviews.AsNoTracking().Where(r => r.CallId == callId && ExpertReview.Standing.Contains(r.State))
            .GroupBy(r => r.ExpertId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return experts.Select(e => e.ToPool(loads.GetValueOrDefault(e.Id))).ToList();
    }

    /// <summary>Adds the run, its exclusions and its assignments to the context; the caller moves the applications, audits and saves.</summary>
    public static AssignmentRun Stage(AppDbContext db, int callId, AssignmentPlan plan, int seed, int maxPerExpert, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        var run = new AssignmentRun
        {
            CallId = callId, Seed = seed, MaxPerExpert = maxPerExpert, At = now, By = by, Assigned = plan.Assignments.Count,
            ShortfallsJson = JsonSerializer.Serialize(plan.Shortfalls),
            Exclusions = plan.Exclusions.Select(e => new AssignmentExclusion { ApplicationId = e.ApplicationId, ExpertId = e.ExpertId, Reason = e.Reason, Detail = e.Detail }).ToList(),
        };
        db.AssignmentRuns.Add(run);
        foreach (var (applicationId, expertId) in plan.Assignments)
            db.ExpertReviews.Add(new ExpertReview { CallId = callId, ApplicationId = applicationId, ExpertId = expertId, State = ReviewState.Pending, AssignedAt = now, AssignedBy = by, Run = run });
        return run;
    }

    public static IReadOnlyList<Shortfall> ShortfallsOf(AssignmentRun run) =>
        JsonSerializer.Deserialize<List<Shortfall>>((run ?? throw new ArgumentNullException(nameof(run))).ShortfallsJson) ?? [];

    public static IReadOnlyList<AvoidedPerson> AvoidedOf(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<AvoidedPerson>>(json, AvoidedJson) ?? [];

    /// <summary>The people to avoid as stored: Chinese written as itself, so that three names and units fit the column.</summary>
    public static string? AvoidedText(IReadOnlyList<AvoidedPerson> people) =>
        people.Count == 0 ? null : JsonSerializer.Serialize(people, AvoidedJson);

    private static readonly JsonSerializerOptions AvoidedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The latest submission's form of each application, as frozen.</summary>
    public static async Task<Dictionary<int, IReadOnlyDictionary<string, string>>> FrozenFormsAsync(AppDbContext db, IReadOnlyCollection<int> applicationIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = await db.Snapshots.AsNoTracking().Where(s => applicationIds.Contains(s.ApplicationId))
            .GroupBy(s => s.ApplicationId).Select(g => g.Max(s => s.Id)).ToListAsync(ct);
        return await db.Snapshots.AsNoTracking().Where(s => latest.Contains(s.Id)).ToDictionaryAsync(s => s.ApplicationId, s => s.ToSnapshot().FormValues, ct);
    }

    /// <summary>One expert's review as the officers' ranking shows it.</summary>
    public sealed record Score(long ReviewId, int ApplicationId, int ExpertId, string Expert, ReviewState State, decimal? Total, DateTimeOffset? SubmittedAt);

    /// <summary>One application of the ranking, with what the lists show of it.</summary>
    public sealed record Line(int ApplicationId, string Number, string? Title, string Organisation, string Category, ApplicationStatus Status, Ranked Ranked, IReadOnlyList<Score> Scores);

    /// <summary>The ranking of a call, per category in the guide's order: every application that has been in expert review.</summary>
    public static async Task<List<(Category Category, IReadOnlyList<Line> Lines)>> RankingAsync(AppDbContext db, int callId, Guide guide, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(guide);
        var applications = await db.Applications.AsNoTracking().Where(a => a.CallId == callId && Ranked.Contains(a.Status))
            .Select(a => new { a.Id, a.Number, a.Title, Organisation = a.Organisation.Name, a.Category, a.Status, a.SubmittedAt })
            .ToListAsync(ct);
        var reviews = await db.ExpertReviews.AsNoTracking().Where(r => r.CallId == callId && ExpertReview.Standing.Contains(r.State))
            .Select(r => new Score(r.Id, r.ApplicationId, r.ExpertId, r.Expert.Name, r.State, r.State == ReviewState.Submitted ? r.Total : null, r.SubmittedAt))
            .ToListAsync(ct);
        var scores = reviews.GroupBy(r => r.ApplicationId).ToDictionary(g => g.Key, g => (IReadOnlyList<Score>)g.OrderBy(s => s.ExpertId).ToList());
        var result = new List<(Category, IReadOnlyList<Line>)>();
        foreach (var category in guide.Categories)
        {
            var mine = applications.Where(a => a.Category == category.Id).ToList();
            if (mine.Count == 0) continue;
            var ranked = Ranking.Of(mine.Select(a => new Reviewed(a.Id, a.Number,
                scores.GetValueOrDefault(a.Id, []).Where(s => s.Total is not null).Select(s => s.Total!.Value).ToList(),
                category.Rubric.Experts, a.SubmittedAt ?? DateTimeOffset.MaxValue)), category.Rubric);
            var byId = mine.ToDictionary(a => a.Id);
            result.Add((category, ranked.Select(r =>
            {
                var a = byId[r.Application.ApplicationId];
                return new Line(a.Id, a.Number, a.Title, a.Organisation, category.Name, a.Status, r, scores.GetValueOrDefault(a.Id, []));
            }).ToList()));
        }
        return result;
    }

    /// <summary>The ranking as a sheet (one row per application, categories one after another): no expert named, no one review's score.</summary>
    public static IEnumerable<Dictionary<string, object?>> RankingSheet(string callTitle, IEnumerable<(Category Category, IReadOnlyList<Line> Lines)> ranking) =>
        ranking.SelectMany(c => c.Lines.Select(l => new Dictionary<string, object?>
        {
            ["批次"] = callTitle, ["类别"] = c.Category.Name, ["排名"] = l.Ranked.Rank > 0 ? l.Ranked.Rank : null, ["申报编号"] = l.Number, ["项目名称"] = l.Title,
            ["申报单位"] = l.Organisation, ["得分"] = l.Ranked.Score, ["平均分"] = l.Ranked.Mean, ["去掉最高最低分后平均分"] = l.Ranked.TrimmedMean,
            ["已评份数"] = l.Ranked.Application.Totals.Count, ["应评份数"] = l.Ranked.Application.Expected, ["极差"] = l.Ranked.Spread,
            ["需关注"] = string.Join("、", l.Ranked.Flags.Select(Ranking.Label)), ["状态"] = Workflow.Label(l.Status),
        }));
}
