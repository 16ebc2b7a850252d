using System.Globalization;
using Shenbao.Data.Exports;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;

namespace Shenbao.Data.Insight;

/// <summary>A parameter a what-if changed: its path, the value the guide gives it and the value tried.</summary>
public sealed record ChangedParameter(string Path, string? Was, string Now);

/// <summary>Where a what-if is: reading the frozen submissions, then judging them twice.</summary>
public sealed record WhatIfProgress(string Stage, int Done, int Total)
{
    public int Percent => Total == 0 ? 100 : (int)(100L * Done / Total);
}

/// <summary>A what-if over a call's real applications: the guide's changes, the counts and the flips, and what could not be read.</summary>
public sealed record WhatIfReport(Guide Guide, IReadOnlyList<ChangedParameter> Parameters, Simulation Simulation, IReadOnlyList<string> Unreadable)
{
    /// <summary>The title and organisation of each application that changes verdict.</summary>
    public IReadOnlyDictionary<string, (string? Title, string Organisation)> Names { get; init; } = new Dictionary<string, (string?, string)>();

    public string CategoryName(string id) => Guide.FindCategory(id)?.Name ?? id;

    /// <summary>A flipped application's rules by their names in the guide: "成果转化收入（transfer-revenue）".</summary>
    public string RuleNames(VerdictChange change) =>
        string.Join("、", change.Rules.Select(id => Guide.FindCategory(change.Category)?.Rules.FirstOrDefault(r => r.Id == id) is { } rule ? $"{rule.Name}（{id}）" : id));
}

/// <summary>
/// Runs a what-if over a call: loads every submitted application's frozen facts, judges each under the guide as it is
/// and as changed by the settings, and words the result; one run for the officers' page and the CLI.
/// </summary>
public static class CallWhatIf
{

    public static readonly IReadOnlyList<Column> ChangeColumns =
    [
        new("申报编号", 20), new("项目名称", 40), new("申报单位", 30), new("类别", 16), new("修改前", 12), new("修改后", 12), new("结论改变的规则", 50),
    ];

