using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility.Rules;

/// <summary>One condition on an item: its field must hold one of the accepted words.</summary>
public sealed record ItemCondition(ItemField Field, IReadOnlySet<string> Accepted)
{
    public bool Holds(object item) => Field.Text(item) is { } value && Accepted.Contains(value);
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
        foreach (var item in items)
            foreach (var conditions in alternatives)
                if (conditions.All(c => c.Holds(item)))
                    return new(Status.Met, pass.Render(fact.Describe(item), Describe(items)));
        return new(Status.NotMet, fail.Render("", Describe(items)));
    }

    private string Describe(IReadOnlyList<object> items) =>
        items.Count == 0 ? "无" : string.Join("、", items.Select(fact.Describe));
}
