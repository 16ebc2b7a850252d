using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Shenbao.Data.Backups;

/// <summary>What a backup holds, written last as backup.json: a backup without it is unfinished and is not restored.</summary>
public sealed record BackupManifest(int Format, DateTimeOffset TakenAt, string Provider, IReadOnlyDictionary<string, string> Hashes, int StoredFiles, long StoredBytes)
{
    public const string FileName = "backup.json";
    public const string Database = "shenbao.db";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <summary>A refusal to back up or restore, in words the operator acts on (Chinese, as every command says it); nothing was changed.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// A consistent copy of one SQLite site taken while it runs, and its restore into a fresh place. The database, the
/// audit head files and the Data Protection keys are copied as one moment: writers are held (BEGIN IMMEDIATE, as long
/// as the online backup of the pages takes) while readers go on. The stored files are copied after: they only grow,
/// and every row of the copy points at a file that was on the disk before the row committed. Every file is listed with
/// its SHA-256 and checked again by the restore; a stored file is checked against the name it is stored under.
/// </summary>
public static class Backup
{
    private static readonly string[] HeadFiles = ["audit-head.json", "audit-head.json.committed"];
    private static readonly string[] DataFolders = ["files", "keys"];

    public static async Task<BackupManifest> TakeSqliteAsync(string dbPath, string dataPath, string outDir, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!File.Exists(dbPath)) throw new BackupException($"数据库 {dbPath} 不存在");
        RefuseWithoutHead(dataPath);
        RefuseFullFolder(outDir);
        Directory.CreateDirectory(outDir);

        await using (var source = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False"))
        {
            await source.OpenAsync(ct);
            await using (var writers = new SqliteConnection($"Data Source={dbPath};Pooling=False"))
            {
                await writers.OpenAsync(ct);
                await ExecuteAsync(writers, "PRAGMA busy_timeout=30000; BEGIN IMMEDIATE;", ct);
                try
                {
                    // the read snapshot begins while no writer can commit: the pages copied below are this moment's, and so
                    // are the head and the keys; writers wait only for these few milliseconds, never for the copy itself
                    await ExecuteAsync(source, "BEGIN; SELECT count(*) FROM sqlite_master;", ct);
                    CopyHeadAndKeys(dataPath, outDir);
                }
                finally
                {
                    await ExecuteAsync(writers, "ROLLBACK;", CancellationToken.None);
                }
            }
            await using (var copy = new SqliteConnection($"Data Source={Path.Combine(outDir, BackupManifest.Database)};Pooling=False"))
            {
                await copy.OpenAsync(ct);
                // one step: the whole copy within the source's open read transaction, while the site writes on (WAL)
                source.BackupDatabase(copy);
                // one self-contained file: the site sets WAL again on its first connection
                await ExecuteAsync(copy, "PRAGMA journal_mode=DELETE;", ct);
            }
            await ExecuteAsync(source, "COMMIT;", CancellationToken.None);
        }
        SqliteConnection.ClearAllPools();
        return await FinishAsync(outDir, dataPath, "Sqlite", clock, ct);
    }

    /// <summary>
    /// Checks the whole backup first — every listed file's hash, every stored file against its name — and only then
    /// copies it into place. It never writes over a database or files already there.
    /// </summary>
    public static async Task<BackupManifest> RestoreSqliteAsync(string fromDir, string dbPath, string dataPath, CancellationToken ct)
    {
        var manifest = await CheckAsync(fromDir, ct);
        if (manifest.Provider != "Sqlite") throw new BackupException($"{fromDir} 是 {manifest.Provider} 的备份，不是 SQLite 的");
        // a -wal left beside would be replayed onto the restored file
        foreach (var taken in new[] { dbPath, dbPath + "-wal", dbPath + "-shm", dbPath + "-journal" })
            if (File.Exists(taken)) throw new BackupException($"{taken} 已存在：恢复从不覆盖数据库，请先把它和它旁边的 -wal、-shm 文件一起移走");
        RefuseUsedDataFolder(dataPath);
        try
        {
            RestoreFolder(fromDir, dataPath);
            // the database last, so that a restore cut short leaves no database that looks whole
            DiskFlush.Copy(Path.Combine(fromDir, BackupManifest.Database), dbPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Undo(dataPath);
            throw new BackupException($"恢复中途失败（{e.Message}），已写入的部分已删除，数据目录回到恢复之前");
        }
        return manifest;
    }

    /// <summary>A site that has run keeps its audit head in its data folder: without one, --data names the wrong folder.</summary>
    internal static void RefuseWithoutHead(string dataPath)
    {
        if (!File.Exists(Path.Combine(dataPath, HeadFiles[0])))
            throw new BackupException($"{dataPath} 中没有审计链头 {HeadFiles[0]}：--data 应为站点的数据目录（其中有 files/、keys/ 和 {HeadFiles[0]}）");
    }

    internal static void RefuseFullFolder(string outDir)
    {
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any()) throw new BackupException($"{outDir} 不是空目录：备份须写入新的或空的目录");
    }

    internal static void RefuseUsedDataFolder(string dataPath)
    {
        foreach (var taken in HeadFiles.Append("files").Append("keys"))
            if (File.Exists(Path.Combine(dataPath, taken)) || (Directory.Exists(Path.Combine(dataPath, taken)) && Directory.EnumerateFileSystemEntries(Path.Combine(dataPath, taken)).Any()))
                throw new BackupException($"{Path.Combine(dataPath, taken)} 已存在：恢复须写入新的数据目录，请先把它移走");
    }

