using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Data.Exports;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Guides;

namespace Shenbao.Cli.Commands;

/// <summary>What the commands that read the site's database share: the --db option, opening it, and the guides its calls name.</summary>
public static class CliData
{
    public static Option<FileInfo> DbOption() =>
        new("--db") { Description = "SQLite 数据库文件（默认 ./data/shenbao.db）", DefaultValueFactory = _ => new FileInfo("./data/shenbao.db") };

    /// <summary>The database beside its audit head file, as the site writes it.</summary>
    public static AppDbContext Open(string dbPath) =>
        DataServices.Create("Sqlite", $"Data Source={dbPath}", Shenbao.Data.Audit.AuditHeadFile.For(Path.GetDirectoryName(Path.GetFullPath(dbPath))!));

    /// <summary>The guides shipped beside the program and those the bureau imported into the database.</summary>
    public static async Task<List<Guide>> GuidesAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var folder = Path.GetDirectoryName(ShenbaoCommand.DefaultGuidePath)!;
        var guides = Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Select(path => GuideLoader.LoadValidFile(path)).ToList();
        foreach (var stored in await db.StoredGuides.AsNoTracking().ToListAsync(ct))
            if (GuideLoader.Load(stored.Yaml, stored.GuideId) is GuideLoad.Loaded { Guide: var guide } && guides.All(g => g.Id != guide.Id)) guides.Add(guide);
        return guides;
    }

    /// <summary>
    /// The call a command works on (the one numbered, or without a number the newest) and its guide; null, with the
    /// reason written to <paramref name="error"/>, when there is no such call or its guide is not known.
    /// </summary>
    public static async Task<(FundingCall Call, Guide Guide)?> CallAsync(AppDbContext db, int? callId, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(error);
        var calls = db.Calls.AsNoTracking();
        if (await (callId is { } id ? calls.Where(c => c.Id == id) : calls.OrderByDescending(c => c.OpensAt)).FirstOrDefaultAsync(ct) is not { } call)
        {
            error.WriteLine(callId is null ? "数据库中还没有申报批次" : $"没有编号为 {callId} 的批次");
            return null;
        }
        if ((await GuidesAsync(db, ct)).FirstOrDefault(g => g.Id == call.GuideId) is not { } guide)
        {
            error.WriteLine($"批次 {call.Id} 的指南 {call.GuideId} 不在 guides 文件夹或数据库中");
            return null;
        }
        return (call, guide);
    }

    /// <summary>Writes a file beside <paramref name="outPath"/> and moves it into place: a failed write leaves no half-written file.</summary>
    public static async Task WriteWholeAsync(string outPath, Func<Stream, Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var partial = outPath + ".partial";
        await using (var file = File.Create(partial))
            await write(file);
        File.Move(partial, outPath, overwrite: true);
    }

    /// <summary>
    /// Writes one sheet to <paramref name="outPath"/> (beside it first, then moved into place: a failed write leaves no
    /// half-written workbook) and records the export in the audit trail against the call.
    /// </summary>
    public static async Task WriteSheetAsync(AppDbContext db, string outPath, string sheet, IReadOnlyList<Column> columns, IReadOnlyList<object?[]> rows,
        int callId, string details, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await WriteWholeAsync(outPath, file => ExcelSheet.WriteAsync(file, sheet, columns, rows, ct));
        db.Audit(new AuditEntry
        {
            At = TimeProvider.System.GetUtcNow(), UserName = Environment.UserName, Action = AuditAction.Export, ObjectType = AuditEntry.Objects.Call,
            ObjectId = callId.ToString(System.Globalization.CultureInfo.InvariantCulture), Outcome = AuditOutcome.Success, Details = details,
        });
        await db.SaveChangesAsync(ct);
    }
}
