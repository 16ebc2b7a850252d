using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Cli;

/// <summary>export KIND on the demo database: each sheet read back against the database and `applications --json`.</summary>
public sealed class ExportCommandTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private List<IDictionary<string, object?>> Export(params string[] args)
    {
        var file = demo.File($"{args[0]}-{Guid.NewGuid():N}.xlsx");
        var run = CliRunner.Invoke(["export", .. args, "--db", demo.Path, "--out", file]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.False(File.Exists(file + ".partial"));
        return ExpertSheets.Read(File.ReadAllBytes(file));
    }

    [Fact]
    public void Applications_are_one_row_for_each_application_the_list_command_prints_on_the_first_sheet()
    {
        var listed = JsonNode.Parse(CliRunner.Invoke("applications", "--db", demo.Path, "--json").Output)!.AsArray();

        var rows = Export("applications");

        Assert.Equal(listed.Select(a => a!["number"]!.GetValue<string>()), rows.Select(r => (string)r["申报编号"]!));
        Assert.Equal(listed.Select(a => a!["title"]?.GetValue<string>()), rows.Select(r => (string?)r["项目名称"]));
        Assert.Contains(rows, r => (string)r["状态"]! == "草稿");
    }

    [Fact]
    public void Checks_are_every_rule_of_every_submission_as_frozen()
    {
        var rows = Export("checks");

        using var db = demo.Open();
        var latest = db.Snapshots.AsNoTracking().AsEnumerable().GroupBy(s => s.ApplicationId).Select(g => g.OrderBy(s => s.Id).Last().ToSnapshot()).ToList();
        Assert.Equal(latest.Sum(s => s.RuleResults.Count), rows.Count);
        Assert.Equal(latest.Select(s => s.ReceiptNo).Order(StringComparer.Ordinal), rows.Select(r => (string)r["回执号"]!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Approved_is_the_list_of_approved_projects_with_their_amounts()
    {
        var rows = Export("approved");

        using var db = demo.Open();
        var approved = db.Applications.AsNoTracking().Where(a => a.Status == ApplicationStatus.Approved).ToList();
        Assert.Equal(approved.Select(a => a.Number), rows.Select(r => (string)r["申报编号"]!));
        Assert.Equal(approved.Select(a => a.ProposedAmount), rows.Select(r => r["资助金额（元）"] is { } v ? Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture) : (decimal?)null));
    }

    [Fact]
    public void One_call_is_exported_on_its_own_and_the_export_is_audited()
    {
        using var db = demo.Open();
        var call = db.Calls.AsNoTracking().Single().Id;

        var rows = Export("applications", "--call", call.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(db.Applications.Count(a => a.CallId == call), rows.Count);
        Assert.Contains(db.AuditTrail.AsNoTracking().AsEnumerable(), e => e.Action == AuditAction.Export && e.Details == $"命令行导出申报书 {rows.Count} 行");
    }

    [Fact]
    public void An_unknown_call_or_kind_writes_nothing()
    {
        var file = demo.File("refused.xlsx");

        var unknownCall = CliRunner.Invoke("export", "applications", "--db", demo.Path, "--call", "999", "--out", file);
        var unknownKind = CliRunner.Invoke("export", "everything", "--db", demo.Path, "--out", file);

        Assert.Equal(2, unknownCall.ExitCode);
        Assert.Contains("没有编号为 999 的批次", unknownCall.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, unknownKind.ExitCode);
        Assert.False(File.Exists(file));
    }
}
