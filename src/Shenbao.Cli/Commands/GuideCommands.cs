using System.CommandLine;
using Shenbao.Domain.Guides;

namespace Shenbao.Cli.Commands;

/// <summary>guide validate FILE (exit 1 with every error), guide show FILE (the guide in Chinese, for a terminal) and guide diff A B (what changed).</summary>
public static class GuideCommands
{
    public static Command Create()
    {
        var validateFile = new Argument<FileInfo>("FILE") { Description = "指南文件（YAML）" };
        var validate = new Command("validate", "校验指南文件，列出全部错误及其行号") { validateFile };
        validate.SetAction(result => Validate(result.GetValue(validateFile)!.FullName, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));

        var showFile = new Argument<FileInfo>("FILE") { Description = "指南文件（YAML）" };
        var show = new Command("show", "以中文显示指南的类别、支持领域和规则") { showFile };
        show.SetAction(result => Show(result.GetValue(showFile)!.FullName, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));

        var before = new Argument<FileInfo>("A") { Description = "原指南文件（YAML），如 2025 年指南" };
        var after = new Argument<FileInfo>("B") { Description = "新指南文件（YAML），如 2026 年指南" };
        var diff = new Command("diff", "比较两份指南：类别、支持领域、规则及其参数、条款、附件、表单、评分标准的变化（退出码 0 相同，1 有变化，2 文件无效）") { before, after };
        diff.SetAction(result => Diff(result.GetValue(before)!.FullName, result.GetValue(after)!.FullName, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));

        return new Command("guide", "指南文件：校验、查看与比较") { validate, show, diff };
    }

    public const int Same = 0;
    public const int Different = 1;
    public const int Unreadable = 2;

    /// <summary>What changed from guide A to guide B, area by area; exit 0 when nothing did, 1 when something did, 2 when either file is not a valid guide.</summary>
    public static int Diff(string beforePath, string afterPath, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var loaded = new List<Guide>();
        foreach (var path in new[] { beforePath, afterPath })
            switch (GuideLoader.LoadFile(path))
            {
                case GuideLoad.Loaded { Guide: var guide }:
                    loaded.Add(guide);
                    break;
                case GuideLoad.Invalid { Errors: var errors }:
                    foreach (var e in errors) error.WriteLine(e);
                    error.WriteLine($"指南无效，无法比较：{path}（共 {errors.Count} 处错误）");
                    return Unreadable;
            }
        var changes = GuideDiff.Between(loaded[0], loaded[1]);
        output.WriteLine($"指南对比：{Path.GetFileName(beforePath)}（{loaded[0].Id}，版本 {loaded[0].Version}）→ {Path.GetFileName(afterPath)}（{loaded[1].Id}，版本 {loaded[1].Version}）");
        if (changes.Count == 0)
        {
            output.WriteLine("两份指南的内容相同");
            return Same;
        }
        foreach (var area in changes.GroupBy(c => c.Area))
        {
            output.WriteLine();
            output.WriteLine($"【{area.Key}】{area.Count()} 处");
            foreach (var change in area) output.WriteLine($"  · {change.Describe().ReplaceLineEndings(" ")}");
        }
        output.WriteLine();
        output.WriteLine($"共 {changes.Count} 处变化");
        return Different;
    }

    public static int Validate(string path, TextWriter output, TextWriter error)
    {
        switch (GuideLoader.LoadFile(path))
        {
            case GuideLoad.Loaded { Guide: var guide }:
                output.WriteLine($"指南有效：{guide.Title}（{guide.Id}，版本 {guide.Version}），{guide.Categories.Count} 个类别，{guide.Categories.Sum(c => c.Rules.Count)} 条规则，{guide.Clauses.Count} 个条款");
                return 0;
            case GuideLoad.Invalid { Errors: var errors }:
                foreach (var e in errors) error.WriteLine(e);
                error.WriteLine($"指南无效：共 {errors.Count} 处错误");
                return 1;
            default:
                throw new System.Diagnostics.UnreachableException();
        }
    }

    public static int Show(string path, TextWriter output, TextWriter error)
    {
        if (GuideLoader.LoadFile(path) is not GuideLoad.Loaded { Guide: var guide })
            return Validate(path, output, error);
        output.WriteLine($"{guide.Title}");
        output.WriteLine($"{guide.City} · {guide.Year}年度 · 版本 {guide.Version} · {guide.Id}");
        foreach (var category in guide.Categories)
        {
            output.WriteLine();
            output.WriteLine($"{category.Name}（{category.Id}）");
            foreach (var group in category.FieldGroups)
                output.WriteLine($"  支持领域{(group.Domain is null ? "" : $"（{group.Domain}）")}：{string.Join("、", group.Fields)}");
            if (category.Attachments.Count > 0)
                output.WriteLine($"  附件：{string.Join("、", category.Attachments.Select(a => guide.AttachmentTypes[a]))}");
            output.WriteLine("  规则：");
            foreach (var rule in category.Rules)
            {
                var severity = rule.Severity switch { Domain.Eligibility.Severity.Warn => "不满足时提示，须说明理由", Domain.Eligibility.Severity.Manual => "人工判断", _ => "不满足即不予受理" };
                output.WriteLine($"    · {rule.Id} [{severity}] —— {rule.Clause}");
                if (guide.FindClause(rule.Clause) is { } clause)
                    output.WriteLine($"      “{clause.Text.ReplaceLineEndings(" ")}”");
            }
        }
        return 0;
    }
}
