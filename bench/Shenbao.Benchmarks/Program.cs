using System.Text;
using BenchmarkDotNet.Running;
using Shenbao.Benchmarks;

// dotnet run -c Release --project bench/Shenbao.Benchmarks -- --verify [--count N]   equivalence only (CI)
// dotnet run -c Release --project bench/Shenbao.Benchmarks -- whatif [--count N] [--set k=v ...]
// dotnet run -c Release --project bench/Shenbao.Benchmarks -- profile                 per-rule cost of the engine
// dotnet run -c Release --project bench/Shenbao.Benchmarks -- backup                  backup and restore of a 100,000-application site beside a plain copy
// dotnet run -c Release --project bench/Shenbao.Benchmarks -- --filter '*'           verify, then BenchmarkDotNet
Console.OutputEncoding = Encoding.UTF8;

if (args is ["--verify", .. var verifyArgs])
{
    var count = verifyArgs is ["--count", var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : Equivalence.DefaultSyntheticCount;
    return await Equivalence.RunAsync(Console.Out, count).ConfigureAwait(false);
}
if (args is ["whatif", .. var whatIfArgs])
    return WhatIfReport.Run(whatIfArgs, Console.Out);
if (args is ["profile"])
    return RuleProfile.Run(Console.Out);
if (args is ["backup"])
    return await BackupReport.RunAsync(Console.Out).ConfigureAwait(false);

var verified = await Equivalence.RunAsync(Console.Out).ConfigureAwait(false);
if (verified != 0) return verified;
BenchmarkSwitcher.FromAssembly(typeof(CategoryBenchmarks).Assembly).Run(args);
return 0;
