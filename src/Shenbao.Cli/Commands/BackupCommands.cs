using System.CommandLine;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Data.Backups;
using Shenbao.Domain.Audit;

namespace Shenbao.Cli.Commands;

/// <summary>
/// backup [--data DIR] [--db PATH | --postgres CS] --out DIR: a consistent copy of a site while it runs (the database, the audit
/// head, the Data Protection keys, every stored file with its hash). restore --from DIR [--data DIR] [--db PATH]: checks
/// the whole backup, then puts it into a fresh data folder (and, for PostgreSQL, a new database). Exit 0, or 1 saying why and having changed nothing.
/// </summary>
public static class BackupCommands
{
    public const int Done = 0;
    public const int Refused = 1;

    public static IEnumerable<Command> Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "站点的数据目录（默认 ./data）", DefaultValueFactory = _ => new DirectoryInfo("./data") };
        var db = new Option<FileInfo?>("--db") { Description = "SQLite 数据库文件（默认：数据目录下的 shenbao.db）" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL 连接字符串（代替 --db；备份用 pg_dump，恢复用 pg_restore 写入新的数据库）" };
        var output = new Option<DirectoryInfo>("--out") { Description = "备份写入的目录（须为新的或空的目录）", Required = true };
        var backup = new Command("backup", "备份：在站点运行时取得数据库、审计链头、密钥和全部附件的一致副本") { data, db, postgres, output };
        backup.SetAction((result, ct) => TakeAsync(result.GetValue(data)!.FullName, result.GetValue(db)?.FullName, result.GetValue(postgres), result.GetValue(output)!.FullName,
            result.InvocationConfiguration.Output, TimeProvider.System, ct));

        var from = new Option<DirectoryInfo>("--from") { Description = "备份目录", Required = true };
        var restore = new Command("restore", "恢复：逐一核对备份中的文件，再写入新的数据目录（从不覆盖已有数据）") { from, data, db, postgres };
        restore.SetAction((result, ct) => RestoreAsync(result.GetValue(from)!.FullName, result.GetValue(data)!.FullName, result.GetValue(db)?.FullName, result.GetValue(postgres),
            result.InvocationConfiguration.Output, ct));
        return [backup, restore];
    }

    public static async Task<int> TakeAsync(string dataPath, string? dbPath, string? postgres, string outDir, TextWriter output, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var source = dbPath ?? Path.Combine(dataPath, BackupManifest.Database);
            var manifest = postgres is null
                ? await Backup.TakeSqliteAsync(source, dataPath, outDir, clock, ct)
                : await PostgresBackup.TakeAsync(postgres, dataPath, outDir, clock, ct);
            // a backup carries everyone's data: who took it, and where to, is in the trail (after the copy, so not in it)
            await RecordAsync(source, postgres, dataPath, AuditAction.BackupTaken, clock,
                $"备份写入 {outDir}：{manifest.StoredFiles} 个附件（{manifest.StoredBytes} 字节）；由操作系统用户 {Environment.UserName} 以 backup 执行", ct);
            output.WriteLine($"备份完成：{outDir}，数据库与 {manifest.Hashes.Count - 1} 个审计链头和密钥文件，{manifest.StoredFiles} 个附件（{manifest.StoredBytes:N0} 字节），清单 {BackupManifest.FileName}");
            return Done;
        }
        catch (BackupException refused)
        {
            output.WriteLine($"未备份：{refused.Message}");
            return Refused;
        }
    }

    public static async Task<int> RestoreAsync(string fromDir, string dataPath, string? dbPath, string? postgres, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var target = dbPath ?? Path.Combine(dataPath, BackupManifest.Database);
            var manifest = postgres is null
                ? await Backup.RestoreSqliteAsync(fromDir, target, dataPath, ct)
                : await PostgresBackup.RestoreAsync(fromDir, postgres, dataPath, ct);
            await RecordAsync(target, postgres, dataPath, AuditAction.BackupRestored, TimeProvider.System,
                $"由 {fromDir} 恢复（备份于 {manifest.TakenAt:yyyy-MM-dd HH:mm:ss} UTC，{manifest.StoredFiles} 个附件，哈希均已核对）；由操作系统用户 {Environment.UserName} 以 restore 执行", ct);
            output.WriteLine($"恢复完成：{(postgres is null ? target : "PostgreSQL 数据库")}（备份于 {manifest.TakenAt:yyyy-MM-dd HH:mm:ss} UTC），{manifest.StoredFiles} 个附件，每个文件均已核对哈希。请再运行 audit verify 核验审计日志。");
            return Done;
        }
        catch (BackupException refused)
        {
            output.WriteLine($"未恢复：{refused.Message}");
            return Refused;
        }
    }

    private static async Task RecordAsync(string dbPath, string? postgres, string dataPath, AuditAction action, TimeProvider clock, string details, CancellationToken ct)
    {
        await using var db = postgres is null
            ? DataServices.Create("Sqlite", $"Data Source={dbPath}", AuditHeadFile.For(dataPath))
            : DataServices.Create("Postgres", postgres, AuditHeadFile.For(dataPath));
        db.Audit(new AuditEntry
        {
            At = clock.GetUtcNow(), UserName = Environment.UserName, Action = action, ObjectType = AuditEntry.Objects.System, ObjectId = "backup",
            Outcome = AuditOutcome.Success, Details = details,
        });
        await db.SaveChangesAsync(ct);
    }
}
