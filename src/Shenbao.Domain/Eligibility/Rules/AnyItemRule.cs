using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility.Rules;

/// <summary>One condition on an item: its field must hold one of the accepted words.</summary>
public sealed record ItemCondition(ItemField Field, IReadOnlySet<string> Accepted)
{
    public bool Holds(object item) => Field.Text(item) is { } value && Accepted.Contains(value);

    public static bool AllHold(IReadOnlyList<ItemCondition> conditions, object item)
    {
        foreach (var condition in conditions)
            if (!condition.Holds(item)) return false;
        return true;
    }
}

/// <summary>
/// At least one item of a list must meet every condition of at least one alternative
/// (a provincial key lab; a member that is a university or institute).
/// Placeholders: {match} (the first item that qualifies), {items} (every item, as people read them).
/// </summary>
public sealed class AnyItemRule(ItemsFact fact, IReadOnlyList<IReadOnlyList<ItemCondition>> alternatives, Template pass, Template fail, Template missing) : Rule
{
    public override Finding Check(EligibilityRequest request)
    {
        if (fact.Get(request) is not { } items)
            return new(Status.Missing, missing.Render(fact.MissingLabel(request)));
        return Match(items) is { } match
            ? new(Status.Met, pass.Render(fact.Describe(match), pass.Uses(1) ? Describe(items) : ""))
            : new(Status.NotMet, fail.Render("", Describe(items)));
    }

    public override Status Test(EligibilityRequest request) =>
        fact.Get(request) is { } items ? Met(Match(items) is not null) : Status.Missing;

    private object? Match(IReadOnlyList<object> items)
    {
        foreach (var item in items)
            foreach (var conditions in alternatives)
                if (ItemCondition.AllHold(conditions, item))
                    return item;
        return null;
    }

    private string Describe(IReadOnlyList<object> items) =>
        items.Count == 0 ? "无" : string.Join("、", items.Select(fact.Describe));
}
