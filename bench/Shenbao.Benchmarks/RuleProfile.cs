using System.Diagnostics;
using System.Globalization;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Requests;

namespace Shenbao.Benchmarks;

/// <summary>
/// `profile`: where the engine's time goes. For each category's sample, every rule of the guide timed on its own
/// (its applicability condition and its body separately), with the bytes it allocates, next to the whole check
/// by the engine and by the hand-written evaluator. A Stopwatch loop, single thread: a guide for engine work, not
/// a replacement for the BenchmarkDotNet figures.
/// </summary>
public static class RuleProfile
{
    private const int Iterations = 200_000;

    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var guide = Samples.LoadGuide();
        output.WriteLine($"Per-rule cost of the engine, {Iterations.ToString("#,0", CultureInfo.InvariantCulture)} calls each, ns/call and bytes/call (single thread)");
        foreach (var (category, sample) in Samples.PerCategory)
        {
            var request = Samples.Load(sample, guide);
            var rules = guide.FindCategory(category)!.Rules;
            output.WriteLine();
            output.WriteLine($"{category} ({sample})");
            output.WriteLine($"  {"rule",-40}{"appliesIf ns",14}{"body ns",10}{"B",8}");
            double sum = 0;
            foreach (var rule in rules)
            {
                // the engine decides applicability with the message-free Test, as measured here
                var (appliesNs, appliesBytes) = rule.AppliesIf is { } condition ? Measure(() => condition.Test(request)) : (0, 0);
                if (rule.AppliesIf is { } applies && applies.Test(request) != Status.Met)
                {
                    // left out of the verdict: the engine does not evaluate the body
                    sum += appliesNs;
                    output.WriteLine($"  {rule.Id,-40}{N(appliesNs),14}{"(n/a)",10}{N(appliesBytes),8}");
                    continue;
                }
                var (bodyNs, bodyBytes) = Measure(() => rule.Body.Check(request));
                sum += appliesNs + bodyNs;
                output.WriteLine($"  {rule.Id,-40}{N(appliesNs),14}{N(bodyNs),10}{N(appliesBytes + bodyBytes),8}");
            }
            var (engineNs, engineBytes) = Measure(() => Eligibility.Evaluate(guide, request));
            var (handNs, handBytes) = Measure(() => HandWrittenEvaluator.Evaluate(request));
            output.WriteLine($"  {"sum of the rules",-40}{"",14}{N(sum),10}");
            output.WriteLine($"  {"Eligibility.Evaluate",-40}{"",14}{N(engineNs),10}{N(engineBytes),8}");
            output.WriteLine($"  {"HandWrittenEvaluator.Evaluate",-40}{"",14}{N(handNs),10}{N(handBytes),8}");
        }

        output.WriteLine();
        output.WriteLine("Building blocks of the messages (both evaluators use them)");
        var whole = 21_000_000m;
        var fraction = 9_999_999.5m;
        var day = new DateOnly(2025, 5, 20);
        foreach (var (name, action) in new (string, Func<string>)[]
        {
            ("Money.Format(21000000m)", () => Money.Format(whole)),
            ("Money.Format(9999999.5m)", () => Money.Format(fraction)),
            ("21000000m.ToString(\"N0\", invariant)", () => whole.ToString("N0", CultureInfo.InvariantCulture)),
            ("ChineseDate.Format(2025-05-20)", () => ChineseDate.Format(day)),
        })
        {
            var (ns, bytes) = Measure(action);
            output.WriteLine($"  {name,-40}{"",14}{N(ns),10}{N(bytes),8}");
        }
        return 0;
    }

    private static (double Ns, double Bytes) Measure<T>(Func<T> action)
    {
        // warm up for a while: tiered compilation promotes hot code to optimised code only after ~100 ms of calls
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 300) action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Iterations; i++) action();
        watch.Stop();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        return (watch.Elapsed.TotalNanoseconds / Iterations, (double)bytes / Iterations);
    }

    private static string N(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
