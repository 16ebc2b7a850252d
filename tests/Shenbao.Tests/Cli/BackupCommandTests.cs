using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Cli;

/// <summary>
/// backup and restore on SQLite: a backup taken while the site runs and takes writes restores into a fresh folder with
/// the same content, an audit chain that verifies, every attachment hashing to its name and a receipt that still holds;
/// the restored site starts and is ready. A changed, unfinished or misplaced backup is refused and nothing is written.
/// </summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("shenbao-backup-").FullName;

    private string Site => Path.Combine(root, "site");

    private string Copy => Path.Combine(root, "backup");

    private string Restored => Path.Combine(root, "restored");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    private static AppDbContext Open(string folder) => DataServices.Create("Sqlite", $"Data Source={Path.Combine(folder, "shenbao.db")}");

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
            var taken = CliRunner.Invoke("backup", "--data", Site, "--out", Copy);
            var during = writes;
            while (writes < during + 3) await Task.Delay(20);
            await stop.CancelAsync();
            await writer;

            Assert.True(taken.ExitCode == 0, taken.Output + taken.Error);
            Assert.StartsWith("备份完成", taken.Output, StringComparison.Ordinal);
        }
        SqliteConnection.ClearAllPools();

        var restored = CliRunner.Invoke("restore", "--from", Copy, "--data", Restored);
        Assert.True(restored.ExitCode == 0, restored.Output + restored.Error);

        var verify = CliRunner.Invoke("audit", "verify", "--db", Path.Combine(Restored, "shenbao.db"));
        Assert.True(verify.ExitCode == 0, verify.Output);
        var receiptCheck = CliRunner.Invoke("receipt", "verify", receipt, "--db", Path.Combine(Restored, "shenbao.db"));
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

    private void Demo()
    {
        Directory.CreateDirectory(Site);
        Assert.Equal(0, CliRunner.Invoke("demo", "--db", Path.Combine(Site, "shenbao.db")).ExitCode);
    }

    [Fact]
    public void A_backup_whose_stored_file_changed_is_not_restored_and_nothing_is_written()
    {
        Demo();
        Assert.Equal(0, CliRunner.Invoke("backup", "--data", Site, "--out", Copy).ExitCode);
        var stored = Directory.GetFiles(Path.Combine(Copy, "files"), "*", SearchOption.AllDirectories).First();
        var bytes = File.ReadAllBytes(stored);
        bytes[^1] ^= 1;
        File.WriteAllBytes(stored, bytes);

        var refused = CliRunner.Invoke("restore", "--from", Copy, "--data", Restored);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains(Path.GetFileName(stored), refused.Output, StringComparison.Ordinal);
        Assert.Contains("改动过", refused.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Restored) && Directory.EnumerateFileSystemEntries(Restored).Any(), "nothing may be written");
    }

    [Fact]
    public void A_changed_database_in_the_backup_is_named()
    {
        Demo();
        Assert.Equal(0, CliRunner.Invoke("backup", "--data", Site, "--out", Copy).ExitCode);
        File.AppendAllText(Path.Combine(Copy, "shenbao.db"), "x");

        var refused = CliRunner.Invoke("restore", "--from", Copy, "--data", Restored);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("shenbao.db 在备份之后被改动过", refused.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restore_never_writes_over_a_database_and_an_unfinished_backup_is_not_one()
    {
        Demo();
        Assert.Equal(0, CliRunner.Invoke("backup", "--data", Site, "--out", Copy).ExitCode);
        var before = File.ReadAllBytes(Path.Combine(Site, "shenbao.db"));

        var over = CliRunner.Invoke("restore", "--from", Copy, "--data", Site);
        Assert.Equal(1, over.ExitCode);
        Assert.Contains("从不覆盖数据库", over.Output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(Site, "shenbao.db")));

        File.Delete(Path.Combine(Copy, "backup.json"));
        var unfinished = CliRunner.Invoke("restore", "--from", Copy, "--data", Restored);
        Assert.Equal(1, unfinished.ExitCode);
        Assert.Contains("没有完成的备份", unfinished.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backup_goes_only_into_an_empty_folder_and_needs_a_database()
    {
        Demo();
        Directory.CreateDirectory(Copy);
        File.WriteAllText(Path.Combine(Copy, "something"), "");

        var full = CliRunner.Invoke("backup", "--data", Site, "--out", Copy);
        Assert.Equal(1, full.ExitCode);
        Assert.Contains("不是空目录", full.Output, StringComparison.Ordinal);

        var none = CliRunner.Invoke("backup", "--data", Path.Combine(root, "nowhere"), "--out", Path.Combine(root, "other"));
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("不存在", none.Output, StringComparison.Ordinal);
    }
}
