using Microsoft.EntityFrameworkCore;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Cli;

/// <summary>whatif on the demo database: the same counts and flips as the officers' page, the list to Excel, wrong input refused with its reason.</summary>
public sealed class WhatIfCommandTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private int CallId
    {
        get
        {
            using var db = demo.Open();
            return db.Calls.AsNoTracking().Single().Id;
        }
    }

    [Fact]
    public void It_prints_each_category_before_and_after_and_the_application_that_flips_with_its_rule()
    {
        var run = CliRunner.Invoke("whatif", "--db", demo.Path, "--call", CallId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--set", "iur-cooperation.iur-payment.minimum=0.5");

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains("  修改 iur-cooperation.iur-payment.minimum：0.2 → 0.5", lines);
        var iur = lines.Single(l => l.StartsWith("四（一）产学研合作", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["1", "0", "0", "0", "0", "1"], iur[1..]);
        Assert.Contains("结论改变的申报：1 项", lines);
        Assert.Contains("  HENGYANG-2025-00003  四（一）产学研合作  符合 → 不符合  合同支付比例（iur-payment）", lines);
        // 13 submitted, the drafts and the withdrawn one left out
        using var db = demo.Open();
        var counted = db.Applications.Count(a => a.SubmittedAt != null && a.Status != Shenbao.Domain.Applications.ApplicationStatus.Draft && a.Status != Shenbao.Domain.Applications.ApplicationStatus.Withdrawn);
        var total = lines.Single(l => l.StartsWith("合计", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(counted.ToString(System.Globalization.CultureInfo.InvariantCulture), total[1]);
        Assert.Equal("1", total[6]);   // after the change, the one IUR application is the call's only ineligible one
    }

    [Fact]
    public void Out_writes_the_flipped_applications_to_Excel_and_audits_it()
    {
        var file = demo.File($"whatif-{Guid.NewGuid():N}.xlsx");

        var run = CliRunner.Invoke("whatif", "--db", demo.Path, "--call", CallId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--set", "iur-cooperation.iur-payment.minimum=0.5", "--set", "key-rd.keyrd-applicant.2.values=hospital", "--out", file);

        Assert.True(run.ExitCode == 0, run.Error);
        var rows = ExpertSheets.Read(File.ReadAllBytes(file));
        var printed = run.Output.Split('\n').Where(l => l.StartsWith("  HENGYANG-", StringComparison.Ordinal)).Select(l => l.Trim().Split("  ")[0]).ToList();
        Assert.Equal(printed, rows.Select(r => (string)r["申报编号"]!).ToList());
        Assert.True(rows.Count > 1);
        Assert.False(File.Exists(file + ".partial"));
        using var db = demo.Open();
        Assert.Contains(db.AuditTrail.AsNoTracking().ToList(), a => a.Action == AuditAction.Export && a.Details!.StartsWith($"命令行导出 what-if 结论改变的申报 {rows.Count} 行", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("iur-cooperation.iur-payment.minimun=0.5", "“iur-cooperation.iur-payment.minimun”没有对应的参数")]
    [InlineData("iur-cooperation.iur-payment.minimum=半数", "“minimum”应为数字，实际为“半数”")]
    [InlineData("minimum=0.5", "格式错误")]
    public void A_wrong_setting_is_refused_with_the_reason_and_exit_2(string setting, string message)
    {
        var run = CliRunner.Invoke("whatif", "--db", demo.Path, "--call", CallId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--set", setting);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void An_unknown_call_is_refused()
    {
        var run = CliRunner.Invoke("whatif", "--db", demo.Path, "--call", "999", "--set", "iur-cooperation.iur-payment.minimum=0.5");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("没有编号为 999 的批次", run.Error, StringComparison.Ordinal);
    }
}
