using Shenbao.Domain.Eligibility;

namespace Shenbao.Web.Guides;

/// <summary>
/// How a rule's outcome is shown wherever rules are listed (self-check, finder, live panel, submission): its word
/// (<see cref="RuleWord"/>) on a badge of its colour.
/// </summary>
public static class RuleBadge
{
    public static (string Text, string Css) Of(RuleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return (RuleWord.Of(result), result switch
        {
            { Missing: true } => "text-bg-secondary",
            { Outcome: Outcome.Pass } => "text-bg-success",
            { Outcome: Outcome.Fail } => "text-bg-danger",
            { Outcome: Outcome.Warn } => "text-bg-warning",
            _ => "text-bg-light",
        });
    }

    /// <summary>The word for a data attribute: the contract's outcome, or "missing".</summary>
    public static string State(RuleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Missing ? "missing" : CheckResponse.OutcomeWord(result.Outcome);
    }
}
