using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Data;

/// <summary>The outside head on disk: two slots written in turn, and a confirmation that narrows what they allow.</summary>
public sealed class AuditHeadFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("shenbao-head-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static AuditHead Head(long count) => new(count, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(count))));

    private AuditHeadFile File() => new(AuditHeadFile.For(folder));

    [Fact]
    public void Before_the_commit_the_table_may_end_at_either_end_and_after_the_confirmation_only_at_the_new_one()
    {
        var head = File();

        head.Pending(Head(4), Head(5));
        var pending = head.Read();
        head.Committed(Head(5));
        var confirmed = head.Read();

        Assert.True(pending.Allows(Head(4)));
        Assert.True(pending.Allows(Head(5)));
        Assert.False(pending.Allows(Head(3)));
        Assert.True(confirmed.Allows(Head(5)));
        Assert.False(confirmed.Allows(Head(4)));   // cutting even the last row is found
        Assert.Equal(1024, new FileInfo(head.Path).Length);
    }

    [Fact]
    public void A_slot_torn_by_a_power_cut_leaves_the_other_which_still_allows_the_table()
    {
        var head = File();
        head.Pending(Head(4), Head(5));
        head.Committed(Head(5));
        head.Pending(Head(5), Head(6));   // the next append's write, torn before its transaction committed
        var bytes = System.IO.File.ReadAllBytes(head.Path);
        var newest = System.Text.Encoding.UTF8.GetString(bytes, 0, 512).Contains("\"Serial\":2,", StringComparison.Ordinal) ? 0 : 512;   // the second slot write
        for (var i = newest + 20; i < newest + 60; i++) bytes[i] = 0;
        System.IO.File.WriteAllBytes(head.Path, bytes);

        var state = head.Read();

        Assert.True(state.Allows(Head(5)));
        Assert.False(state.Allows(Head(6)));
    }

    [Fact]
    public void A_confirmation_that_the_slots_do_not_allow_is_ignored_and_a_file_with_no_readable_slot_is_refused()
    {
        var head = File();
        head.Pending(Head(4), Head(5));
        System.IO.File.WriteAllText(head.Path + ".committed", """{"Count":9,"Hash":"0000000000000000000000000000000000000000000000000000000000000009","Pending":[]}""");

        Assert.True(head.Read().Allows(Head(5)));   // the stray confirmation narrows nothing

        System.IO.File.WriteAllBytes(head.Path, new byte[1024]);
        Assert.Throws<InvalidDataException>(() => head.Read());
    }

    [Fact]
    public void A_reset_takes_the_given_end_whatever_the_files_said()
    {
        var head = File();
        head.Pending(Head(8), Head(9));
        head.Committed(Head(9));

        head.Reset(Head(6));

        var state = head.Read();
        Assert.True(state.Allows(Head(6)));
        Assert.False(state.Allows(Head(9)));
    }
}