    /// <summary>The audit head files and the keys, in the moment the database is copied.</summary>
    internal static void CopyHeadAndKeys(string dataPath, string outDir)
    {
        foreach (var name in HeadFiles.Where(n => File.Exists(Path.Combine(dataPath, n))))
            File.Copy(Path.Combine(dataPath, name), Path.Combine(outDir, name));
        CopyTree(Path.Combine(dataPath, "keys"), Path.Combine(outDir, "keys"));
    }

    /// <summary>After the moment: the hashes of what it copied, the stored files, and the manifest last.</summary>
    internal static async Task<BackupManifest> FinishAsync(string outDir, string dataPath, string provider, TimeProvider clock, CancellationToken ct)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories))
            hashes[Relative(outDir, file)] = await HashAsync(file, ct);
        var (count, bytes) = await CopyStoredFilesAsync(Path.Combine(dataPath, "files"), Path.Combine(outDir, "files"), ct);
        var manifest = new BackupManifest(1, clock.GetUtcNow(), provider, hashes, count, bytes);
        await DiskFlush.WriteAsync(Path.Combine(outDir, BackupManifest.FileName), JsonSerializer.SerializeToUtf8Bytes(manifest, BackupManifest.Json), ct);
        return manifest;
    }

    /// <summary>The stored files, the keys and the audit head into a fresh data folder, each flushed with its folder.</summary>
    internal static void RestoreFolder(string fromDir, string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        CopyTree(Path.Combine(fromDir, "files"), Path.Combine(dataPath, "files"), flush: true);
        CopyTree(Path.Combine(fromDir, "keys"), Path.Combine(dataPath, "keys"), flush: true);
        foreach (var name in HeadFiles.Where(n => File.Exists(Path.Combine(fromDir, n))))
            DiskFlush.Copy(Path.Combine(fromDir, name), Path.Combine(dataPath, name));
    }

    /// <summary>What a restore cut short had written: the folder was checked empty of these before it began.</summary>
    internal static void Undo(string dataPath)
    {
        foreach (var folder in DataFolders.Select(f => Path.Combine(dataPath, f)).Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
        foreach (var file in HeadFiles.Select(h => Path.Combine(dataPath, h)).Where(File.Exists)) File.Delete(file);
    }

    /// <summary>The backup's manifest once every file it lists and every stored file is as it was taken.</summary>
    public static async Task<BackupManifest> CheckAsync(string fromDir, CancellationToken ct)
    {
        var manifestPath = Path.Combine(fromDir, BackupManifest.FileName);
        if (!File.Exists(manifestPath)) throw new BackupException($"{fromDir} 中没有 {BackupManifest.FileName}：这不是备份，或是没有完成的备份");
        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllBytesAsync(manifestPath, ct), BackupManifest.Json)
            ?? throw new BackupException($"{manifestPath} 是空的");
        foreach (var (name, hash) in manifest.Hashes)
        {
            var path = Path.Combine(fromDir, name);
            if (!File.Exists(path)) throw new BackupException($"备份中缺少 {name}");
            if (await HashAsync(path, ct) != hash) throw new BackupException($"{name} 在备份之后被改动过（SHA-256 不一致）");
        }
        var files = Path.Combine(fromDir, "files");
        var (count, bytes) = (0, 0L);
        foreach (var file in Directory.Exists(files) ? Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories) : [])
        {
            if (await HashAsync(file, ct) != Path.GetFileName(file)) throw new BackupException($"files/{Relative(files, file)} 的哈希与文件名不符：存入之后被改动过");
            (count, bytes) = (count + 1, bytes + new FileInfo(file).Length);
        }
        if (count != manifest.StoredFiles || bytes != manifest.StoredBytes)
            throw new BackupException($"备份中有 {count} 个附件文件（{bytes} 字节），清单记载 {manifest.StoredFiles} 个（{manifest.StoredBytes} 字节）");
        return manifest;
    }

    /// <summary>The stored files, each checked against its name as it is copied: a corrupt one is named, not carried into the backup.</summary>
    private static async Task<(int Count, long Bytes)> CopyStoredFilesAsync(string from, string to, CancellationToken ct)
    {
        var (count, bytes) = (0, 0L);
        if (!Directory.Exists(from)) return (count, bytes);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            // a temporary left by a write cut short, or the readiness probe: not a stored file
            if (name.Length != 64 || !name.All(char.IsAsciiHexDigitLower)) continue;
            var content = await File.ReadAllBytesAsync(file, ct);
            if (Convert.ToHexStringLower(SHA256.HashData(content)) != name) throw new BackupException($"附件文件 {Relative(from, file)} 的哈希与文件名不符：磁盘上的文件被改动过（可用 receipt verify 查明涉及的申报书），未完成备份");
            await DiskFlush.WriteAsync(Path.Combine(to, Relative(from, file)), content, ct);
            (count, bytes) = (count + 1, bytes + content.Length);
        }
        return (count, bytes);
    }

    private static void CopyTree(string from, string to, bool flush = false)
    {
        if (!Directory.Exists(from)) return;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Relative(from, file));
            if (flush)
            {
                DiskFlush.Copy(file, target);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
