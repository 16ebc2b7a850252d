namespace Shenbao.Domain.Guides;

/// <summary>
/// 评分标准: how the experts score a category's applications — how many experts each application gets, the criteria
/// with their maxima and guidance, and the aggregation's two rules (from how many reviews the highest and lowest are
/// dropped; how far from the median a score is flagged for a person to look at). Marked Example while the guide gives none.
/// </summary>
public sealed record Rubric(string Id, string Name, int Experts, decimal Total, IReadOnlyList<Criterion> Criteria, int TrimFrom, decimal OutlierFromMedian, bool Example)
{
    public Criterion? FindCriterion(string id) => Criteria.FirstOrDefault(c => c.Id == id);
}

/// <summary>One criterion: scored from 0 to Max (in steps of 0.5), with what the expert should look at.</summary>
public sealed record Criterion(string Id, string Name, decimal Max, string Guidance);
