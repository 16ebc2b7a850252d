using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility.Rules;

/// <summary>A yes/no fact that must have the expected answer (located in the city; no IP dispute).</summary>
public sealed class FlagRule(FlagFact fact, bool expected, Template pass, Template fail, Template missing) : Rule
{
    public override Finding Check(EligibilityRequest request) => fact.Get(request) switch
    {
        null => new(Status.Missing, missing.Render(fact.MissingLabel(request))),
        var value when value == expected => new(Status.Met, pass.Render()),
        _ => new(Status.NotMet, fail.Render()),
    };

    public override Status Test(EligibilityRequest request) => fact.Get(request) switch
    {
        null => Status.Missing,
        var value => Met(value == expected),
    };
}
