using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data.Experts;
using Shenbao.Data.Exports;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;

namespace Shenbao.Data.Insight;

/// <summary>One bar of a figure: what it counts, how many, and what else a reader needs (a quota's limit).</summary>
public sealed record Bar(string Label, int Count, string? Note = null);

/// <summary>One figure of the dashboard: its anchor, title, what it counts, its bars, and whether it runs over time (drawn as columns).</summary>
public sealed record Figure(string Id, string Title, string Counts, IReadOnlyList<Bar> Bars, bool OverTime = false)
{
    public int Max => Bars.Count == 0 ? 0 : Bars.Max(b => b.Count);

    /// <summary>The figure said in words, for a screen reader and for anyone who cannot see the chart.</summary>
    public string TextAlternative => Bars.Count == 0
        ? $"{Title}：暂无数据"
        : $"{Title}（{Counts}）：{string.Join("；", Bars.Select(b => $"{b.Label} {b.Count.ToString(CultureInfo.InvariantCulture)}{(b.Note is null ? "" : $"（{b.Note}）")}"))}";
}

/// <summary>A call's statistics: how many applications it has, how many were submitted, and each figure.</summary>
public sealed record CallStatistics(int Applications, int Submitted, IReadOnlyList<Figure> Figures)
{
    public Figure this[string id] => Figures.Single(f => f.Id == id);
}

/// <summary>
/// The bureau's dashboard of a call, each figure one grouped query on an indexed column: submitted applications by
/// category, support field, district and verdict; every application by status; submissions (resubmissions too) per day up to the deadline;
/// the rules warned most; the clauses cited most when applications were returned or refused; each 推荐单位's quota use;
/// the experts' review progress. "Submitted" is what formal review lists: submitted at least once, not a draft.
/// </summary>
public static class Statistics
{
    private static readonly string[] Verdicts = ["eligible", "review", "ineligible", ""];

    public static readonly IReadOnlyList<Column> SheetColumns = [new("统计项", 24), new("项目", 40), new("数量", 10), new("说明", 20)];

    public static async Task<CallStatistics> OfAsync(AppDbContext db, FundingCall call, Guide guide, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(guide);
        var all = db.Applications.AsNoTracking().Where(a => a.CallId == call.Id);
        var submitted = ReviewList.Of(db.Applications.AsNoTracking(), call.Id, new ReviewFilter());

        // one pass over one index gives district × category × status, submitted or not: the figures by category, district
        // and status and the quota places held are all added up from it (a few hundred rows, not 100,000)
        var cells = await all.GroupBy(a => new { a.District, a.Category, a.Status, Submitted = a.SubmittedAt != null, a.Verdict })
            .Select(g => new { g.Key.District, g.Key.Category, g.Key.Status, g.Key.Submitted, g.Key.Verdict, Count = g.Count() }).ToListAsync(ct);
        var counted = cells.Where(c => c.Submitted && c.Status != ApplicationStatus.Draft).ToList();
        var byCategory = counted.GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var byDistrict = counted.GroupBy(c => c.District).Select(g => (g.Key, Count: g.Sum(c => c.Count))).ToList();
        var byStatus = cells.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        // returned after recommendation still holds its place: the only case the cells cannot tell, read on its own
        var returnedRecommended = await all.Where(a => a.Status == ApplicationStatus.Returned && a.ReturnedFrom == ApplicationStatus.Recommended)
            .GroupBy(a => new { a.District, a.Category }).Select(g => new { g.Key.District, g.Key.Category, Count = g.Count() }).ToListAsync(ct);
        var holding = cells.Where(c => Recommendation.Past.Contains(c.Status)).Select(c => (c.District, c.Category, c.Count))
            .Concat(returnedRecommended.Select(r => (r.District, r.Category, r.Count)))
            .GroupBy(h => (h.District, h.Category)).ToDictionary(g => g.Key, g => g.Sum(h => h.Count));

        var byField = await submitted.GroupBy(a => a.SupportField).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byVerdict = counted.GroupBy(c => c.Verdict ?? "").ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        // a submission cannot fail a rule (Submission.Check refuses it), so one with a warned rule is "review": only
        // those rows are read (by the verdict index, whose order the grouping keeps when the rules come first), each
        // combination of rules once
        var warned = await submitted.Where(a => a.Verdict == "review" && a.WarnedRules != null).GroupBy(a => new { a.WarnedRules, a.Category })
            .Select(g => new { g.Key.Category, g.Key.WarnedRules, Count = g.Count() }).ToListAsync(ct);
        var cited = await db.ApplicationEvents.AsNoTracking().Where(e => e.Clauses != null)
            .Join(all, e => e.ApplicationId, a => a.Id, (e, a) => e.Clauses).GroupBy(c => c).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var quotas = await db.RecommendationQuotas.AsNoTracking().Where(q => q.CallId == call.Id).ToListAsync(ct);
        var reviews = await db.ExpertReviews.AsNoTracking().Where(r => r.CallId == call.Id).GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var days = await PerDayAsync(db.Snapshots.AsNoTracking().Join(all, s => s.ApplicationId, a => a.Id, (s, a) => s.SubmittedAt), call, now, ct);

        string CategoryName(string id) => guide.FindCategory(id)?.Name ?? id;
        var figures = new List<Figure>
        {
            new("by-category", "按类别", "已提交的申报书数", guide.Categories.Select(c => new Bar(c.Name, byCategory.GetValueOrDefault(c.Id)))
                .Concat(byCategory.Where(c => guide.FindCategory(c.Key) is null).Select(c => new Bar(c.Key, c.Value))).ToList()),
            new("by-field", "按支持领域", "已提交的申报书数", byField.OrderByDescending(f => f.Count).ThenBy(f => f.Key, StringComparer.Ordinal).Select(f => new Bar(f.Key ?? "（未填）", f.Count)).ToList()),
            new("by-district", "按区县（推荐单位）", "已提交的申报书数", byDistrict.OrderByDescending(d => d.Count).ThenBy(d => d.Key, StringComparer.Ordinal).Select(d => new Bar(d.Key, d.Count)).ToList()),
            new("by-status", "按状态", "全部申报书数（含草稿）", Enum.GetValues<ApplicationStatus>().Where(byStatus.ContainsKey).Select(s => new Bar(Workflow.Label(s), byStatus[s])).ToList()),
            new("by-verdict", "按资格检查结论", "已提交的申报书数（提交时冻结的结论）", Verdicts.Where(byVerdict.ContainsKey)
                .Select(v => new Bar(ApplicationSheets.VerdictLabel(v) ?? "（未判定）", byVerdict[v])).ToList()),
            new("per-day", "每日提交", $"每天的提交次数，退回修改后再次提交的也计入（北京时间，截止 {ChinaTime.Describe(call.Deadline)}）", days, OverTime: true),
            new("warned-rules", "提示最多的规则", "提交时该规则为“须说明理由”的申报书数", warned
                .SelectMany(w => w.WarnedRules!.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(rule => (w.Category, Rule: rule, w.Count)))
                .GroupBy(w => (w.Category, w.Rule)).Select(g => new Bar($"{CategoryName(g.Key.Category)} · {RuleName(guide, g.Key.Category, g.Key.Rule)}", g.Sum(w => w.Count)))
                .OrderByDescending(b => b.Count).ThenBy(b => b.Label, StringComparer.Ordinal).Take(15).ToList()),
            new("cited-clauses", "退回或不予受理时引用最多的条款", "引用该条款的审核决定数", cited
                .SelectMany(c => c.Key!.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(clause => (Clause: clause, c.Count)))
                .GroupBy(c => c.Clause).Select(g => new Bar(g.Key, g.Sum(c => c.Count))).OrderByDescending(b => b.Count).ThenBy(b => b.Label, StringComparer.Ordinal).Take(15).ToList()),
            new("quota-use", "推荐名额使用", "已占用的推荐名额（已推荐及其后的申报书）", quotas.Select(q => (q.District, q.Category, Limit: (int?)q.Limit))
                .Concat(holding.Keys.Where(h => quotas.All(q => q.District != h.District || q.Category != h.Category)).Select(h => (h.District, h.Category, Limit: (int?)null)))
                .OrderBy(q => q.District, StringComparer.Ordinal).ThenBy(q => guide.Categories.ToList().FindIndex(c => c.Id == q.Category))
                .Select(q => new Bar($"{q.District} · {CategoryName(q.Category)}", holding.GetValueOrDefault((q.District, q.Category)),
                    q.Limit is { } l ? $"限 {l} 项" : "未设限额")).ToList()),
            new("review-progress", "专家评审进度", "专家评审任务数", Enum.GetValues<ReviewState>().Where(reviews.ContainsKey).Select(s => new Bar(ReviewStates.Label(s), reviews[s])).ToList()),
        };
        return new CallStatistics(byStatus.Values.Sum(), byCategory.Values.Sum(), figures);
    }

