using Microsoft.Data.Sqlite;

namespace Shenbao.Tests.Cli;

/// <summary>
/// backup and restore refuse what they must: a changed, unfinished or misplaced backup is not restored and nothing is
/// written; a backup goes only into an empty folder. (The round trip itself, on both databases: Web/Durability/BackupRoundTripTests.)
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
