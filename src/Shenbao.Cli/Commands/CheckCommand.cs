using System.CommandLine;
using System.Text.Json;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Cli.Commands;

/// <summary>
/// check FILE...: the eligibility contract. One file prints its response; several print JSON Lines with a "file"
/// field. Exit 0 when every file was evaluated, 2 when any had input errors, 1 when the guide or --set is wrong.
/// </summary>
public static class CheckCommand
{
    public const int Evaluated = 0;
    public const int GuideProblem = 1;
    public const int InputErrors = 2;

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "申报数据 JSON 文件（见 spec/eligibility.md）" };
        var guide = new Option<FileInfo?>("--guide") { Description = "指南文件（默认：随程序发布的 2025 年指南）" };
        var set = new Option<string[]>("--set")
        {
            Description = "what-if 参数覆盖：类别.规则[.子规则].参数=值，可重复，如 achievement-transfer.transfer-revenue.minimum=8000000",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("check", "按指南检查申报资格，输出结论 JSON") { files, guide, set };
        command.SetAction(result => Run(
            result.GetValue(files) ?? [],
            result.GetValue(guide)?.FullName ?? ShenbaoCommand.DefaultGuidePath,
            result.GetValue(set) ?? [],
            ChinaTime.DateOf(DateTimeOffset.UtcNow),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(IReadOnlyList<FileInfo> files, string guidePath, IReadOnlyList<string> settings, DateOnly today, TextWriter output, TextWriter error)
    {
        if (LoadGuide(guidePath, settings, error) is not { } guide) return GuideProblem;

        var status = Evaluated;
        foreach (var file in files)
        {
            var answer = file.Exists
                ? CheckAnswer.For(File.ReadAllBytes(file.FullName), guide, today)
                : new CheckAnswer.Rejected([new InputError("", $"无法读取文件“{file.FullName}”：文件不存在")]);
            if (answer is CheckAnswer.Rejected) status = InputErrors;
            output.WriteLine(files.Count == 1 ? Single(answer) : Line(file.ToString(), answer));
        }
        return status;
    }

    /// <summary>Loads the guide with the what-if overrides, writing every problem to <paramref name="error"/>.</summary>
    public static Guide? LoadGuide(string guidePath, IReadOnlyList<string> settings, TextWriter error)
    {
        var (overrides, problems) = GuideLoader.ParseOverrides(settings);
        foreach (var problem in problems) error.WriteLine(problem);
        if (problems.Count > 0) return null;
        switch (GuideLoader.LoadFile(guidePath, overrides))
        {
            case GuideLoad.Loaded loaded:
                return loaded.Guide;
            case GuideLoad.Invalid invalid:
                foreach (var e in invalid.Errors) error.WriteLine(e);
                return null;
            default:
                throw new System.Diagnostics.UnreachableException();
        }
    }

    private static string Single(CheckAnswer answer) => answer switch
    {
        CheckAnswer.Evaluated e => JsonSerializer.Serialize(e.Response, CheckJson.Indented),
        CheckAnswer.Rejected r => JsonSerializer.Serialize(new ErrorsResponse(r.Errors), CheckJson.Indented),
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    private static string Line(string file, CheckAnswer answer) => answer switch
    {
        CheckAnswer.Evaluated e => JsonSerializer.Serialize(new { file, e.Response.Category, e.Response.Verdict, e.Response.Rules }, CheckJson.Options),
        CheckAnswer.Rejected r => JsonSerializer.Serialize(new { file, r.Errors }, CheckJson.Options),
        _ => throw new System.Diagnostics.UnreachableException(),
    };
}
