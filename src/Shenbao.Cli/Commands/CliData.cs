using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
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
}
