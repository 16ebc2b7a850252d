using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility.Rules;

/// <summary>
/// One typed kind of condition, instantiated from the guide file with its facts, parameters and messages.
/// Kinds are few and general; which kind reads which fact with which threshold is the guide's business.
/// </summary>
public abstract class Rule
{
    /// <summary>The finding with its message, for people.</summary>
    public abstract Finding Check(EligibilityRequest request);

    /// <summary>The status alone, rendering no message: for applicability conditions and what-if recounts.</summary>
    public abstract Status Test(EligibilityRequest request);

    protected static Status Met(bool met) => met ? Status.Met : Status.NotMet;
}

/// <summary>A number read from the request: a plain fact, or a yearly fact at a year the guide names.</summary>
public sealed record NumberSource(Func<EligibilityRequest, decimal?> Get, Func<EligibilityRequest, string> MissingLabel, int? Year)
{
    public static NumberSource Of(NumberFact fact) => new(fact.Get, fact.MissingLabel, null);

    public static NumberSource Of(YearlyFact fact, int year) => new(r => fact.Get(r, year), _ => fact.LabelFor(year), year);
}

/// <summary>A date read from the request, or a fixed date of the guide, optionally moved by whole years (满1年).</summary>
public sealed record DateSource(Func<EligibilityRequest, DateOnly?> Get, Func<EligibilityRequest, string>? MissingLabel)
{
    public static DateSource Fixed(DateOnly date) => new(_ => date, null);

    public static DateSource Of(DateFact fact, int plusYears = 0) =>
        plusYears == 0
            ? new(fact.Get, fact.MissingLabel)
            // DateOnly.AddYears maps 29 February to 28 February in a common year, as Civil Code art. 202 counts
            : new(r => fact.Get(r)?.AddYears(plusYears), fact.MissingLabel);
}
