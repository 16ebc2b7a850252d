using Shenbao.Data;

namespace Shenbao.Tests.Data;

/// <summary>The pieces of durability that need no running server: which PostgreSQL settings are refused, and the flushed write.</summary>
public sealed class DurabilityRulesTests
{
    private static Dictionary<string, string> AllOn() => new() { ["fsync"] = "on", ["synchronous_commit"] = "on", ["full_page_writes"] = "on" };

    [Fact]
    public void A_server_with_every_setting_on_is_accepted_and_synchronous_commit_local_too()
    {
        Assert.Null(PostgresDurability.Refusal(AllOn()));
        Assert.Null(PostgresDurability.Refusal(new Dictionary<string, string>(AllOn()) { ["synchronous_commit"] = "local" }));
        Assert.Null(PostgresDurability.Refusal(new Dictionary<string, string>(AllOn()) { ["synchronous_commit"] = "remote_apply" }));
    }

    [Theory]
    [InlineData("fsync")]
    [InlineData("synchronous_commit")]
    [InlineData("full_page_writes")]
    public void Each_setting_off_is_refused_by_name_with_what_to_do(string setting)
    {
        var refusal = PostgresDurability.Refusal(new Dictionary<string, string>(AllOn()) { [setting] = "off" });

        Assert.NotNull(refusal);
        Assert.Contains($"{setting} = off", refusal, StringComparison.Ordinal);
        Assert.Contains($"Set {setting} = on", refusal, StringComparison.Ordinal);
        Assert.Single(PostgresDurability.Settings, s => refusal.Contains(s + " = off", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_settings_off_are_both_named()
    {
        var refusal = PostgresDurability.Refusal(new Dictionary<string, string> { ["fsync"] = "off", ["synchronous_commit"] = "OFF", ["full_page_writes"] = "on" });

        Assert.Contains("fsync = off, synchronous_commit = off", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flushed_write_leaves_the_whole_file_under_its_name_and_no_temporary_beside_it()
    {
        var folder = Directory.CreateTempSubdirectory("shenbao-flush-").FullName;
        try
        {
            var path = Path.Combine(folder, "ab", "stored");
            byte[] content = [.. Enumerable.Range(0, 100_000).Select(i => (byte)i)];

            await DiskFlush.WriteAsync(path, content, CancellationToken.None);
            await DiskFlush.WriteAsync(path, content, CancellationToken.None);

            Assert.Equal(content, await File.ReadAllBytesAsync(path));
            Assert.Equal(["stored"], Directory.GetFiles(Path.Combine(folder, "ab")).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_folder_is_flushed_and_a_missing_one_is_an_error_not_a_silent_success()
    {
        var folder = Directory.CreateTempSubdirectory("shenbao-flush-").FullName;
        try
        {
            DiskFlush.Folder(folder);
            Assert.Throws<IOException>(() => DiskFlush.Folder(Path.Combine(folder, "not-there")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
