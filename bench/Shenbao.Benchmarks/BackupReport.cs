using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Shenbao.Data;
using Shenbao.Data.Backups;

namespace Shenbao.Benchmarks;

/// <summary>
/// backup: what `shenbao backup` and `restore` cost on a large site, beside the floor of copying the same bytes
/// (File.Copy of the database, a plain copy of the files) in the same run. The site: the 100,000-application SQLite file
/// of WhatIfDatabaseBenchmarks and a file store of 1,000 stored files of 64 KB. Stopwatch-timed, each step three
/// times; the median is reported.
/// </summary>
public static class BackupReport
{
    private const int StoredFiles = 1_000;
    private const int FileBytes = 64 * 1024;

    public static async Task<int> RunAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(WhatIfDatabaseBenchmarks.Database)) WhatIfDatabaseBenchmarks.Build(Samples.LoadGuide());
        var root = Directory.CreateTempSubdirectory("shenbao-backup-bench-").FullName;
        try
        {
            var site = Path.Combine(root, "site");
            Directory.CreateDirectory(site);
            File.Copy(WhatIfDatabaseBenchmarks.Database, Path.Combine(site, "shenbao.db"));
            // the head a site keeps beside its database: the trail's end as it is
            using (var db = DataServices.Create("Sqlite", $"Data Source={Path.Combine(site, "shenbao.db")}"))
            {
                var last = db.AuditTrail.OrderByDescending(a => a.Seq).Select(a => new { a.Seq, a.Hash }).FirstOrDefault();
                new Shenbao.Data.Audit.AuditHeadFile(Shenbao.Data.Audit.AuditHeadFile.For(site)).Reset(last is null ? Shenbao.Domain.Audit.AuditHead.Empty : new Shenbao.Domain.Audit.AuditHead(last.Seq, last.Hash));
            }
            var random = new Random(1);
            for (var i = 0; i < StoredFiles; i++)
            {
                var bytes = new byte[FileBytes];
                random.NextBytes(bytes);
                await Shenbao.Data.StoredFiles.WriteAsync(Path.Combine(site, "files"), bytes, CancellationToken.None);
            }
            var dbBytes = new FileInfo(Path.Combine(site, "shenbao.db")).Length;
            output.WriteLine($"site: database {dbBytes / 1e6:N1} MB (100,000 applications with their frozen submissions), {StoredFiles:N0} stored files of {FileBytes / 1024} KB ({StoredFiles * (long)FileBytes / 1e6:N1} MB)");
            output.WriteLine();
            output.WriteLine("| step | median of 3 (s) | runs (s) |");
            output.WriteLine("|---|---:|---:|");

            var n = 0;
            string Next() => Path.Combine(root, $"run-{n++}");
            await TimeAsync(output, "floor: File.Copy of the database", () => { File.Copy(Path.Combine(site, "shenbao.db"), Next()); return Task.CompletedTask; });
            await TimeAsync(output, "floor: plain copy of the stored files", () => { CopyPlain(Path.Combine(site, "files"), Next()); return Task.CompletedTask; });
            var backups = new List<string>();
            await TimeAsync(output, "backup (online backup API, head, keys, files checked and flushed, manifest)", async () =>
            {
                var to = Next();
                backups.Add(to);
                await Backup.TakeSqliteAsync(Path.Combine(site, "shenbao.db"), site, to, TimeProvider.System, CancellationToken.None);
            });
            await TimeAsync(output, "check of a backup (every hash)", () => Backup.CheckAsync(backups[0], CancellationToken.None));
            await TimeAsync(output, "restore (check, then files, keys, head, database)", async () =>
            {
                var to = Next();
                await Backup.RestoreSqliteAsync(backups[0], Path.Combine(to, "shenbao.db"), to, CancellationToken.None);
            });
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task TimeAsync(TextWriter output, string step, Func<Task> run)
    {
        var seconds = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {seconds.Order().ElementAt(1):F2} | {string.Join(" / ", seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} |"));
    }

    private static void CopyPlain(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
