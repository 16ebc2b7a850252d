using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.TechSme;

namespace Shenbao.Cli.Commands;

/// <summary>
/// tech-sme FILE: the 科技型中小企业 self-assessment of spec/tech-sme.md. Exit 0 with the response, 2 with every input
/// error and its path, 1 when the standard's file does not validate or the request is not JSON.
/// </summary>
public static class TechSmeCommand
{
    public static string DefaultStandardPath { get; } = Path.Combine(AppContext.BaseDirectory, "standards", "tech-sme-2017.yaml");

    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "自评数据 JSON 文件（见 spec/tech-sme.md）" };
        var standard = new Option<FileInfo?>("--standard") { Description = "评价标准文件（默认：随程序发布的《科技型中小企业评价办法》）" };
        var command = new Command("tech-sme", "按《科技型中小企业评价办法》自评，输出结论 JSON") { file, standard };
        command.SetAction(result => Run(result.GetValue(file)!.FullName, result.GetValue(standard)?.FullName ?? DefaultStandardPath,
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string path, string standardPath, TextWriter output, TextWriter error)
    {
        var loaded = StandardLoader.LoadFile(standardPath);
        if (loaded is StandardLoader.Result.Invalid invalid)
        {
            foreach (var problem in invalid.Errors) error.WriteLine(problem);
            return CheckCommand.GuideProblem;
        }
        var standard = ((StandardLoader.Result.Valid)loaded).Standard;
        if (!File.Exists(path))
        {
            error.WriteLine($"文件 {path} 不存在");
            return CheckCommand.GuideProblem;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            output.WriteLine(new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["path"] = "", ["message"] = $"不是有效的 JSON：{e.Message}" }) }.ToJsonString(CheckJson.Indented));
            return CheckCommand.InputErrors;
        }
        using (document)
        {
            var read = TechSmeContract.ReadRequest(document.RootElement, standard);
            if (read.Facts is not { } facts)
            {
                output.WriteLine(new JsonObject { ["errors"] = new JsonArray(read.Errors.Select(e => (JsonNode)new JsonObject { ["path"] = e.Path, ["message"] = e.Message }).ToArray()) }.ToJsonString(CheckJson.Indented));
                return CheckCommand.InputErrors;
            }
            output.WriteLine(TechSmeContract.Response(Evaluation.Assess(standard, facts)).ToJsonString(CheckJson.Indented));
            return CheckCommand.Evaluated;
        }
    }
}
