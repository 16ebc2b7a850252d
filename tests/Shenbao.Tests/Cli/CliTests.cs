namespace Shenbao.Tests.Cli;

public sealed class CliTests
{
    private static string Example(string name) => Path.Combine(Paths.Examples, name);

    [Fact]
    public void Several_files_print_json_lines_with_their_file_and_exit_2_when_any_has_input_errors()
    {
        var run = CliRunner.Invoke("check", Example("major-project-eligible.json"), Example("input-error-credit-code.json"), Example("basic-research-quota-reached.json"));

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(3, lines.Count);
        Assert.EndsWith("major-project-eligible.json", (string)lines[0]["file"]!, StringComparison.Ordinal);
        Assert.Equal("eligible", (string)lines[0]["verdict"]!);
        Assert.Equal("applicant.creditCode", (string)lines[1]["errors"]![0]!["path"]!);
        Assert.Equal("ineligible", (string)lines[2]["verdict"]!);
    }

    [Fact]
    public void Several_valid_files_exit_0()
    {
        var run = CliRunner.Invoke("check", Example("major-project-eligible.json"), Example("key-rd-university-eligible.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_missing_file_is_an_input_error()
    {
        var run = CliRunner.Invoke("check", "/nonexistent/application.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("文件不存在", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_runs_a_what_if_check()
    {
        var file = Path.Combine(Path.GetTempPath(), $"shenbao-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, Requests.For("achievement-transfer").Set("applicant.finance.2024.revenue", 9_000_000).ToJsonString());
        try
        {
            var shipped = CliRunner.Invoke("check", file);
            var whatIf = CliRunner.Invoke("check", file, "--set", "achievement-transfer.transfer-revenue.minimum=8000000");

            Assert.Equal("ineligible", (string)JsonNode.Parse(shipped.Output)!["verdict"]!);
            Assert.Equal("eligible", (string)JsonNode.Parse(whatIf.Output)!["verdict"]!);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("achievement-transfer.transfer-revenue.minimun=8000000", "没有对应的参数")]
    [InlineData("minimum=8000000", "格式错误")]
    public void A_wrong_set_exits_1_with_the_reason(string setting, string fragment)
    {
        var run = CliRunner.Invoke("check", Example("major-project-eligible.json"), "--set", setting);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(fragment, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Guide_validate_accepts_the_shipped_guide()
    {
        var run = CliRunner.Invoke("guide", "validate", Paths.Guide);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("指南有效", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Guide_validate_exits_1_with_file_and_line_of_each_error()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"shenbao-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(broken, File.ReadAllText(Paths.Guide).Replace("kind: count-in-years", "kind: count-in-yrs", StringComparison.Ordinal));
        try
        {
            var run = CliRunner.Invoke("guide", "validate", broken);

            Assert.Equal(1, run.ExitCode);
            Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(broken)}:\d+: .*规则类型“count-in-yrs”未知", run.Error);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void Guide_show_prints_categories_fields_and_rules_in_chinese()
    {
        var run = CliRunner.Invoke("guide", "show", Paths.Guide);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("五、示范性科技成果转化项目（achievement-transfer）", run.Output, StringComparison.Ordinal);
        Assert.Contains("支持领域（农业）：现代种业创新", run.Output, StringComparison.Ordinal);
        Assert.Contains("transfer-contributors [不满足时提示，须说明理由] —— 五、支持对象2", run.Output, StringComparison.Ordinal);
    }
}

public sealed class DemoCommandTests
{
    [Fact]
    public void Demo_creates_the_demo_database_once()
    {
        var folder = Directory.CreateTempSubdirectory("shenbao-demo-").FullName;
        var file = Path.Combine(folder, "demo.db");
        try
        {
            var first = CliRunner.Invoke("demo", "--db", file);
            var second = CliRunner.Invoke("demo", "--db", file);

            Assert.Equal(0, first.ExitCode);
            Assert.Contains("已创建演示数据库", first.Output, StringComparison.Ordinal);
            Assert.Contains("未重复写入", second.Output, StringComparison.Ordinal);
            using var db = Shenbao.Data.DataServices.Create("Sqlite", $"Data Source={file}");
            Assert.Equal(1, db.Calls.Count());
            Assert.Equal(3, db.Organisations.Count());
            Assert.Equal(Shenbao.Data.Demo.DemoData.Accounts.Count, db.Users.Count());
            Assert.Equal(8, db.Roles.Count());
            Assert.Contains(db.Applications, a => a.Status == Shenbao.Domain.Applications.ApplicationStatus.Submitted);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
