using System.CommandLine;
using Shenbao.Data.Insight;

namespace Shenbao.Cli.Commands;

/// <summary>
/// stats [--db PATH] [--call ID] [--out FILE.xlsx]: the call's statistics as the bureau's 统计 page counts them, each
/// figure a list of its bars; --out writes the same sheet as the page's export (audited). Without --call, the newest call.
/// </summary>
public static class StatsCommand
{
    public const int Done = 0;
    public const int Failed = 2;

    public static Command Create()
    {
        var db = CliData.DbOption();
        var call = new Option<int?>("--call") { Description = "批次编号（默认：最新的批次）" };
        var output = new Option<FileInfo?>("--out") { Description = "另将全部统计写入此 Excel 文件（.xlsx）" };
        var command = new Command("stats", "本批次的统计：按类别、领域、区县、状态、结论，每日提交，提示最多的规则，推荐名额，评审进度") { db, call, output };
        command.SetAction((result, ct) => RunAsync(result.GetValue(db)!.FullName, result.GetValue(call), result.GetValue(output)?.FullName,
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, ct));
        return command;
    }

    public static async Task<int> RunAsync(string dbPath, int? callId, string? outPath, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!File.Exists(dbPath)) { error.WriteLine($"数据库 {dbPath} 不存在"); return Failed; }
        await using var db = CliData.Open(dbPath);
        if (await CliData.CallAsync(db, callId, error, ct) is not var (call, guide)) return Failed;
        var statistics = await Statistics.OfAsync(db, call, guide, TimeProvider.System.GetUtcNow(), ct);
        output.WriteLine($"{call.Title}（批次 {call.Id}）：共 {statistics.Applications} 份申报书，其中已提交 {statistics.Submitted} 份");
        foreach (var figure in statistics.Figures)
        {
            output.WriteLine();
            output.WriteLine($"【{figure.Title}】{figure.Counts}");
            if (figure.Bars.Count == 0) output.WriteLine("  暂无数据");
            foreach (var bar in figure.Bars) output.WriteLine($"  {bar.Label}：{bar.Count}{(bar.Note is null ? "" : $"（{bar.Note}）")}");
        }
        if (outPath is null) return Done;
        var rows = Statistics.SheetRows(statistics).ToList();
        await CliData.WriteSheetAsync(db, outPath, "统计", Statistics.SheetColumns, rows, call.Id, $"命令行导出统计 {rows.Count} 行", ct);
        output.WriteLine();
        output.WriteLine($"已写入 {outPath}（{rows.Count} 行）");
        return Done;
    }
}
