using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;

namespace Shenbao.Web.Applications;

/// <summary>What a recommendation must meet beyond the table: the district's quota for the category, and the guide's counted rules.</summary>
public sealed class RecommendationGuard(AppDbContext db, Workspaces workspaces)
{
    public sealed record Quota(string Category, string CategoryName, int Used, int? Limit)
    {
        public int? Remaining => Limit is { } l ? Math.Max(0, l - Used) : null;
    }

    /// <summary>Null when the recommendation may go ahead, otherwise why not (in Chinese).</summary>
    public async Task<string?> RefusalAsync(Application application, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(application);
        var (guide, category) = workspaces.CategoryOf(application);
        var limit = await LimitAsync(application.CallId, application.District, application.Category, ct);
        if (limit is not null && Recommendation.QuotaRefusal(category.Name, limit, await UsedAsync(application.CallId, application.District, application.Category, application.Id, ct)) is { } full)
            return full;
        if (await db.Snapshots.AsNoTracking().Where(s => s.ApplicationId == application.Id && s.ReceiptNo == application.ReceiptNo).SingleOrDefaultAsync(ct) is not { } snapshot)
            return "该申报书没有提交记录（提交内容未冻结），不能推荐";
        var others = application.PlatformId is { Length: > 0 } platform
            ? await db.Applications.CountAsync(a => a.OrganisationId == application.OrganisationId && a.CallId == application.CallId && a.Id != application.Id
                && a.PlatformId == platform && Workflow.Counted.Contains(a.Status), ct)
            : 0;
        try
        {
            var failing = Recommendation.CountedRulesFailing(guide, category, snapshot.Facts, snapshot.AsOf, others);
            return failing.Count == 0 ? null : string.Join("；", failing.Select(f => f.Message));
        }
        catch (InvalidOperationException)
        {
            // a guide edited since the submission no longer reads what was frozen: a person must look, not the page fail
            return "提交时的内容已无法按当前指南重新核对限报名额，请联系系统管理员";
        }
    }

    /// <summary>The district's quotas in the call, each category with what it has used.</summary>
    public async Task<IReadOnlyList<Quota>> QuotasAsync(FundingCall call, string district, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        var limits = await db.RecommendationQuotas.AsNoTracking().Where(q => q.CallId == call.Id && q.District == district).ToDictionaryAsync(q => q.Category, q => q.Limit, ct);
        var used = await db.Applications.Where(a => a.CallId == call.Id && a.District == district).Where(Quotas.Holding)
            .GroupBy(a => a.Category).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return workspaces.GuideOf(call).Categories
            .Where(c => limits.ContainsKey(c.Id) || used.ContainsKey(c.Id))
            .Select(c => new Quota(c.Id, c.Name, used.GetValueOrDefault(c.Id), limits.TryGetValue(c.Id, out var l) ? l : null))
            .ToList();
    }

    private Task<int?> LimitAsync(int callId, string district, string category, CancellationToken ct) =>
        db.RecommendationQuotas.Where(q => q.CallId == callId && q.District == district && q.Category == category).Select(q => (int?)q.Limit).SingleOrDefaultAsync(ct);

    private Task<int> UsedAsync(int callId, string district, string category, int except, CancellationToken ct) =>
        db.Applications.Where(a => a.CallId == callId && a.District == district && a.Category == category && a.Id != except).Where(Quotas.Holding).CountAsync(ct);
}
