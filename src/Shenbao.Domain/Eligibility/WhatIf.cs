using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility;

/// <summary>How many applications a changed guide flips, from which verdict to which, and because of which rules.</summary>
public sealed record WhatIfSummary(
    int Total,
    int Changed,
    IReadOnlyDictionary<string, int> ByTransition,
    IReadOnlyDictionary<string, int> ByRule);

/// <summary>
/// Recounts applications under a baseline guide and a changed one (e.g. a threshold overridden with --set).
/// A rule is blamed for a flip when its outcome differs between the two runs.
/// </summary>
public static class WhatIf
{
    /// <summary>
    /// Compares outcomes only (no message is rendered) and stops at a category's first failed rule; the rules of a
    /// flipped application are then compared one by one to find the ones to blame.
    /// </summary>
    public static WhatIfSummary Compare(Guide baseline, Guide changed, IReadOnlyList<EligibilityRequest> requests)
    {
        var partials = new System.Collections.Concurrent.ConcurrentBag<(int Changed, Dictionary<string, int> Transitions, Dictionary<string, int> Rules)>();
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, requests.Count, Math.Max(1024, requests.Count / (Environment.ProcessorCount * 4))),
            range =>
            {
                var (count, transitions, rules) = (0, new Dictionary<string, int>(), new Dictionary<string, int>());
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var request = requests[i];
                    var (before, after) = (Category(baseline, request), Category(changed, request));
                    var (from, to) = (VerdictOf(before, request), VerdictOf(after, request));
                    if (from == to) continue;
                    count++;
                    Increment(transitions, $"{from} → {to}");
                    foreach (var rule in Blame(before, after, request)) Increment(rules, rule);
                }
                partials.Add((count, transitions, rules));
            });
        return new WhatIfSummary(
            requests.Count,
            partials.Sum(p => p.Changed),
            Merge(partials.Select(p => p.Transitions)),
            Merge(partials.Select(p => p.Rules)));
    }

    private static Category Category(Guide guide, EligibilityRequest request) =>
        guide.FindCategory(request.Application.Category)
        ?? throw new ArgumentException($"The guide '{guide.Id}' has no category '{request.Application.Category}'.", nameof(request));

    /// <summary>The verdict word from outcomes alone, as <see cref="Verdict.From"/> decides it.</summary>
    public static string VerdictOf(Category category, EligibilityRequest request)
    {
        var warned = false;
        foreach (var rule in category.Rules)
            switch (rule.Judge(request))
            {
                case Outcome.Fail: return "ineligible";
                case Outcome.Warn: warned = true; break;
            }
        return warned ? "review" : "eligible";
    }

    /// <summary>The rules whose outcome differs between the two categories' versions (matched by id).</summary>
    public static IEnumerable<string> Blame(Category before, Category after, EligibilityRequest request)
    {
        var outcomes = before.Rules.ToDictionary(r => r.Id, r => r.Judge(request));
        foreach (var rule in after.Rules)
            if (!outcomes.Remove(rule.Id, out var previous) || previous != rule.Judge(request))
                yield return rule.Id;
        foreach (var (id, previous) in outcomes)
            if (previous is not null) yield return id;
    }

    private static void Increment(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static Dictionary<string, int> Merge(IEnumerable<Dictionary<string, int>> parts)
    {
        var total = new Dictionary<string, int>();
        foreach (var part in parts)
            foreach (var (key, count) in part)
                total[key] = total.GetValueOrDefault(key) + count;
        return total;
    }
}
