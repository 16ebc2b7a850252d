using System.Globalization;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility.Rules;

/// <summary>
/// Items dated within a window of years must number fewer than a limit (2021－2023年内获得2次及以上 … 不予支持).
/// An absent list is a missing fact: an applicant with none declares an empty list.
/// Placeholders: {count}, {limit}, {from}, {to}.
/// </summary>
public sealed class CountInYearsRule(ItemsFact fact, ItemField yearField, int from, int to, int fewerThan, Template pass, Template fail, Template missing) : Rule
{
    private readonly string limitText = fewerThan.ToString(CultureInfo.InvariantCulture);
    private readonly string fromText = from.ToString(CultureInfo.InvariantCulture);
    private readonly string toText = to.ToString(CultureInfo.InvariantCulture);

    public override Finding Check(EligibilityRequest request)
    {
        if (fact.Get(request) is not { } items)
            return new(Status.Missing, missing.Render(fact.MissingLabel(request)));
        var count = Count(items);
        var met = count < fewerThan;
        return new(met ? Status.Met : Status.NotMet,
            (met ? pass : fail).Render(count.ToString(CultureInfo.InvariantCulture), limitText, fromText, toText));
    }

    public override Status Test(EligibilityRequest request) =>
        fact.Get(request) is { } items ? Met(Count(items) < fewerThan) : Status.Missing;

    private int Count(IReadOnlyList<object> items)
    {
        var count = 0;
        foreach (var item in items)
            if (yearField.Number(item) is { } year && year >= from && year <= to)
                count++;
        return count;
    }
}
