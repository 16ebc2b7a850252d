using System.Diagnostics;
using System.Globalization;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Benchmarks;

/// <summary>
/// `whatif [--count N] [--seed S] [--repeat R] [--set category.rule.parameter=value ...]`: recounts N synthetic
/// applications under the shipped guide and under changed thresholds with <see cref="WhatIf.Compare"/>, prints how
/// many change verdict, from which to which and because of which rule, and times the recount R times (min, median).
/// Without --set it runs the scenarios of the issue: 2024 revenue ≥ 8,000,000; IUR payment ≥ 30%; both.
/// </summary>
public static class WhatIfReport
{
    public const int DefaultCount = 100_000;
    public const int DefaultSeed = 1;

    public static readonly IReadOnlyList<IReadOnlyDictionary<string, string>> DefaultScenarios =
    [
        new Dictionary<string, string> { ["achievement-transfer.transfer-revenue.minimum"] = "8000000" },
        new Dictionary<string, string> { ["iur-cooperation.iur-payment.minimum"] = "0.3" },
        new Dictionary<string, string> { ["achievement-transfer.transfer-revenue.minimum"] = "8000000", ["iur-cooperation.iur-payment.minimum"] = "0.3" },
    ];

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var (count, seed, repeat, settings) = (DefaultCount, DefaultSeed, 5, new List<string>());
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Count: count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed" when i + 1 < args.Count: seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeat" when i + 1 < args.Count: repeat = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                case "--set" when i + 1 < args.Count: settings.Add(args[++i]); break;
                default:
                    output.WriteLine($"unknown argument “{args[i]}”; usage: whatif [--count N] [--seed S] [--repeat R] [--set category.rule.parameter=value ...]");
                    return 2;
            }
        }
        var (overrides, errors) = GuideLoader.ParseOverrides(settings);
        if (errors.Count > 0)
        {
            foreach (var error in errors) output.WriteLine(error);
            return 2;
        }
        IReadOnlyList<IReadOnlyDictionary<string, string>> scenarios = overrides.Count > 0 ? [overrides] : DefaultScenarios;

        var baseline = Samples.LoadGuide();
        var watch = Stopwatch.StartNew();
        var requests = SyntheticApplications.Generate(count, seed);
        output.WriteLine($"生成申报 / generated: {F(requests.Count)} synthetic applications (Bogus zh_CN, seed {F(seed)}) in {watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; {F(Environment.ProcessorCount)} cores");
        output.WriteLine();

        output.WriteLine("现行指南下的判定 / verdicts under the shipped guide:");
        output.WriteLine($"  {"类别 category",-24}{"eligible",10}{"review",10}{"ineligible",12}");
        var verdicts = requests.Select(r => (r.Application.Category, Eligibility.Evaluate(baseline, r).Word)).ToLookup(v => v.Category, v => v.Word);
        foreach (var category in SyntheticApplications.Categories)
            output.WriteLine($"  {category,-24}{F(verdicts[category].Count(w => w == "eligible")),10}{F(verdicts[category].Count(w => w == "review")),10}{F(verdicts[category].Count(w => w == "ineligible")),12}");
        output.WriteLine();

        foreach (var scenario in scenarios)
        {
            var changed = Samples.LoadGuide(scenario);
            WhatIfSummary? summary = null;
            var times = new List<double>(repeat);
            for (var i = 0; i < repeat; i++)
            {
                watch.Restart();
                summary = WhatIf.Compare(baseline, changed, requests);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Print(output, scenario, summary!, times);

            // What WhatIf.Compare would cost if it skipped the categories an override cannot touch (an override names its category).
            var affected = AffectedCategories(scenario);
            var subset = requests.Where(r => affected.Contains(r.Application.Category)).ToList();
            times.Clear();
            WhatIfSummary? partial = null;
            for (var i = 0; i < repeat; i++)
            {
                watch.Restart();
                partial = WhatIf.Compare(baseline, changed, subset);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            output.WriteLine($"  只重算受影响的类别 / only the categories the override names ({string.Join(", ", affected.Order(StringComparer.Ordinal))}): "
                + $"{F(subset.Count)} applications, {F(partial!.Changed)} changed ({(partial.Changed == summary!.Changed ? "same count" : "DIFFERENT count")}), "
                + $"min {Ms(times[0])}, median {Ms(times[times.Count / 2])}");
            output.WriteLine();
        }
        return 0;
    }

    /// <summary>The categories named by overrides ("category.rule.parameter"): no other category's rules change.</summary>
    public static HashSet<string> AffectedCategories(IReadOnlyDictionary<string, string> scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Keys.Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
    }

    private static string Ms(double ms) => ms.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private static void Print(TextWriter output, IReadOnlyDictionary<string, string> scenario, WhatIfSummary summary, List<double> times)
    {
        output.WriteLine($"情景 / scenario: {string.Join("，", scenario.Select(p => $"{p.Key}={p.Value}"))}");
        output.WriteLine($"  申报总数 / applications:         {F(summary.Total)}");
        output.WriteLine($"  判定改变 / verdict changed:      {F(summary.Changed)} ({(summary.Total == 0 ? 0 : 100.0 * summary.Changed / summary.Total).ToString("0.00", CultureInfo.InvariantCulture)}%)");
        output.WriteLine("  按判定变化 / by transition:");
        foreach (var (transition, n) in summary.ByTransition.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
            output.WriteLine($"    {transition,-28}{F(n),8}");
        output.WriteLine("  按规则 / by rule (outcome changed):");
        foreach (var (rule, n) in summary.ByRule.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
            output.WriteLine($"    {rule,-28}{F(n),8}");
        output.WriteLine($"  用时 / time of WhatIf.Compare over {F(summary.Total)} × 2 evaluations, {F(times.Count)} runs: "
            + $"min {Ms(times[0])}, median {Ms(times[times.Count / 2])}, max {Ms(times[^1])}");
    }

    private static string F(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
