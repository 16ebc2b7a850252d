using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Data.Experts;
using Shenbao.Data.Exports;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Guides;

namespace Shenbao.Cli.Commands;

/// <summary>
/// export KIND [--db PATH] [--call ID] --out FILE.xlsx: the officials' lists as Excel, of one call or of every call —
/// applications (one row per application `applications --json` lists, drafts included), checks (every rule of every
/// submission as frozen), ranking (the experts' ranking, no expert named), experts (the pool, 身份证号 masked),
/// approved (the 立项 list). Audited like the pages' exports.
/// </summary>
public static class ExportCommand
{
    public const int Done = 0;
    public const int Failed = 2;

    public static readonly string[] Kinds = ["applications", "checks", "ranking", "experts", "approved"];

    public static Command Create()
    {
        var db = CliData.DbOption();
        var kind = new Argument<string>("KIND") { Description = "导出什么：applications（申报书）、checks（逐条资格检查结果）、ranking（专家评审排名）、experts（专家库，身份证号脱敏）、approved（立项名单）" };
        kind.AcceptOnlyFromAmong(Kinds);
        var call = new Option<int?>("--call") { Description = "只导出此批次（批次编号）；不给出时导出全部批次" };
        var output = new Option<FileInfo>("--out") { Description = "写入的 Excel 文件（.xlsx）", Required = true };
        var command = new Command("export", "导出 Excel") { kind, db, call, output };
        command.SetAction((result, ct) => ExportAsync(result.GetValue(kind)!, result.GetValue(db)!.FullName, result.GetValue(call), result.GetValue(output)!.FullName,
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, ct));
        return command;
    }

    public static async Task<int> ExportAsync(string kind, string dbPath, int? callId, string outPath, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!File.Exists(dbPath)) { error.WriteLine($"数据库 {dbPath} 不存在"); return Failed; }
        await using var db = CliData.Open(dbPath);
        if (callId is { } id && !await db.Calls.AnyAsync(c => c.Id == id, ct)) { error.WriteLine($"没有编号为 {id} 的批次"); return Failed; }
        var calls = await db.Calls.AsNoTracking().Where(c => callId == null || c.Id == callId).OrderBy(c => c.Id).ToListAsync(ct);
        var known = (await CliData.GuidesAsync(db, ct)).ToDictionary(g => g.Id);
        var guides = new Dictionary<int, Guide>();
        foreach (var call in calls)
        {
            if (!known.TryGetValue(call.GuideId, out var guide)) { error.WriteLine($"批次 {call.Id} 的指南 {call.GuideId} 不在 guides 文件夹或数据库中"); return Failed; }
            guides[call.Id] = guide;
        }
        var applications = db.Applications.Where(a => callId == null || a.CallId == callId);
        var counted = new RowCounter();
        var sheet = "";
        // written beside the target and moved into place: a failed export leaves no half-written workbook
        await CliData.WriteWholeAsync(outPath, async file =>
        {
            // the lists of applications stream from the database; the pool and the ranking are small and read whole
            (string Sheet, IReadOnlyList<Column> Columns, IEnumerable<object?[]> Rows)? table = kind switch
            {
                "applications" => ("申报书", ApplicationSheets.ApplicationColumns, ApplicationSheets.Applications(applications, guides)),
                "checks" => ("资格检查结果", ApplicationSheets.CheckColumns, ApplicationSheets.Checks(db, applications, guides)),
                "approved" => ("立项名单", ApplicationSheets.ApprovedColumns, ApplicationSheets.Approved(applications, guides)),
                _ => null,
            };
            switch (kind)
            {
                case "applications" or "checks" or "approved":
                    sheet = table!.Value.Sheet;
                    await ExcelSheet.WriteAsync(file, sheet, table.Value.Columns, counted.Of(table.Value.Rows), ct);
                    break;
                case "experts":
                    sheet = "专家库";
                    var pool = await ExpertPool.SheetAsync(db, ct);
                    counted.Add(pool.Count);
                    await ExpertPool.WriteAsync(file, pool, sheet, ct);
                    break;
                default:
                    sheet = "评审排名";
                    var ranking = new List<Dictionary<string, object?>>();
                    foreach (var call in calls) ranking.AddRange(ReviewRounds.RankingSheet(call.Title, await ReviewRounds.RankingAsync(db, call.Id, guides[call.Id], ct)));
                    counted.Add(ranking.Count);
                    await ExpertPool.WriteAsync(file, ranking, sheet, ct);
                    break;
            }
        });
        db.Audit(new AuditEntry
        {
            At = TimeProvider.System.GetUtcNow(), UserName = Environment.UserName, Action = AuditAction.Export,
            ObjectType = kind == "experts" ? AuditEntry.Objects.Expert : AuditEntry.Objects.Call,
            ObjectId = callId?.ToString(System.Globalization.CultureInfo.InvariantCulture), Outcome = AuditOutcome.Success,
            Details = $"命令行导出{sheet} {counted.Count} 行{(callId is null ? "（全部批次）" : "")}",
        });
        await db.SaveChangesAsync(ct);
        output.WriteLine($"已导出{sheet} {counted.Count} 行到 {outPath}");
        return Done;
    }
}
