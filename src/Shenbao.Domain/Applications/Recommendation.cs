using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Applications;

/// <summary>What a 推荐单位's recommendation must still meet: its quota, and the guide's rules that count the call's other applications.</summary>
public static class Recommendation
{
    /// <summary>
    /// The statuses of an application the 推荐单位 has recommended and that still counts against its quota: every status
    /// past recommendation except giving up (a bureau's return keeps its place, see <see cref="HoldsQuota"/>).
    /// </summary>
    public static readonly IReadOnlyList<ApplicationStatus> Past =
    [
        ApplicationStatus.Recommended, ApplicationStatus.Accepted, ApplicationStatus.Refused, ApplicationStatus.ExpertReview,
        ApplicationStatus.Reviewed, ApplicationStatus.Proposed, ApplicationStatus.Publicity, ApplicationStatus.Approved, ApplicationStatus.Declined,
    ];

    public static bool HoldsQuota(ApplicationStatus status, ApplicationStatus? returnedFrom) =>
        Past.Contains(status) || (status == ApplicationStatus.Returned && returnedFrom == ApplicationStatus.Recommended);

    /// <summary>限额推荐: null while a place is left (or no limit is set), otherwise why not.</summary>
    public static string? QuotaRefusal(string categoryName, int? limit, int used) =>
        limit is { } l && used >= l ? $"{categoryName}的推荐名额已用完（限{l}项，已推荐{used}项）" : null;

    /// <summary>
    /// The frozen request judged again with the live count of the call's other applications relying on the same
    /// platform, by the category's rules that read such counts (基础研究 "每个…平台…限报2项"): the ones that now fail.
    /// </summary>
    /// <param name="frozenFacts">The snapshot's request, as the engine read it at submission.</param>
    public static IReadOnlyList<RuleResult> CountedRulesFailing(Guide guide, Category category, string frozenFacts, DateOnly asOf, int othersOnSamePlatform)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(category);
        var counted = category.Rules.Where(r => r.Reads.Any(f => f.StartsWith("context.", StringComparison.Ordinal))).ToList();
        if (counted.Count == 0) return [];
        if (RequestReader.Read(frozenFacts, guide, asOf) is not ReadResult.Parsed parsed)
            throw new InvalidOperationException("a snapshot's request no longer reads under its guide");
        var now = parsed.Request with { Context = new CheckContext(othersOnSamePlatform) };
        return counted.Select(r => r.Evaluate(now)).OfType<RuleResult>().Where(r => r.Outcome == Outcome.Fail).ToList();
    }
}
