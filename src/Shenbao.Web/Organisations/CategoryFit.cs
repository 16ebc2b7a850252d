using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;

namespace Shenbao.Web.Organisations;

/// <summary>How far an organisation's profile alone lets it apply to a category.</summary>
public enum Fit
{
    /// <summary>可以申报: every rule on the organisation's own facts is met.</summary>
    Eligible,
    /// <summary>需说明理由: none fails, but one warns (a 原则上 condition), so the application needs a justification.</summary>
    NeedsJustification,
    /// <summary>暂不符合: a rule on the organisation's own facts fails; the profile (or the organisation) must change first.</summary>
    NotYet,
    /// <summary>信息不全: the rules that fail do so only for facts not stated in the profile; fill them in to know.</summary>
    Incomplete,
}

/// <summary>One rule on the organisation's own facts, with its outcome and the profile sections that hold its facts.</summary>
public sealed record ProfileRuleResult(GuideRule Rule, RuleResult Result, IReadOnlyList<ProfileSection> Sections);

/// <summary>
/// A category as the finder shows it: the verdict of the rules that read only the organisation's profile (the
/// application's own rules cannot be judged before an application exists), the rules left for the application,
/// and the items a person judges.
/// </summary>
public sealed record CategoryFit(
    Category Category,
    Fit Fit,
    IReadOnlyList<ProfileRuleResult> ProfileRules,
    IReadOnlyList<GuideRule> ApplicationRules,
    IReadOnlyList<RuleResult> ManualItems)
{
    public static CategoryFit Of(Category category, Verdict verdict, FactCatalog facts)
    {
        var byId = category.Rules.ToDictionary(r => r.Id);
        var profileRules = new List<ProfileRuleResult>();
        var manual = new List<RuleResult>();
        foreach (var result in verdict.Rules)
        {
            var rule = byId[result.RuleId];
            // a manual item reads no fact at all: it is about the project, for the reviewers
            if (rule.Reads.Count == 0) manual.Add(result);
            else if (rule.ReadsOnlyApplicant) profileRules.Add(new(rule, result, ProfileSections.Holding(rule.Reads, facts)));
        }
        var failing = profileRules.Where(r => r.Result.Outcome == Outcome.Fail).ToList();
        var fit = failing.Count > 0 && failing.All(r => r.Result.Missing) ? Fit.Incomplete
            : failing.Count > 0 ? Fit.NotYet
            : profileRules.Any(r => r.Result.Outcome == Outcome.Warn) ? Fit.NeedsJustification
            : Fit.Eligible;
        var applicationRules = category.Rules.Where(r => r.Reads.Count > 0 && !r.ReadsOnlyApplicant).ToList();
        return new CategoryFit(category, fit, profileRules, applicationRules, manual);
    }

    public string Summary => Fit switch
    {
        Fit.Eligible => "可以申报",
        Fit.NeedsJustification => "需说明理由",
        Fit.NotYet => "暂不符合",
        Fit.Incomplete => "信息不全",
        _ => throw new System.Diagnostics.UnreachableException(),
    };
}
