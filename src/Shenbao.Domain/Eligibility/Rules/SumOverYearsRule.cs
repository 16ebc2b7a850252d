using System.Globalization;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility.Rules;

/// <summary>
/// A yearly figure summed over a window of fiscal years must reach a minimum (近三年 … 不低于).
/// A missing year counts as 0; if no year of the window is present the fact is missing.
/// Placeholders: {value} (the sum), {minimum}, {from}, {to}, {years} (each year's figure).
/// </summary>
public sealed class SumOverYearsRule(YearlyFact fact, int from, int to, decimal minimum, Template pass, Template fail, Template missing) : Rule
{
    private readonly string minimumText = Money.Format(minimum);
    private readonly string fromText = from.ToString(CultureInfo.InvariantCulture);
    private readonly string toText = to.ToString(CultureInfo.InvariantCulture);

    public override Finding Check(EligibilityRequest request)
    {
        var sum = 0m;
        var any = false;
        var years = new List<string>(to - from + 1);
        for (var year = from; year <= to; year++)
        {
            var value = fact.Get(request, year);
            years.Add(value is { } v ? $"{year}年 {Money.Format(v)} 元" : $"{year}年未填");
            if (value is null) continue;
            sum += value.Value;
            any = true;
        }
        if (!any)
            return new(Status.Missing, missing.Render($"{from}—{to}年度{fact.Label}"));
        var met = sum >= minimum;
        return new(met ? Status.Met : Status.NotMet,
            (met ? pass : fail).Render(Money.Format(sum), minimumText, fromText, toText, string.Join("、", years)));
    }

    public override Status Test(EligibilityRequest request)
    {
        var (sum, any) = (0m, false);
        for (var year = from; year <= to; year++)
            if (fact.Get(request, year) is { } value)
                (sum, any) = (sum + value, true);
        return any ? Met(sum >= minimum) : Status.Missing;
    }
}
