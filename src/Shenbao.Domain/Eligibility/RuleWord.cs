namespace Shenbao.Domain.Eligibility;

/// <summary>
/// A rule's outcome in one word, wherever rules are listed or printed: a rule that fails only for a fact not stated is
/// 待补充 — something to fill in, not a condition the applicant misses.
/// </summary>
public static class RuleWord
{
    public static string Of(RuleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result switch
        {
            { Missing: true } => "待补充",
            { Outcome: Outcome.Pass } => "符合",
            { Outcome: Outcome.Fail } => "不符合",
            { Outcome: Outcome.Warn } => "须说明理由",
            _ => "人工判断",
        };
    }
}
