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
                    var before = Eligibility.Evaluate(baseline, requests[i]);
                    var after = Eligibility.Evaluate(changed, requests[i]);
                    if (before.Word == after.Word) continue;
                    count++;
                    Increment(transitions, $"{before.Word} → {after.Word}");
                    foreach (var rule in Blame(before, after)) Increment(rules, rule);
                }
                partials.Add((count, transitions, rules));
            });
        return new WhatIfSummary(
            requests.Count,
            partials.Sum(p => p.Changed),
            Merge(partials.Select(p => p.Transitions)),
            Merge(partials.Select(p => p.Rules)));
    }

    /// <summary>The rules whose outcome differs between two verdicts on the same application.</summary>
    public static IEnumerable<string> Blame(Verdict before, Verdict after)
    {
        var outcomes = before.Rules.ToDictionary(r => r.RuleId, r => r.Outcome);
        foreach (var rule in after.Rules)
            if (!outcomes.TryGetValue(rule.RuleId, out var previous) || previous != rule.Outcome)
                yield return rule.RuleId;
        foreach (var rule in before.Rules)
            if (after.Rules.All(r => r.RuleId != rule.RuleId))
                yield return rule.RuleId;
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