    private static string RuleName(Guide guide, string category, string rule) =>
        guide.FindCategory(category)?.Rules.FirstOrDefault(r => r.Id == rule)?.Name ?? rule;

    /// <summary>
    /// Submissions per day in Beijing time, from the day the call opened to its deadline (or today, if that is sooner):
    /// each submission's time (one per frozen submission, read from an index) counted here, as day arithmetic in SQL
    /// differs by database.
    /// </summary>
    private static async Task<IReadOnlyList<Bar>> PerDayAsync(IQueryable<DateTimeOffset> submissions, FundingCall call, DateTimeOffset now, CancellationToken ct)
    {
        var counts = new Dictionary<DateOnly, int>();
        await foreach (var at in submissions.AsAsyncEnumerable().WithCancellation(ct))
        {
            var day = ChinaTime.DateOf(at);
            counts[day] = counts.GetValueOrDefault(day) + 1;
        }
        var (first, last) = (ChinaTime.DateOf(call.OpensAt), ChinaTime.DateOf(call.Deadline < now ? call.Deadline : now));
        if (counts.Count > 0)
            (first, last) = (counts.Keys.Min() < first ? counts.Keys.Min() : first, counts.Keys.Max() > last ? counts.Keys.Max() : last);
        if (last.DayNumber - first.DayNumber > 366) first = last.AddDays(-366);
        var bars = new List<Bar>();
        for (var day = first; day <= last; day = day.AddDays(1))
            bars.Add(new Bar(day.ToString("MM-dd", CultureInfo.InvariantCulture), counts.GetValueOrDefault(day), day == ChinaTime.DateOf(call.Deadline) ? "截止日" : null));
        return bars;
    }

    /// <summary>Every figure as rows of <see cref="SheetColumns"/>: the same numbers the charts and tables show.</summary>
    public static IEnumerable<object?[]> SheetRows(CallStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        foreach (var figure in statistics.Figures)
            foreach (var bar in figure.Bars)
                yield return [figure.Title, bar.Label, bar.Count, bar.Note];
    }
}
