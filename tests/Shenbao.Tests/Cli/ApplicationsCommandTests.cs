using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Shenbao.Tests.Cli;

/// <summary>applications --json on the demo database: every application with the workflow's status ids, for scripts.</summary>
public sealed class ApplicationsCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("shenbao-applications-").FullName;
    private readonly string database;

    public ApplicationsCommandTests()
    {
        database = Path.Combine(folder, "shenbao.db");
        Assert.Equal(0, CliRunner.Invoke("demo", "--db", database).ExitCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Every_application_is_listed_with_its_number_status_id_and_submission_time()
    {
        var run = CliRunner.Invoke("applications", "--db", database, "--json");

        Assert.Equal(0, run.ExitCode);
        var rows = JsonNode.Parse(run.Output)!.AsArray();
        using var db = Shenbao.Data.DataServices.Create("Sqlite", $"Data Source={database}");
        Assert.Equal(db.Applications.Count(), rows.Count);
        var submitted = rows.Single(r => r!["status"]!.GetValue<string>() == "submitted" && r["organisation"]!.GetValue<string>() == "衡阳智衡计量科技有限公司")!;
        // the demo has an application in every status
        Assert.Equal(Enum.GetValues<Shenbao.Domain.Applications.ApplicationStatus>().Select(Shenbao.Domain.Applications.Workflow.Id).Order(),
            rows.Select(r => r!["status"]!.GetValue<string>()).Distinct().Order());
        Assert.Equal("衡阳智衡计量科技有限公司", submitted["organisation"]!.GetValue<string>());
        Assert.Equal("iur-cooperation", submitted["category"]!.GetValue<string>());
        Assert.Matches(@"^HENGYANG-2025-\d{5}$", submitted["number"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", submitted["submittedAt"]!.GetValue<string>());
        Assert.Contains(rows, r => r!["status"]!.GetValue<string>() == "draft" && r["submittedAt"] is null);
        Assert.All(rows, r => Assert.NotNull(Shenbao.Domain.Applications.Workflow.FromId(r!["status"]!.GetValue<string>())));
    }

    [Fact]
    public void A_call_that_does_not_exist_is_an_error_and_one_that_does_filters()
    {
        Assert.Equal(2, CliRunner.Invoke("applications", "--db", database, "--call", "999", "--json").ExitCode);
        var run = CliRunner.Invoke("applications", "--db", database, "--call", "1", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.All(JsonNode.Parse(run.Output)!.AsArray(), r => Assert.Equal(1, r!["call"]!.GetValue<int>()));
    }

    [Fact]
    public void Without_json_it_prints_a_table_in_chinese_with_a_count()
    {
        var run = CliRunner.Invoke("applications", "--db", database);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("已提交", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"共 \d+ 份申报书", run.Output);
    }
}
