using Shenbao.Domain.Eligibility;

namespace Shenbao.Web.Guides;

/// <summary>
/// How a rule's outcome is shown wherever rules are listed (self-check, finder, live panel, submission): a rule that
/// fails only for a fact not stated is 待补充 — something to fill in, not a condition the applicant misses.
/// </summary>
public static class RuleBadge
{
    public static (string Text, string Css) Of(RuleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result switch
        {
            { Missing: true } => ("待补充", "text-bg-secondary"),
            { Outcome: Outcome.Pass } => ("符合", "text-bg-success"),
            { Outcome: Outcome.Fail } => ("不符合", "text-bg-danger"),
            { Outcome: Outcome.Warn } => ("须说明理由", "text-bg-warning"),
            _ => ("人工判断", "text-bg-light"),
        };
    }

    /// <summary>The word for a data attribute: the contract's outcome, or "missing".</summary>
    public static string State(RuleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Missing ? "missing" : CheckResponse.OutcomeWord(result.Outcome);
    }
}
