using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility.Rules;

/// <summary>
/// A part that must be at least (or, strictly, more than) a share of a whole: paid ≥ 20% of the amount;
/// academic contributors a strict majority (为主). Compared as part ≥ share × whole in decimals, never divided.
/// Placeholders: {part}, {whole}, {share} (the actual share, as a percentage), {minimum} (as a percentage).
/// </summary>
public sealed class RatioRule(NumberSource part, NumberSource whole, decimal minimum, bool strict, Template pass, Template fail, Template missing) : Rule
{
    private readonly string minimumText = Percent(minimum);

    public override Finding Check(EligibilityRequest request)
    {
        var p = part.Get(request);
        var w = whole.Get(request);
        if (p is null || w is null)
        {
            var absent = p is null && w is null && part.MissingLabel(request) == whole.MissingLabel(request)
                ? part.MissingLabel(request)
                : string.Join("、", new[] { p is null ? part.MissingLabel(request) : null, w is null ? whole.MissingLabel(request) : null }.OfType<string>());
            return new(Status.Missing, missing.Render(absent));
        }
        var met = Holds(p.Value, w.Value);
        // a whole of a millionth against a part of millions would overflow the division: past a million times, it only says so
        var share = w.Value == 0 ? "—" : p.Value > w.Value * 1_000_000m ? "超过 100,000,000%" : Percent(p.Value / w.Value);
        return new(met ? Status.Met : Status.NotMet, (met ? pass : fail).Render(Money.Format(p.Value), Money.Format(w.Value), share, minimumText));
    }

    public override Status Test(EligibilityRequest request) =>
        part.Get(request) is { } p && whole.Get(request) is { } w ? Met(Holds(p, w)) : Status.Missing;

    /// <summary>A share of nothing is not a share: a whole of 0 never meets the rule.</summary>
    private bool Holds(decimal p, decimal w) => w > 0 && (strict ? p > minimum * w : p >= minimum * w);

    /// <summary>Truncated, not rounded, so that 19.9999% reads 19.99% and never "20%, below 20%".</summary>
    private static string Percent(decimal share) =>
        (decimal.Truncate(share * 10000) / 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
