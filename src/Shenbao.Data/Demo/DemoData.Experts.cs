using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data.Audit;
using Shenbao.Data.Experts;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Experts;
using Shenbao.Domain.Guides;

namespace Shenbao.Data.Demo;

/// <summary>
/// The expert pool and its reviews: eight experts (one of 衡阳师范学院 itself, one who declared it a 回避单位), the
/// reviewed applications assigned by a recorded run (its exclusions kept) and scored — one with a score far from the
/// others — and the application in review with one review submitted, one a draft and one not yet declared. The one
/// that passed formal review is left for an officer to assign from the page.
/// </summary>
public static partial class DemoData
{
    private sealed record DemoExpert(string UserName, string Name, string Birth, string Organisation, string Title, string[] Fields, string Phone, string[] Avoid);

    private static readonly DemoExpert[] Pool =
    [
        new("expert-zhang", "张建华", "19680312", "南华大学", "教授", ["新材料", "生物医药", "中医药"], "13907340001", []),
        new("expert-li", "李明远", "19720508", "湖南省科学技术研究开发院", "研究员", ["新材料", "输变电装备制造", "有色金属冶炼及深加工", "现代物流", "智能农机装备研发与推广"], "13907340002", []),
        new("expert-wang", "王静", "19751120", "中南大学", "教授", ["新材料", "现代物流", "智能农机装备研发与推广", "食品安全"], "13907340003", []),
        new("expert-zhao", "赵立新", "19700715", "湖南工学院", "教授", ["生物医药", "中医药", "食品安全", "现代物流"], "13907340004", []),
        new("expert-liu", "刘芳", "19780203", "衡阳市中心医院", "主任医师", ["中医药", "生命健康", "食品安全", "生物医药"], "13907340005", []),
        new("expert-chen", "陈志强", "19661028", "湘潭大学", "教授", ["新材料", "智能农机装备研发与推广", "有色金属冶炼及深加工", "中医药"], "13907340006", []),
        new("expert-sun", "孙海燕", "19800917", "衡阳师范学院", "教授", ["新材料", "中医药", "智能农机装备研发与推广"], "13907340007", []),
        new("expert-zhou", "周国平", "19690404", "湖南有色金属研究院", "教授级高级工程师", ["有色金属冶炼及深加工", "盐卤化工", "智能农机装备研发与推广"], "13907340008", ["衡阳师范学院"]),
    ];

    /// <summary>The total each demo application's reviews give, per review (one far from the others for the ranking's flag).</summary>
    private static readonly Dictionary<string, decimal[]> DemoTotals = new()
    {
        ["现代物流园区智能调度系统"] = [78, 81, 76],
        ["智能农机北斗导航作业系统"] = [88, 91, 86],
        ["中医药特色制剂质量标准研究"] = [84, 83, 87],
        ["中医药院内制剂质量控制方法研究"] = [86, 89, 85],
        ["食品安全快速检测试剂盒开发"] = [72, 75, 48],
        ["生物医药中间体绿色合成"] = [82],
    };

    private const int DemoSeed = 20250;

