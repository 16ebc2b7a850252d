using System.CommandLine;
using Shenbao.Data.Insight;
using Shenbao.Domain.Guides;

namespace Shenbao.Cli.Commands;

/// <summary>
/// whatif [--db PATH] --call ID --set category.rule[.part].parameter=value … [--out FILE.xlsx]: the call's submitted
/// applications judged again, each on its frozen facts, under its guide as it is and as changed; prints per category the
/// counts before and after and every application that changes verdict with the rules that changed it, as the
/// officers' page shows them. --out also writes that list to Excel.
/// </summary>
public static class WhatIfCommand
{
    public const int Done = 0;
    public const int Failed = 2;

    public static Command Create()
    {
        var db = CliData.DbOption();
        var call = new Option<int>("--call") { Description = "批次编号", Required = true };
        var set = new Option<string[]>("--set")
        {
            Description = "要修改的参数：类别.规则[.子规则].参数=值，可重复，如 achievement-transfer.transfer-revenue.minimum=8000000",
            Arity = ArgumentArity.OneOrMore,
            Required = true,
        };
        var output = new Option<FileInfo?>("--out") { Description = "另将结论改变的申报写入此 Excel 文件（.xlsx）" };
        var command = new Command("whatif", "假设修改指南参数：按冻结的提交内容重新判定本批次的申报，比较修改前后") { db, call, set, output };
        command.SetAction((result, ct) => RunAsync(result.GetValue(db)!.FullName, result.GetValue(call), result.GetValue(set) ?? [], result.GetValue(output)?.FullName,
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, ct));
        return command;
    }

    public static async Task<int> RunAsync(string dbPath, int callId, IReadOnlyList<string> settings, string? outPath, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!File.Exists(dbPath)) { error.WriteLine($"数据库 {dbPath} 不存在"); return Failed; }
        await using var db = CliData.Open(dbPath);
        if (await CliData.CallAsync(db, callId, error, ct) is not var (call, guide)) return Failed;
        var (changed, problems) = GuideLoader.Change(guide, settings);
        if (changed is null)
        {
            foreach (var problem in problems) error.WriteLine(problem);
            return Failed;
        }
        var report = await CallWhatIf.RunAsync(db, call.Id, guide, changed, null, ct);
        CallWhatIf.Write(report, $"{call.Title}（批次 {call.Id}）", output);
        if (outPath is not null)
        {
            await CliData.WriteSheetAsync(db, outPath, "结论改变的申报", CallWhatIf.ChangeColumns, CallWhatIf.ChangeRows(report).ToList(), call.Id,
                $"命令行导出 what-if 结论改变的申报 {report.Simulation.Changes.Count} 行（{string.Join("；", report.Parameters.Select(p => $"{p.Path}={p.Now}"))}）", ct);
            output.WriteLine($"已写入 {outPath}（{report.Simulation.Changes.Count} 行）");
        }
        return Done;
    }
}
