using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility.Rules;

/// <summary>
/// A figure that must reach a minimum (at-least, "不低于", "以上") or stay within a maximum (at-most).
/// Placeholders: {value}, {minimum} or {maximum}, {year} (for a yearly fact).
/// </summary>
public sealed class BoundRule(NumberSource source, decimal bound, bool isMinimum, Template pass, Template fail, Template missing) : Rule
{
    private readonly string boundText = Money.Format(bound);
    private readonly string yearText = source.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public override Finding Check(EligibilityRequest request)
    {
        if (source.Get(request) is not { } value)
            return new(Status.Missing, missing.Render(source.MissingLabel(request)));
        var met = Holds(value);
        return new(met ? Status.Met : Status.NotMet, (met ? pass : fail).Render(Money.Format(value), boundText, yearText));
    }

    public override Status Test(EligibilityRequest request) => source.Get(request) is { } value ? Met(Holds(value)) : Status.Missing;

    private bool Holds(decimal value) => isMinimum ? value >= bound : value <= bound;
}
