namespace Shenbao.Domain.Eligibility;

/// <summary>What a rule concluded for one application. Warn: a 原则上 condition missed, for a person to decide with a justification.</summary>
public enum Outcome { Pass, Fail, Warn, Manual }

/// <summary>What a rule's not being met means: it fails, it only warns, or a person decides (manual).</summary>
public enum Severity { Fail, Warn, Manual }

/// <summary>
/// One rule's outcome. Missing: it fails (or warns) only because a fact it needs is not stated — what to fill in,
/// not a condition the applicant does not meet. The outcome stays as the contract specifies.
/// </summary>
public sealed record RuleResult(string RuleId, string Clause, Outcome Outcome, string Message, bool Missing = false);

/// <summary>The verdict on one application: ineligible if any rule fails, review if any warns, else eligible.</summary>
public abstract record Verdict(string Category, IReadOnlyList<RuleResult> Rules)
{
    public sealed record Eligible(string Category, IReadOnlyList<RuleResult> Rules) : Verdict(Category, Rules);
    public sealed record Review(string Category, IReadOnlyList<RuleResult> Rules) : Verdict(Category, Rules);
    public sealed record Ineligible(string Category, IReadOnlyList<RuleResult> Rules) : Verdict(Category, Rules);

    /// <summary>The contract's word for the verdict: eligible | review | ineligible.</summary>
    public string Word => this switch
    {
        Eligible => "eligible",
        Review => "review",
        Ineligible => "ineligible",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    /// <summary>信息不全: ineligible, but every failing rule fails only for a fact not stated.</summary>
    public bool IsIncomplete => this is Ineligible && Rules.Where(r => r.Outcome == Outcome.Fail).All(r => r.Missing);

    public static Verdict From(string category, IReadOnlyList<RuleResult> rules)
    {
        var warned = false;
        foreach (var rule in rules)
        {
            if (rule.Outcome == Outcome.Fail) return new Ineligible(category, rules);
            warned |= rule.Outcome == Outcome.Warn;
        }
        return warned ? new Review(category, rules) : new Eligible(category, rules);
    }
}

/// <summary>How one rule (or part of a rule) came out, before its severity turns it into an <see cref="Outcome"/>.</summary>
public enum Status
{
    Met,
    NotMet,
    /// <summary>A fact the rule needs is absent: not met, and the message says what is missing.</summary>
    Missing,
    /// <summary>Met only in a doubtful way (e.g. an open list's unnamed member): warns whatever the severity.</summary>
    Doubtful,
    /// <summary>Not for a machine to decide: listed for a person.</summary>
    Undecided,
}

public readonly record struct Finding(Status Status, string Message)
{
    public bool IsUnmet => Status is Status.NotMet or Status.Missing;
}
