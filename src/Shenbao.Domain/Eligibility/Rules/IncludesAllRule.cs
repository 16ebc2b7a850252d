using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility.Rules;

/// <summary>
/// A list must include every required word (the attachments a clause asks for). An absent list is an empty one,
/// so the message names exactly what is lacking.
/// Placeholders: {required}, {lacking} (names as the guide gives them).
/// </summary>
public sealed class IncludesAllRule(WordsFact fact, IReadOnlyList<string> required, Func<string, string> describe, Template pass, Template fail) : Rule
{
    private readonly string requiredText = string.Join("、", required.Select(describe));

    public override Finding Check(EligibilityRequest request)
    {
        var present = fact.Get(request) ?? [];
        List<string>? lacking = null;
        foreach (var word in required)
            if (!present.Contains(word))
                (lacking ??= []).Add(describe(word));
        return lacking is null
            ? new(Status.Met, pass.Render(requiredText, ""))
            : new(Status.NotMet, fail.Render(requiredText, string.Join("、", lacking)));
    }

    public override Status Test(EligibilityRequest request)
    {
        var present = fact.Get(request) ?? [];
        foreach (var word in required)
            if (!present.Contains(word)) return Status.NotMet;
        return Status.Met;
    }
}
