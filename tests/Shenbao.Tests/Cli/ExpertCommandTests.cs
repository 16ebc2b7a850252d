using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Cli;

/// <summary>
/// experts import / export experts / export ranking on the demo database: a file with any bad row imports nothing and
/// exits 1 with every error; a good one adds experts and accounts, audited; the exports read back, 身份证号 masked and
/// no expert named in the ranking.
/// </summary>
public sealed class ExpertCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("shenbao-experts-").FullName;
    private readonly string database;

    public ExpertCommandTests()
    {
        database = Path.Combine(folder, "shenbao.db");
        Assert.Equal(0, CliRunner.Invoke("demo", "--db", database).ExitCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private AppDbContext Db() => DataServices.Create("Sqlite", $"Data Source={database}");

    [Fact]
    public void A_file_with_one_bad_row_imports_nothing_and_exits_1_naming_the_row()
    {
        using (var db = Db()) Assert.Equal(8, db.Experts.Count());
        var file = Write("bad.xlsx", ExpertSheets.Xlsx(
            ExpertSheets.Row("蒋十三", "43040419700909801", "jiang13@example.com"),
            ExpertSheets.Row("沈十四", "43040419701010901", "shen14@example", fields: "中医")));
        var run = CliRunner.Invoke("experts", "import", "--db", database, file);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("第3行：专业领域“中医”不是指南的支持领域，是否为“中医药”？", run.Error, StringComparison.Ordinal);
        Assert.Contains("第3行：邮箱“shen14@example”格式不正确", run.Error, StringComparison.Ordinal);
        Assert.Contains("未导入任何专家", run.Error, StringComparison.Ordinal);
        using var after = Db();
        Assert.Equal(8, after.Experts.Count());
        Assert.DoesNotContain(after.Users, u => u.Email == "jiang13@example.com");
    }

    [Fact]
    public void A_good_file_adds_experts_with_accounts_and_the_export_masks_them()
    {
        var file = Write("good.xlsx", ExpertSheets.Xlsx(ExpertSheets.Row("韩十五", "43040419711111101", "han15@example.com", fields: "中医药；生物医药")));
        var run = CliRunner.Invoke("experts", "import", "--db", database, file);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("已导入 1 位专家", run.Output, StringComparison.Ordinal);
        using (var db = Db())
        {
            var han = db.Experts.Include(e => e.User).Single(e => e.Email == "han15@example.com");
            Assert.Equal(["中医药", "生物医药"], han.FieldList);
            Assert.Null(han.InvitedAt);   // the running site sends the link
            Assert.Contains(db.AuditTrail, r => r.Action == AuditAction.ExpertImport && r.Details!.Contains("命令行导入专家 1 人", StringComparison.Ordinal));
        }
        Assert.Equal(0, CliRunner.Invoke("audit", "verify", "--db", database).ExitCode);

        var export = Path.Combine(folder, "experts.xlsx");
        Assert.Equal(0, CliRunner.Invoke("export", "experts", "--db", database, "--out", export).ExitCode);
        var rows = ExpertSheets.Read(File.ReadAllBytes(export));
        Assert.Equal(9, rows.Count);
        Assert.All(rows, r => Assert.Matches(@"^\d{6}\*{8}\d{3}[\dX]$", (string)r["身份证号"]!));
        Assert.Equal("中医药、生物医药", rows.Single(r => (string?)r["姓名"] == "韩十五")["专业领域"]);
    }

    [Fact]
    public void The_ranking_exports_every_reviewed_application_with_its_score_and_flags_and_no_expert()
    {
        var out1 = Path.Combine(folder, "ranking.xlsx");
        var run = CliRunner.Invoke("export", "ranking", "--db", database, "--call", "1", "--out", out1);
        Assert.Equal(0, run.ExitCode);
        var rows = ExpertSheets.Read(File.ReadAllBytes(out1));
        var food = rows.Single(r => (string?)r["项目名称"] == "食品安全快速检测试剂盒开发");
        Assert.Equal(65d, Convert.ToDouble(food["得分"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("离群分", food["需关注"]);
        Assert.Equal("缺评", rows.Single(r => (string?)r["项目名称"] == "生物医药中间体绿色合成")["需关注"]);
        Assert.Equal(1d, Convert.ToDouble(rows.Single(r => (string?)r["项目名称"] == "智能农机北斗导航作业系统")["排名"], System.Globalization.CultureInfo.InvariantCulture));
        using var db = Db();
        var names = db.Experts.Select(e => e.Name).ToList();
        Assert.DoesNotContain(rows.SelectMany(r => r.Values).OfType<string>(), v => names.Any(n => v.Contains(n, StringComparison.Ordinal)));
        // the same without --call: every call
        var all = Path.Combine(folder, "all.xlsx");
        Assert.Equal(0, CliRunner.Invoke("export", "ranking", "--db", database, "--out", all).ExitCode);
        Assert.Equal(rows.Count, ExpertSheets.Read(File.ReadAllBytes(all)).Count);
    }

    [Fact]
    public void A_missing_file_or_an_unknown_call_exits_2_and_an_unknown_kind_is_refused()
    {
        Assert.Equal(2, CliRunner.Invoke("experts", "import", "--db", database, Path.Combine(folder, "none.xlsx")).ExitCode);
        Assert.Equal(2, CliRunner.Invoke("export", "ranking", "--db", database, "--call", "99", "--out", Path.Combine(folder, "x.xlsx")).ExitCode);
        Assert.NotEqual(0, CliRunner.Invoke("export", "secrets", "--db", database, "--out", Path.Combine(folder, "x.xlsx")).ExitCode);
    }
}
