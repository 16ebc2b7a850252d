using System.CommandLine;
using Shenbao.Domain.Guides;

namespace Shenbao.Cli.Commands;

/// <summary>guide validate FILE (exit 1 with every error) and guide show FILE (the guide in Chinese, for a terminal).</summary>
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

        return new Command("guide", "指南文件：校验与查看") { validate, show };
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
