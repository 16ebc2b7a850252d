using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Benchmarks;

/// <summary>
/// One application per category through the three evaluators, side by side per category: the hand-written
/// evaluator (baseline, the physical limit), the data-driven engine, and microsoft/RulesEngine.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class CategoryBenchmarks
{
    private Guide guide = null!;
    private EligibilityRequest request = null!;
    private RulesEngineEvaluator rulesEngine = null!;

    public static IEnumerable<string> Categories => SyntheticApplications.Categories;

    [ParamsSource(nameof(Categories))]
    public string Category { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        guide = Samples.LoadGuide();
        request = Samples.Load(Samples.PerCategory[Category], guide);
        rulesEngine = new RulesEngineEvaluator();
        // RulesEngine compiles a workflow's expressions on its first execution: not part of what is measured.
        _ = rulesEngine.EvaluateAsync(request).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public Verdict HandWritten() => HandWrittenEvaluator.Evaluate(request);

    [Benchmark]
    public Verdict Engine() => Eligibility.Evaluate(guide, request);

    [Benchmark]
    public ValueTask<Verdict> RulesEngine() => rulesEngine.EvaluateAsync(request);
}

/// <summary>
/// The what-if recount: 100,000 synthetic applications (generated once, in the global setup) evaluated under the shipped
/// guide and under a changed one by <see cref="WhatIf.Compare"/> (parallel over the cores). One recount per iteration.
/// </summary>
[Config(typeof(RecountConfig))]
public class WhatIfBenchmarks
{
    private Guide baseline = null!;
    private Guide revenue = null!;
    private Guide revenueAndPayment = null!;
    private List<EligibilityRequest> requests = null!;
    private List<EligibilityRequest> achievementTransfer = null!;

    [GlobalSetup]
    public void Setup()
    {
        baseline = Samples.LoadGuide();
        revenue = Samples.LoadGuide(WhatIfReport.DefaultScenarios[0]);
        revenueAndPayment = Samples.LoadGuide(WhatIfReport.DefaultScenarios[2]);
        requests = SyntheticApplications.Generate(WhatIfReport.DefaultCount, WhatIfReport.DefaultSeed);
        achievementTransfer = requests.Where(r => r.Application.Category == "achievement-transfer").ToList();
    }

    [Benchmark(Baseline = true)]
    public WhatIfSummary Revenue8M() => WhatIf.Compare(baseline, revenue, requests);

    [Benchmark]
    public WhatIfSummary Revenue8MAndPayment30() => WhatIf.Compare(baseline, revenueAndPayment, requests);

    /// <summary>The same recount as <see cref="Revenue8M"/> over the only category the override can change (1/6 of the applications, same count of changes).</summary>
    [Benchmark]
    public WhatIfSummary Revenue8MAffectedCategoryOnly() => WhatIf.Compare(baseline, revenue, achievementTransfer);
}

/// <summary>
/// Short runs (1 launch, 3 warm-up and 15 measured iterations) in this process: BenchmarkDotNet's default
/// toolchain rebuilds src/ from the working tree for each run, which is being edited concurrently; in-process, the
/// measured code is exactly the build that passed the equivalence check.
/// </summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance).WithId("short-in-process"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        SummaryStyle = SummaryStyle.Default.WithMaxParameterColumnWidth(24);
    }
}

/// <summary>Each recount takes a good fraction of a second: no pilot, one recount per iteration, 2 warm-up and 10 measured.</summary>
public sealed class RecountConfig : ManualConfig
{
    public RecountConfig()
    {
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10)
            .WithToolchain(InProcessEmitToolchain.Instance).WithId("recount-in-process"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
    }
}
