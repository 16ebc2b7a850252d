using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility;

/// <summary>How many applications a changed guide flips, from which verdict to which, and because of which rules.</summary>
public sealed record WhatIfSummary(
    int Total,
    int Changed,
    IReadOnlyDictionary<string, int> ByTransition,
    IReadOnlyDictionary<string, int> ByRule);

/// <summary>An application as a what-if recounts it: its number and the facts it was judged on, as frozen.</summary>
public sealed record WhatIfSubject(string Number, EligibilityRequest Request);

/// <summary>How many applications of a category are eligible, to review, or ineligible.</summary>
public sealed record VerdictTally(int Eligible, int Review, int Ineligible)
{
    public static readonly VerdictTally None = new(0, 0, 0);

    public int Total => Eligible + Review + Ineligible;

    public int Of(string verdict) => verdict switch { "eligible" => Eligible, "review" => Review, _ => Ineligible };

    public VerdictTally Plus(string verdict) => verdict switch
    {
        "eligible" => this with { Eligible = Eligible + 1 },
        "review" => this with { Review = Review + 1 },
        _ => this with { Ineligible = Ineligible + 1 },
    };

    public VerdictTally Plus(VerdictTally other) => new(Eligible + other.Eligible, Review + other.Review, Ineligible + other.Ineligible);
}

/// <summary>One category's counts under the guide as it is and as changed.</summary>
public sealed record CategoryTally(string Category, VerdictTally Before, VerdictTally After);

/// <summary>An application whose verdict the change flips, and the rules whose outcome changed.</summary>
public sealed record VerdictChange(string Number, string Category, string Before, string After, IReadOnlyList<string> Rules);

/// <summary>A what-if over real applications: per category the counts before and after, and every application that changes verdict (by number).</summary>
public sealed record Simulation(IReadOnlyList<CategoryTally> Categories, IReadOnlyList<VerdictChange> Changes)
{
    public int Total => Categories.Sum(c => c.Before.Total);
}

/// <summary>
/// Recounts applications under a baseline guide and a changed one (e.g. a threshold overridden with --set).
/// A rule is blamed for a flip when its outcome differs between the two runs.
/// </summary>
public static class WhatIf
{
    /// <summary>
    /// Judges every subject under both guides (in parallel, outcomes only) and tallies each category before and after;
    /// <paramref name="progress"/> hears how many are done as each block of them finishes.
    /// </summary>
    public static Simulation Simulate(Guide baseline, Guide changed, IReadOnlyList<WhatIfSubject> subjects, IProgress<int>? progress = null, CancellationToken ct = default) =>
        Simulate(baseline, changed, subjects, s => s, progress, ct).Simulation;

    /// <summary>
    /// The same over items that become subjects only as they are judged (frozen facts parsed on the spot), taken as they
    /// come (the items may still be being read): each request is dropped as soon as it is judged, so the garbage
    /// collector never carries 100,000 of them. An item <paramref name="subjectOf"/> cannot read is skipped and returned.
    /// </summary>
    public static (Simulation Simulation, IReadOnlyList<T> Skipped) Simulate<T>(Guide baseline, Guide changed, IEnumerable<T> items, Func<T, WhatIfSubject?> subjectOf,
        IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(subjectOf);
        var partials = new System.Collections.Concurrent.ConcurrentBag<Partial<T>>();
        var done = 0;
        Parallel.ForEach(items, new ParallelOptions { CancellationToken = ct }, () => new Partial<T>(), (item, _, part) =>
        {
            if (subjectOf(item) is var (number, request))
            {
                var (before, after) = (Category(baseline, request), Category(changed, request));
                var (from, to) = (VerdictOf(before, request), VerdictOf(after, request));
                var tally = part.Tallies.TryGetValue(before.Id, out var t) ? t : (Before: VerdictTally.None, After: VerdictTally.None);
                part.Tallies[before.Id] = (tally.Before.Plus(from), tally.After.Plus(to));
                if (from != to) part.Changes.Add(new VerdictChange(number, before.Id, from, to, Blame(before, after, request).ToList()));
            }
            else
            {
                part.Skipped.Add(item);
            }
            if (Interlocked.Increment(ref done) % 1024 == 0) progress?.Report(done);
            return part;
        }, partials.Add);
        progress?.Report(done);
        var categories = baseline.Categories
            .Select(c => partials.Aggregate(new CategoryTally(c.Id, VerdictTally.None, VerdictTally.None), (sum, p) =>
                p.Tallies.TryGetValue(c.Id, out var part) ? sum with { Before = sum.Before.Plus(part.Before), After = sum.After.Plus(part.After) } : sum))
            .ToList();
        var flips = partials.SelectMany(p => p.Changes).OrderBy(c => c.Number, StringComparer.Ordinal).ToList();
        return (new Simulation(categories, flips), partials.SelectMany(p => p.Skipped).ToList());
    }

    /// <summary>What one worker of <see cref="Simulate{T}"/> has counted.</summary>
    private sealed class Partial<T>
    {
        public Dictionary<string, (VerdictTally Before, VerdictTally After)> Tallies { get; } = [];
        public List<VerdictChange> Changes { get; } = [];
        public List<T> Skipped { get; } = [];
    }

    /// <summary>The flips of <see cref="Simulate"/> counted by transition and by rule, for requests without numbers (the benchmark's).</summary>
    public static WhatIfSummary Compare(Guide baseline, Guide changed, IReadOnlyList<EligibilityRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var simulation = Simulate(baseline, changed, requests.Select((r, i) => new WhatIfSubject(i.ToString("D9", System.Globalization.CultureInfo.InvariantCulture), r)).ToList());
        return new WhatIfSummary(
            requests.Count,
            simulation.Changes.Count,
            simulation.Changes.CountBy(c => $"{c.Before} → {c.After}").ToDictionary(),
            simulation.Changes.SelectMany(c => c.Rules).CountBy(r => r).ToDictionary());
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
}
