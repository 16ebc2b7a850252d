using System.Globalization;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility.Rules;

/// <summary>
/// A count of others already taking a shared allowance must be below its limit (每个平台限报2项).
/// Placeholders: {value} (taken by others), {limit}, {remaining}.
/// </summary>
public sealed class QuotaRule(NumberSource taken, int limit, Template pass, Template fail, Template missing) : Rule
{
    private readonly string limitText = limit.ToString(CultureInfo.InvariantCulture);

    public override Finding Check(EligibilityRequest request)
    {
        if (taken.Get(request) is not { } value)
            return new(Status.Missing, missing.Render(taken.MissingLabel(request)));
        var met = value < limit;
        var remaining = Math.Max(0, limit - value);
        return new(met ? Status.Met : Status.NotMet,
            (met ? pass : fail).Render(Money.Format(value), limitText, Money.Format(remaining)));
    }

    public override Status Test(EligibilityRequest request) => taken.Get(request) is { } value ? Met(value < limit) : Status.Missing;
}
