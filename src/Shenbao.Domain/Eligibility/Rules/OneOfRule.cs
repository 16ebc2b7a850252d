using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility.Rules;

/// <summary>
/// A word that must be one of a list (applicant kind, title, support field). Values of an open list
/// (the guide's 等) may be named as doubtful: they warn instead of failing.
/// Placeholders: {value} (the word as people read it), {values} (the accepted words).
/// </summary>
public sealed class OneOfRule(
    Func<EligibilityRequest, string?> get,
    Func<EligibilityRequest, string> missingLabel,
    Func<string, string> describe,
    IReadOnlySet<string> accepted,
    IReadOnlySet<string> doubtful,
    Template pass,
    Template fail,
    Template? warn,
    Template missing) : Rule
{
    private readonly string acceptedText = string.Join("、", accepted.Select(describe));

    public override Finding Check(EligibilityRequest request)
    {
        if (get(request) is not { } value)
            return new(Status.Missing, missing.Render(missingLabel(request)));
        if (accepted.Contains(value))
            return new(Status.Met, pass.Render(describe(value), acceptedText));
        if (warn is not null && doubtful.Contains(value))
            return new(Status.Doubtful, warn.Render(describe(value), acceptedText));
        return new(Status.NotMet, fail.Render(describe(value), acceptedText));
    }

    public override Status Test(EligibilityRequest request) => get(request) switch
    {
        null => Status.Missing,
        var value when accepted.Contains(value) => Status.Met,
        var value when warn is not null && doubtful.Contains(value) => Status.Doubtful,
        _ => Status.NotMet,
    };
}