    private static async Task AddExpertReviewAsync(AppDbContext db, Guide guide, FundingCall call, Dictionary<string, User> users, DateTimeOffset now, CancellationToken ct)
    {
        var imported = now.AddDays(-22).AddHours(2);
        foreach (var (demo, i) in Pool.Select((d, i) => (d, i)))
        {
            var body = $"4304{(i % 5) + 1:00}{demo.Birth}{i + 11:000}";
            db.Experts.Add(new Expert
            {
                Name = demo.Name, IdNumber = body + IdentityNumber.CheckCharacterOf(body), Organisation = demo.Organisation, Title = demo.Title,
                Fields = Bars.Join(demo.Fields), Phone = demo.Phone, Email = users[demo.UserName].Email!, AvoidOrganisations = Bars.Join(demo.Avoid),
                UserId = users[demo.UserName].Id, ImportedAt = imported, ImportedBy = users["bureau-officer"].DisplayName, InvitedAt = imported,
            });
        }
        call.ReviewDeadline = now.AddDays(10);
        await db.SaveChangesAsync(ct);

        // the run the bureau made when these applications entered review, as Assignment plans it
        IReadOnlyList<ApplicationStatus> shown = [.. ReviewRounds.Ranked];
        var projects = await ReviewRounds.ProjectsAsync(db, call.Id, guide, ct, shown);
        var plan = Assignment.Plan(projects, await ReviewRounds.PoolAsync(db, call.Id, ct), maxPerExpert: 20, DemoSeed);
        var started = await db.ApplicationEvents.AsNoTracking().Where(e => e.Action == ApplicationAction.StartReview).ToDictionaryAsync(e => e.ApplicationId, e => e.At, ct);
        var run = ReviewRounds.Stage(db, call.Id, plan, DemoSeed, 20, users["bureau-officer"].DisplayName, started.Values.Min());
        await db.SaveChangesAsync(ct);

        var applications = await db.Applications.AsNoTracking().Where(a => a.CallId == call.Id && shown.Contains(a.Status)).ToDictionaryAsync(a => a.Id, ct);
        var reviews = await db.ExpertReviews.Where(r => r.RunId == run.Id).OrderBy(r => r.Id).ToListAsync(ct);
        foreach (var group in reviews.GroupBy(r => r.ApplicationId))
        {
            var application = applications[group.Key];
            var rubric = guide.FindCategory(application.Category)!.Rubric;
            var totals = DemoTotals.GetValueOrDefault(application.Title ?? "", [80, 80, 80]);
            var at = started[application.Id];
            foreach (var (review, i) in group.Select((r, i) => (r, i)))
            {
                review.AssignedAt = at;
                if (i >= totals.Length)
                {
                    // in review: the second expert has a draft, the third has not declared yet
                    if (i == 1) Score(review, rubric, 79, at.AddMinutes(20), submit: false);
                    continue;
                }
                Score(review, rubric, totals[i], at.AddMinutes(20 + 10 * i), submit: true);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A review declared free of conflict and scored to a total, each criterion its share of it (in half points).</summary>
    private static void Score(ExpertReview review, Rubric rubric, decimal total, DateTimeOffset at, bool submit)
    {
        var scores = rubric.Criteria.ToDictionary(c => c.Id, c => Math.Round(c.Max * total / rubric.Total * 2, MidpointRounding.AwayFromZero) / 2);
        // the rounding's remainder on the largest criterion, so that the parts add up to the total
        var largest = rubric.Criteria.MaxBy(c => c.Max)!.Id;
        scores[largest] = Math.Clamp(scores[largest] + total - scores.Values.Sum(), 0, rubric.FindCriterion(largest)!.Max);
        review.State = submit ? ReviewState.Submitted : ReviewState.Declared;
        review.DeclaredAt = at.AddMinutes(-10);
        review.ScoresJson = JsonSerializer.Serialize(scores.ToDictionary(s => s.Key, s => s.Value.ToString("0.#", CultureInfo.InvariantCulture)));
        review.CommentsJson = JsonSerializer.Serialize(new Dictionary<string, string> { [rubric.Criteria[0].Id] = "研究目标明确，技术路线基本可行。" });
        review.Opinion = submit ? (total >= 80 ? "项目基础扎实，建议支持。" : total >= 60 ? "项目有一定基础，方案需进一步细化。" : "创新性不足，不建议支持。") : null;
        review.SavedAt = at;
        if (!submit) return;
        review.SubmittedAt = at;
        review.Total = scores.Values.Sum();
    }

    /// <summary>The pool's import, the run and each declaration and review, as the audit trail would have them.</summary>
    private static async Task AddExpertTrailAsync(AppDbContext db, Dictionary<string, User> users, Action<DateTimeOffset, User?, AuditAction, string, string, string> add, DateTimeOffset imported, CancellationToken ct)
    {
        var officer = users["bureau-officer"];
        add(imported, officer, AuditAction.ExpertImport, AuditEntry.Objects.Expert, "", $"导入专家 {Pool.Length} 人（演示数据），账号已开通");
        foreach (var run in await db.AssignmentRuns.AsNoTracking().Include(r => r.Exclusions).ToListAsync(ct))
            add(run.At, officer, AuditAction.AssignExperts, AuditEntry.Objects.Call, run.CallId.ToString(CultureInfo.InvariantCulture),
                $"种子 {run.Seed}，每位专家上限 {run.MaxPerExpert} 项；分配 {run.Assigned} 人次；回避记录 {run.Exclusions.Count} 条");
        var byId = users.Values.ToDictionary(u => u.Id);
        foreach (var review in await db.ExpertReviews.AsNoTracking().Include(r => r.Expert).Include(r => r.Application).ToListAsync(ct))
        {
            var expert = byId[review.Expert.UserId];
            var id = review.Id.ToString(CultureInfo.InvariantCulture);
            if (review.DeclaredAt is { } declared) add(declared, expert, AuditAction.DeclareNoConflict, AuditEntry.Objects.Review, id, $"申报书 {review.Application.Number}");
            if (review.SavedAt is { } saved)
                add(saved, expert, review.SubmittedAt is null ? AuditAction.SaveReview : AuditAction.SubmitReview, AuditEntry.Objects.Review, id,
                    $"申报书 {review.Application.Number}" + (review.SubmittedAt is null ? "，草稿" : "，已提交"));
        }
    }
}
