using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility.Rules;

/// <summary>
/// A date that must fall on or after one bound and/or on or before another; either bound is a date of the
/// guide or another fact of the request, possibly moved by whole years.
/// Placeholders: {value}, {from}, {to} (as 2025年4月15日).
/// </summary>
public sealed class DateWindowRule(DateSource value, DateSource? from, DateSource? to, Template pass, Template fail, Template missing) : Rule
{
    public override Finding Check(EligibilityRequest request)
    {
        var date = value.Get(request);
        var lower = from?.Get(request);
        var upper = to?.Get(request);
        if (date is null || (from is not null && lower is null) || (to is not null && upper is null))
        {
            var absent = new[] { date is null ? value : null, from is not null && lower is null ? from : null, to is not null && upper is null ? to : null }
                .OfType<DateSource>().Select(s => s.MissingLabel!(request)).Distinct();
            return new(Status.Missing, missing.Render(string.Join("、", absent)));
        }
        var met = Holds(date.Value, lower, upper);
        return new(met ? Status.Met : Status.NotMet, (met ? pass : fail).Render(
            ChineseDate.Format(date.Value),
            lower is { } l ? ChineseDate.Format(l) : "",
            upper is { } u ? ChineseDate.Format(u) : ""));
    }

    public override Status Test(EligibilityRequest request)
    {
        var date = value.Get(request);
        var lower = from?.Get(request);
        var upper = to?.Get(request);
        if (date is null || (from is not null && lower is null) || (to is not null && upper is null)) return Status.Missing;
        return Met(Holds(date.Value, lower, upper));
    }

    private static bool Holds(DateOnly date, DateOnly? lower, DateOnly? upper) => (lower is null || date >= lower) && (upper is null || date <= upper);
}
