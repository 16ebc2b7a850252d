using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web.Durability;

/// <summary>
/// A backup taken while the site runs and takes writes — SQLite's online backup, or pg_dump on an exported snapshot in
/// the PostgreSQL pass — restores into a fresh folder (and database) with the same content, the audit trail row for row
/// up to the backup and verifying, every attachment hashing to its name and the receipts holding; the restored site starts
/// and is ready.
/// </summary>
public sealed class BackupRoundTripTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("shenbao-backup-").FullName;

    private string Site => Path.Combine(root, "site");

    private string Copy => Path.Combine(root, "backup");

    private string Restored => Path.Combine(root, "restored");

    private static bool Postgres => TestDatabase.Provider == "Postgres";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Postgres) Npgsql.NpgsqlConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    private static AppDbContext Open(string folder) => DataServices.Create(TestDatabase.Provider, TestDatabase.ConnectionString(folder));

    private static string[] Database(string folder, string filesOrHead) => Postgres
        ? ["--postgres", TestDatabase.ConnectionString(folder), filesOrHead == "files" ? "--files" : "--head", Path.Combine(folder, filesOrHead == "files" ? "files" : "audit-head.json")]
        : ["--db", Path.Combine(folder, "shenbao.db")];

    [Fact]
    public async Task A_backup_taken_while_the_site_takes_writes_restores_whole_and_verifies()
    {
        Directory.CreateDirectory(Site);
        string receipt;
        long rowsBefore;
        using (var site = new FolderApp(Site))
        {
            var (applicant, id) = await BasicResearch.SubmittableAsync(site);
            Assert.Equal(HttpStatusCode.Redirect, (await BasicResearch.SubmitAsync(applicant, id)).Status);
            await using (var db = site.Db())
            {
                receipt = (await db.Applications.SingleAsync(a => a.Id == id)).ReceiptNo!;
                rowsBefore = await db.AuditTrail.LongCountAsync();
            }

            // wrong passwords, each an audit row, keep coming while the backup is taken
            using var stop = new CancellationTokenSource();
            var writes = 0;
            var writer = Task.Run(async () =>
            {
                var visitor = Browser.For(site);
                while (!stop.IsCancellationRequested)
                {
                    await visitor.SubmitAsync(await visitor.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = $"nobody-{writes}", ["Input.Password"] = "Wrong-password-2026" });
                    writes++;
                }
            });
            while (writes < 3) await Task.Delay(20);
            string[] backup = Postgres ? ["backup", "--postgres", TestDatabase.ConnectionString(Site), "--data", Site, "--out", Copy] : ["backup", "--data", Site, "--out", Copy];
            var taken = CliRunner.Invoke(backup);
            var during = writes;
            while (writes < during + 3) await Task.Delay(20);
            await stop.CancelAsync();
            await writer;

            Assert.True(taken.ExitCode == 0, taken.Output + taken.Error);
            Assert.StartsWith("备份完成", taken.Output, StringComparison.Ordinal);
        }
        SqliteConnection.ClearAllPools();

        string[] restore = Postgres ? ["restore", "--from", Copy, "--data", Restored, "--postgres", TestDatabase.ConnectionString(Restored)] : ["restore", "--from", Copy, "--data", Restored];
        var restored = CliRunner.Invoke(restore);
        Assert.True(restored.ExitCode == 0, restored.Output + restored.Error);

        var verify = CliRunner.Invoke(["audit", "verify", .. Database(Restored, "head")]);
        Assert.True(verify.ExitCode == 0, verify.Output);
        var receiptCheck = CliRunner.Invoke(["receipt", "verify", receipt, .. Database(Restored, "files")]);
        Assert.True(receiptCheck.ExitCode == 0, receiptCheck.Output);

        await using (var source = Open(Site))
        await using (var copy = Open(Restored))
        {
            // the same applications, organisations, accounts, attachments as the site had
            Assert.Equal(await Applications(source), await Applications(copy));
            Assert.Equal(await source.Organisations.CountAsync(), await copy.Organisations.CountAsync());
            Assert.Equal(await source.Users.CountAsync(), await copy.Users.CountAsync());
            Assert.Equal(await source.Attachments.CountAsync(), await copy.Attachments.CountAsync());
            // the trail up to the moment of the backup, row for row, and the restore's own row after it
            var copied = await copy.AuditTrail.OrderBy(a => a.Seq).Select(a => new { a.Seq, a.Hash, a.Action }).ToListAsync();
            var original = await source.AuditTrail.OrderBy(a => a.Seq).Select(a => new { a.Seq, a.Hash }).ToListAsync();
            Assert.True(copied.Count - 1 > rowsBefore, "the writes before the backup are in it");
            Assert.Equal(AuditAction.BackupRestored, copied[^1].Action);
            Assert.Equal(original.Take(copied.Count - 1), copied.SkipLast(1).Select(c => new { c.Seq, c.Hash }));
            Assert.Contains(await source.AuditTrail.Where(a => a.Action == AuditAction.BackupTaken).Select(a => a.Details).ToListAsync(), d => d!.Contains(Copy, StringComparison.Ordinal));
            // every file an attachment names is there and hashes to its name
            foreach (var sha in await copy.Attachments.Select(a => a.Sha256).Distinct().ToListAsync())
                Assert.Equal(sha, StoredFiles.HashOf(Path.Combine(Restored, "files"), sha));
        }

        using var again = new FolderApp(Restored);
        using var client = again.CreateClient();
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static async Task<List<string>> Applications(AppDbContext db) =>
        (await db.Applications.OrderBy(a => a.Id).Select(a => new { a.Id, a.Number, a.Status, a.Version, a.ContentHash }).ToListAsync())
            .Select(a => $"{a.Id} {a.Number} {a.Status} {a.Version} {a.ContentHash}").ToList();
}
