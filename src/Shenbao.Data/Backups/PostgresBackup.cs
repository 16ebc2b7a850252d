using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace Shenbao.Data.Backups;

/// <summary>
/// A consistent copy of one PostgreSQL site with pg_dump, and its restore with pg_restore into a new database. The
/// dump, the audit head files and the keys are one moment: the audit chain's lock is taken (appends wait), a snapshot
/// is exported, the head and the keys are copied, the lock is given back — and pg_dump then reads that snapshot while
/// the site goes on. The stored files follow as for SQLite.
/// </summary>
public static class PostgresBackup
{
    public const string Dump = "shenbao.dump";

    /// <summary>The key of the chain's lock (AppDbContext.LockAuditChainAsync): held here at the session level.</summary>
    private const long ChainLock = 72450701;

    public static async Task<BackupManifest> TakeAsync(string connectionString, string dataPath, string outDir, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Backup.RefuseWithoutHead(dataPath);
        Backup.RefuseFullFolder(outDir);
        Directory.CreateDirectory(outDir);

        await using var locker = new NpgsqlConnection(connectionString);
        await using var snapshot = new NpgsqlConnection(connectionString);
        try
        {
            await locker.OpenAsync(ct);
            await snapshot.OpenAsync(ct);
        }
        catch (NpgsqlException e)
        {
            throw new BackupException($"无法连接 PostgreSQL（{e.Message}）");
        }
        await ExecuteAsync(locker, $"SELECT pg_advisory_lock({ChainLock})", ct);
        string id;
        await using var transaction = await snapshot.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        try
        {
            // taken once the lock is held: every append that committed is in it, and none can commit until it is given back
            await using (var export = new NpgsqlCommand("SELECT pg_export_snapshot()", snapshot, transaction))
                id = (string)(await export.ExecuteScalarAsync(ct))!;
            Backup.CopyHeadAndKeys(dataPath, outDir);
        }
        finally
        {
            await ExecuteAsync(locker, $"SELECT pg_advisory_unlock({ChainLock})", CancellationToken.None);
        }
        await RunAsync("pg_dump", connectionString, ["--format=custom", $"--snapshot={id}", "--no-owner", "--file", Path.Combine(outDir, Dump)], ct);
        await transaction.CommitAsync(ct);
        return await Backup.FinishAsync(outDir, dataPath, "Postgres", clock, ct);
    }

    /// <summary>Checks the whole backup, then restores it into a database that must be new (it is created) or empty.</summary>
    public static async Task<BackupManifest> RestoreAsync(string fromDir, string connectionString, string dataPath, CancellationToken ct)
    {
        var manifest = await Backup.CheckAsync(fromDir, ct);
        if (manifest.Provider != "Postgres") throw new BackupException($"{fromDir} 是 {manifest.Provider} 的备份，不是 PostgreSQL 的");
        Backup.RefuseUsedDataFolder(dataPath);
        var created = await CreateEmptyAsync(connectionString, ct);
        try
        {
            Backup.RestoreFolder(fromDir, dataPath);
            // one transaction: a failed restore leaves the database as empty as it was
            await RunAsync("pg_restore", connectionString, ["--no-owner", "--exit-on-error", "--single-transaction", "--dbname", "{database}", Path.Combine(fromDir, Dump)], ct);
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException)
        {
            Backup.Undo(dataPath);
            if (created) await DropAsync(connectionString);
            throw e as BackupException ?? new BackupException($"恢复中途失败（{e.Message}），已写入的部分已删除");
        }
        return manifest;
    }

    /// <summary>The database of the connection string, created (true) when it is not there; one holding any table is refused.</summary>
    private static async Task<bool> CreateEmptyAsync(string connectionString, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database ?? throw new BackupException("PostgreSQL 连接字符串中没有 Database");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using (var server = new NpgsqlConnection(maintenance.ConnectionString))
        {
            await server.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", server) { Parameters = { new() { Value = name } } };
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await ExecuteAsync(server, $"CREATE DATABASE {Quoted(name)}", ct);
                return true;
            }
        }
        await using var database = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await database.OpenAsync(ct);
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", database);
        if ((long)(await tables.ExecuteScalarAsync(ct))! > 0) throw new BackupException($"数据库 {name} 中已有数据表：恢复从不覆盖数据库，请指定一个新的数据库");
        return false;
    }

    private static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await server.OpenAsync();
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {Quoted(name)} WITH (FORCE)", CancellationToken.None);
    }

    private static string Quoted(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>pg_dump or pg_restore against the database of the connection string; the password goes by environment, never on the command line.</summary>
    private static async Task RunAsync(string tool, string connectionString, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument == "{database}" ? builder.Database! : argument);
        if (tool == "pg_dump") start.ArgumentList.Add(builder.Database!);
        start.Environment["PGHOST"] = builder.Host;
        start.Environment["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = builder.Username;
        if (builder.Password is { } password) start.Environment["PGPASSWORD"] = password;
        // the connection's TLS as the site has it, not libpq's default (prefer)
        start.Environment["PGSSLMODE"] = builder.SslMode switch
        {
            SslMode.Disable => "disable", SslMode.Allow => "allow", SslMode.Prefer => "prefer", SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca", SslMode.VerifyFull => "verify-full", _ => "prefer",
        };
        if (builder.RootCertificate is { Length: > 0 } root) start.Environment["PGSSLROOTCERT"] = root;
        if (builder.SslCertificate is { Length: > 0 } certificate) start.Environment["PGSSLCERT"] = certificate;
        if (builder.SslKey is { Length: > 0 } key) start.Environment["PGSSLKEY"] = key;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BackupException($"找不到 {tool}：请安装 PostgreSQL 客户端（Debian：postgresql-client）");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(ct);
            _ = await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0) throw new BackupException($"{tool} 失败（退出码 {process.ExitCode}）：{(await error).Trim()}");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
