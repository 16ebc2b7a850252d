using BenchmarkDotNet.Attributes;
using Shenbao.Domain.Experts;

namespace Shenbao.Benchmarks;

/// <summary>
/// The assignment of experts (<see cref="Assignment.Plan"/>) at the scale of a city's call and past it: applications
/// of 40 support fields, three experts each, a pool of 600 experts of 120 units (each of three fields, some with units
/// to avoid), partners on a fifth of the applications and a person to avoid on a tenth. The baseline is 1,000
/// applications; the rows above it show how the plan grows with the call.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
[MemoryDiagnoser]
public class AssignmentBenchmarks
{
    private static readonly string[] Fields = Enumerable.Range(1, 40).Select(i => $"领域{i}").ToArray();
    private static readonly string[] Units = Enumerable.Range(1, 120).Select(i => $"单位{i}（衡阳）").ToArray();

    private static readonly int[] Sizes = [1_000, 5_000, 20_000];

    private List<PoolExpert> pool = null!;
    private Dictionary<int, List<Project>> calls = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        pool = Enumerable.Range(1, 600).Select(i => new PoolExpert(i, $"专家{i}", Units[random.Next(Units.Length)],
            Enumerable.Range(0, 3).Select(_ => Fields[random.Next(Fields.Length)]).Distinct().ToList(),
            random.Next(4) == 0 ? [Units[random.Next(Units.Length)]] : [], 0)).ToList();
        calls = Sizes.ToDictionary(n => n, n => Enumerable.Range(1, n).Select(i => new Project(i, $"A{i:000000}",
            Fields[random.Next(Fields.Length)], Units[random.Next(Units.Length)],
            random.Next(5) == 0 ? [Units[random.Next(Units.Length)]] : [],
            random.Next(10) == 0 ? [new AvoidedPerson($"专家{random.Next(1, 600)}", null)] : [], 3, [], [])).ToList());
    }

    [Benchmark(Baseline = true, Description = "1,000 applications (baseline)")]
    public int Thousand() => Assignment.Plan(calls[1_000], pool, 200, 2025).Assignments.Count;

    [Benchmark(Description = "5,000 applications")]
    public int FiveThousand() => Assignment.Plan(calls[5_000], pool, 200, 2025).Assignments.Count;

    [Benchmark(Description = "20,000 applications")]
    public int TwentyThousand() => Assignment.Plan(calls[20_000], pool, 200, 2025).Assignments.Count;
}
