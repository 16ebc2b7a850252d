using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;

namespace Shenbao.Cli.Commands;

/// <summary>
/// applications [--db PATH] [--call ID] [--json]: every application (drafts included) of one call or of all, with its
/// number, title, organisation, category, status (the workflow's ids) and submission time; for scripts with --json.
/// </summary>
public static class ApplicationsCommand
{
    public const int Listed = 0;
    public const int Failed = 2;

    public static Command Create()
    {
        var db = new Option<FileInfo>("--db") { Description = "SQLite 数据库文件（默认 ./data/shenbao.db）", DefaultValueFactory = _ => new FileInfo("./data/shenbao.db") };
        var call = new Option<int?>("--call") { Description = "只列出此批次（批次编号）；不给出时列出全部批次" };
        var json = new Option<bool>("--json") { Description = "以 JSON 数组输出（供脚本使用）" };
        var command = new Command("applications", "列出申报书（含草稿）：编号、名称、单位、类别、状态、提交时间") { db, call, json };
        command.SetAction((result, ct) => ListAsync(result.GetValue(db)!.FullName, result.GetValue(call), result.GetValue(json), result.InvocationConfiguration.Output, ct));
        return command;
    }

    public static async Task<int> ListAsync(string dbPath, int? callId, bool asJson, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(dbPath))
        {
            output.WriteLine($"数据库 {dbPath} 不存在");
            return Failed;
        }
        await using var db = DataServices.Create("Sqlite", $"Data Source={dbPath};Mode=ReadOnly");
        if (callId is { } id && !await db.Calls.AnyAsync(c => c.Id == id, ct))
        {
            output.WriteLine($"没有编号为 {id} 的批次");
            return Failed;
        }
        var rows = await db.Applications.AsNoTracking()
            .Where(a => callId == null || a.CallId == callId)
            .OrderBy(a => a.Number)
            .Select(a => new { a.Number, a.Title, Organisation = a.Organisation.Name, a.Category, a.Status, a.SubmittedAt, a.CallId })
            .ToListAsync(ct);
        if (asJson)
        {
            var array = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
            {
                ["number"] = r.Number, ["title"] = r.Title, ["organisation"] = r.Organisation, ["category"] = r.Category,
                ["status"] = Workflow.Id(r.Status), ["submittedAt"] = r.SubmittedAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["call"] = r.CallId,
            }).ToArray());
            output.WriteLine(array.ToJsonString(CheckJson.Indented));
            return Listed;
        }
        foreach (var r in rows)
            output.WriteLine($"{r.Number}\t{Workflow.Label(r.Status)}\t{r.Organisation}\t{r.Title ?? "（未命名）"}\t{(r.SubmittedAt is { } at ? ChinaTime.Describe(at) : "未提交")}");
        output.WriteLine($"共 {rows.Count} 份申报书");
        return Listed;
    }
}
