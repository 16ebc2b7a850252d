namespace Shenbao.Tests.Cli;

/// <summary>guide diff A B: what changed, area by area, with diff's exit codes (0 same, 1 changed, 2 a file that is not a guide).</summary>
public sealed class GuideDiffCommandTests
{
    private static string Copy(Func<string, string> edit)
    {
        var file = Path.Combine(Path.GetTempPath(), $"shenbao-guide-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, edit(File.ReadAllText(Paths.Guide)));
        return file;
    }

    [Fact]
    public void A_changed_year_and_threshold_are_printed_by_area_and_exit_1()
    {
        var edited = Copy(y => y.Replace("year: 2025", "year: 2026", StringComparison.Ordinal).Replace("        minimum: 0.2\n", "        minimum: 0.3\n", StringComparison.Ordinal));

        var run = CliRunner.Invoke("guide", "diff", Paths.Guide, edited);

        Assert.Equal(1, run.ExitCode);
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains("【指南】1 处", lines);
        Assert.Contains("  · 年度：2025 → 2026", lines);
        Assert.Contains("【参数】1 处", lines);
        Assert.Contains("  · 类别“四（一）产学研合作”的规则“合同支付比例”（iur-payment）的minimum：0.2 → 0.3", lines);
        Assert.Contains("共 2 处变化", lines);
    }

    [Fact]
    public void The_same_guide_twice_says_so_and_exits_0()
    {
        var run = CliRunner.Invoke("guide", "diff", Paths.Guide, Copy(y => y));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("两份指南的内容相同", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_valid_guide_names_its_errors_and_exits_2()
    {
        var broken = Copy(y => y.Replace("        minimum: 0.2\n", "        minimum: 两成\n", StringComparison.Ordinal));

        var run = CliRunner.Invoke("guide", "diff", Paths.Guide, broken);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("“minimum”应为数字，实际为“两成”", run.Error, StringComparison.Ordinal);
        Assert.Contains("指南无效，无法比较", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Invoke("guide", "diff", Paths.Guide, "/nonexistent/guide.yaml").ExitCode);
    }
}