    /// <summary>The parameters the settings change, each with the guide's value beside the one tried.</summary>
    public static IReadOnlyList<ChangedParameter> Changed(Guide baseline, Guide changed)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(changed);
        var was = baseline.Parameters.ToDictionary(p => p.Path, p => p.Value, StringComparer.Ordinal);
        return changed.Parameters.Where(p => was.GetValueOrDefault(p.Path) != p.Value).Select(p => new ChangedParameter(p.Path, was.GetValueOrDefault(p.Path), p.Value)).ToList();
    }

    public static async Task<WhatIfReport> RunAsync(AppDbContext db, int callId, Guide baseline, Guide changed, IProgress<WhatIfProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(baseline);
        var (total, rows) = await WhatIfData.StreamAsync(db, callId, ct);
        progress?.Report(new WhatIfProgress(WhatIfData.Judging, 0, total));
        var judged = progress is null ? null : new Judged(progress, total);
        // read on one thread while the others judge; each submission is parsed where it is judged and dropped after
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var queue = new System.Collections.Concurrent.BlockingCollection<FrozenFacts>(8192);
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var row in rows.WithCancellation(stop.Token)) queue.Add(row, stop.Token);
            }
            catch
            {
                // the judges stop too, rather than finish a call read only in part
                await stop.CancelAsync();
                throw;
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None);
        var judging = Task.Run(() => WhatIf.Simulate(baseline, changed, queue.GetConsumingEnumerable(stop.Token), f => f.Under(baseline), judged, stop.Token), CancellationToken.None);
        await Task.WhenAny(judging);
        // judging failed: the reader may be waiting for room in a full queue; wake it, then say what went wrong first
        if (!judging.IsCompletedSuccessfully) await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (OperationCanceledException) when (judging.IsFaulted)
        {
            // the reader stopped because judging failed: judging's own error is the one to report
        }
        var (simulation, skipped) = await judging;
        return new WhatIfReport(baseline, Changed(baseline, changed), simulation, skipped.Select(f => f.Number).Order(StringComparer.Ordinal).ToList())
        {
            Names = await WhatIfData.NamesAsync(db, callId, simulation.Changes.Select(c => c.Number), ct),
        };
    }

    private sealed class Judged(IProgress<WhatIfProgress> target, int total) : IProgress<int>
    {
        public void Report(int value) => target.Report(new WhatIfProgress(WhatIfData.Judging, value, total));
    }

    /// <summary>The flips as rows of <see cref="ChangeColumns"/>, in number order.</summary>
    public static IEnumerable<object?[]> ChangeRows(WhatIfReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var change in report.Simulation.Changes)
        {
            var (title, organisation) = report.Names.GetValueOrDefault(change.Number);
            yield return [change.Number, title, organisation, report.CategoryName(change.Category), ApplicationSheets.VerdictLabel(change.Before),
                ApplicationSheets.VerdictLabel(change.After), report.RuleNames(change)];
        }
    }

    /// <summary>The report as the CLI prints it: the changes, the table per category and the flipped applications.</summary>
    public static void Write(WhatIfReport report, string callTitle, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var simulation = report.Simulation;
        output.WriteLine($"what-if：{callTitle}，{F(simulation.Total)} 项已提交的申报，按各自冻结的提交内容重新判定");
        foreach (var p in report.Parameters) output.WriteLine($"  修改 {p.Path}：{p.Was ?? "（无）"} → {p.Now}");
        if (report.Unreadable.Count > 0)
            output.WriteLine($"  另有 {F(report.Unreadable.Count)} 项的提交内容已无法按当前指南读取，未计入：{string.Join("、", report.Unreadable.Take(20))}");
        output.WriteLine();
        output.WriteLine($"{Pad("类别", NameWidth)}{Pad("修改前：符合", 14, right: true)}{Pad("须说明", 8, true)}{Pad("不符合", 8, true)}  {Pad("修改后：符合", 14, true)}{Pad("须说明", 8, true)}{Pad("不符合", 8, true)}");
        foreach (var c in simulation.Categories)
            output.WriteLine(Line(report.CategoryName(c.Category), c.Before, c.After));
        output.WriteLine(Line("合计", Sum(simulation.Categories.Select(c => c.Before)), Sum(simulation.Categories.Select(c => c.After))));
        output.WriteLine();
        output.WriteLine($"结论改变的申报：{F(simulation.Changes.Count)} 项");
        foreach (var change in simulation.Changes)
            output.WriteLine($"  {change.Number}  {report.CategoryName(change.Category)}  {ApplicationSheets.VerdictLabel(change.Before)} → {ApplicationSheets.VerdictLabel(change.After)}  {report.RuleNames(change)}");
    }

    public static VerdictTally Sum(IEnumerable<VerdictTally> tallies) => tallies.Aggregate(VerdictTally.None, (a, b) => a.Plus(b));

    private const int NameWidth = 30;

    private static string Line(string name, VerdictTally before, VerdictTally after) =>
        $"{Pad(name, NameWidth)}{Pad(F(before.Eligible), 14, true)}{Pad(F(before.Review), 8, true)}{Pad(F(before.Ineligible), 8, true)}  "
        + $"{Pad(F(after.Eligible), 14, true)}{Pad(F(after.Review), 8, true)}{Pad(F(after.Ineligible), 8, true)}";

    /// <summary>Pads to a terminal's columns, where a Chinese character takes two.</summary>
    private static string Pad(string text, int width, bool right = false)
    {
        var used = text.Sum(c => c >= '\u2E80' ? 2 : 1);
        var padding = new string(' ', Math.Max(0, width - used));
        return right ? padding + text : text + padding;
    }

    private static string F(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
