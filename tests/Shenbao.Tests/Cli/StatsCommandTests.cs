using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Cli;

/// <summary>stats on the demo database: the figures the 统计 page shows, as text and as the same Excel sheet.</summary>
public sealed class StatsCommandTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    [Fact]
    public void It_prints_every_figure_with_the_counts_of_the_database()
    {
        var run = CliRunner.Invoke("stats", "--db", demo.Path);

        Assert.True(run.ExitCode == 0, run.Error);
        using var db = demo.Open();
        var call = db.Calls.AsNoTracking().Single();
        var submitted = ReviewList.Of(db.Applications.AsNoTracking(), call.Id, new ReviewFilter()).ToList();
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains($"共 {db.Applications.Count()} 份申报书，其中已提交 {submitted.Count} 份", lines[0], StringComparison.Ordinal);
        foreach (var title in new[] { "按类别", "按支持领域", "按区县（推荐单位）", "按状态", "按资格检查结论", "每日提交", "提示最多的规则", "退回或不予受理时引用最多的条款", "推荐名额使用", "专家评审进度" })
            Assert.Contains(lines, l => l.StartsWith($"【{title}】", StringComparison.Ordinal));
        Assert.Contains($"  二、重点研发：{submitted.Count(a => a.Category == "key-rd")}", lines);
        Assert.Contains($"  草稿：{db.Applications.Count(a => a.Status == Shenbao.Domain.Applications.ApplicationStatus.Draft)}", lines);
    }

    [Fact]
    public void Out_writes_the_pages_sheet_and_audits_it_and_an_unknown_call_is_refused()
    {
        var file = demo.File($"stats-{Guid.NewGuid():N}.xlsx");

        var run = CliRunner.Invoke("stats", "--db", demo.Path, "--out", file);

        Assert.True(run.ExitCode == 0, run.Error);
        var rows = ExpertSheets.Read(File.ReadAllBytes(file));
        Assert.Equal(run.Output.Split('\n').Count(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.Contains("暂无数据", StringComparison.Ordinal)), rows.Count);
        using var db = demo.Open();
        Assert.Contains(db.AuditTrail.AsNoTracking().ToList(), a => a.Action == AuditAction.Export && a.Details == $"命令行导出统计 {rows.Count} 行");
        var unknown = CliRunner.Invoke("stats", "--db", demo.Path, "--call", "999");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("没有编号为 999 的批次", unknown.Error, StringComparison.Ordinal);
    }
}
