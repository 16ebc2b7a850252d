using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Domain;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 1, 2, 3, 456, TimeSpan.Zero);

    private static AuditRecord Row(int i) => new(0, Start.AddMinutes(i).AddTicks(1234), $"user-{i}", $"name-{i}", "OrgAdmin", i, "10.0.0.1",
        "Edit", "application", $"HENGYANG-2025-{i:00000}", "Success", $"修改 {i} 项", "");

    private static (List<(AuditRecord Record, string Hash)> Rows, AuditHead Head) Chain(int count)
    {
        var rows = AuditChain.Append(AuditHead.Empty, Enumerable.Range(1, count).Select(Row)).ToList();
        return (rows, new AuditHead(rows[^1].Record.Seq, rows[^1].Hash));
    }

    [Fact]
    public void An_untouched_chain_holds_with_its_row_count()
    {
        var (rows, head) = Chain(5);

        Assert.Equal(new ChainCheck.Holds(5), AuditChain.Verify(rows, head));
        Assert.Equal([1L, 2, 3, 4, 5], rows.Select(r => r.Record.Seq));
        Assert.Equal(AuditRecord.Genesis, rows[0].Record.PreviousHash);
        Assert.All(rows.Skip(1).Zip(rows), pair => Assert.Equal(pair.Second.Hash, pair.First.Record.PreviousHash));
    }

    [Fact]
    public void The_time_is_kept_to_the_millisecond_with_its_offset_so_what_the_database_gives_back_hashes_the_same()
    {
        var (rows, _) = Chain(1);

        Assert.Equal(0, rows[0].Record.At.Ticks % TimeSpan.TicksPerMillisecond);
        Assert.Contains("\"2026-03-01T01:03:03.456+00:00\"", rows[0].Record.Canonical(), StringComparison.Ordinal);
        // the same instant written with another offset is the same row
        Assert.Equal(rows[0].Hash, (rows[0].Record with { At = rows[0].Record.At.ToOffset(TimeSpan.FromHours(8)) }).Hash());
    }

    public static TheoryData<string> Columns => ["At", "UserId", "UserName", "Role", "OrganisationId", "ClientAddress", "Action", "ObjectType", "ObjectId", "Outcome", "Details"];

    [Theory]
    [MemberData(nameof(Columns))]
    public void Editing_any_column_of_a_row_is_found_at_that_row(string column)
    {
        var (rows, head) = Chain(5);
        var r = rows[2].Record;
        var edited = column switch
        {
            "At" => r with { At = r.At.AddMilliseconds(1) },
            "UserId" => r with { UserId = "someone-else" },
            "UserName" => r with { UserName = null },
            "Role" => r with { Role = "SystemAdmin" },
            "OrganisationId" => r with { OrganisationId = 99 },
            "ClientAddress" => r with { ClientAddress = "10.0.0.2" },
            "Action" => r with { Action = "Submit" },
            "ObjectType" => r with { ObjectType = "organisation" },
            "ObjectId" => r with { ObjectId = "HENGYANG-2025-99999" },
            "Outcome" => r with { Outcome = "Failure" },
            "Details" => r with { Details = "修改 3 项 " },
            _ => throw new ArgumentOutOfRangeException(nameof(column)),
        };
        rows[2] = (edited, rows[2].Hash);

        var check = Assert.IsType<ChainCheck.Broken>(AuditChain.Verify(rows, head));
        Assert.Equal(3, check.Row);
        Assert.Contains("行被修改", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_row_is_found_where_it_is_missing()
    {
        var (rows, head) = Chain(5);
        rows.RemoveAt(1);

        var check = Assert.IsType<ChainCheck.Broken>(AuditChain.Verify(rows, head));
        Assert.Equal(2, check.Row);
        Assert.Contains("第 2 行缺失", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_inserted_and_numbered_into_place_breaks_the_link_of_the_row_after_it()
    {
        var (rows, head) = Chain(5);
        // the forger renumbers the rows after it and hashes the new one properly: the next row still points at the old row 3
        var forged = AuditChain.Append(new AuditHead(2, rows[1].Hash), [Row(42)]).Single();
        var tampered = rows.Take(2).Append(forged).Concat(rows.Skip(2).Select(r => (r.Record with { Seq = r.Record.Seq + 1 }, r.Hash))).ToList();

        var check = Assert.IsType<ChainCheck.Broken>(AuditChain.Verify(tampered, head));
        Assert.Equal(4, check.Row);
    }

    [Fact]
    public void Two_rows_swapped_are_found_at_the_first_of_them()
    {
        var (rows, head) = Chain(5);
        (rows[1], rows[3]) = (rows[3], rows[1]);

        var check = Assert.IsType<ChainCheck.Broken>(AuditChain.Verify(rows, head));
        Assert.Equal(2, check.Row);
    }

    [Fact]
    public void Two_rows_swapped_with_their_numbers_exchanged_are_found_by_their_links()
    {
        var (rows, head) = Chain(5);
        (rows[1], rows[3]) = ((rows[3].Record with { Seq = 2 }, rows[3].Hash), (rows[1].Record with { Seq = 4 }, rows[1].Hash));

        var check = Assert.IsType<ChainCheck.Broken>(AuditChain.Verify(rows, head));
        Assert.Equal(2, check.Row);
        Assert.Contains("上一行哈希", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_tail_is_found_by_the_head_kept_outside()
    {
        var (rows, head) = Chain(5);

        var check = Assert.IsType<ChainCheck.Broken>(AuditChain.Verify(rows.Take(4), head));
        Assert.Equal(5, check.Row);
        Assert.Contains("第 5 行起被截去", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_rewritten_from_the_start_is_consistent_in_itself_but_not_with_the_head()
    {
        var (_, head) = Chain(5);
        var rewritten = AuditChain.Append(AuditHead.Empty, Enumerable.Range(1, 5).Select(i => Row(i) with { Details = "改写" })).ToList();

        var check = Assert.IsType<ChainCheck.Broken>(AuditChain.Verify(rewritten, head));
        Assert.Equal(5, check.Row);
        Assert.Contains("整条重写", check.Reason, StringComparison.Ordinal);
        Assert.IsType<ChainCheck.Holds>(AuditChain.Verify(rewritten, new AuditHead(5, rewritten[^1].Hash)));
    }

    [Fact]
    public void Rows_added_past_the_head_are_found_even_when_properly_linked()
    {
        var (rows, head) = Chain(5);
        var more = rows.Concat(AuditChain.Append(head, [Row(6)])).ToList();

        var check = Assert.IsType<ChainCheck.Broken>(AuditChain.Verify(more, head));
        Assert.Equal(6, check.Row);
    }

    [Fact]
    public void A_missing_head_is_refused_unless_the_trail_is_empty()
    {
        var (rows, _) = Chain(2);

        Assert.IsType<ChainCheck.Broken>(AuditChain.Verify(rows, null));
        Assert.Equal(new ChainCheck.Holds(0), AuditChain.Verify([], null));
    }

    [Fact]
    public void A_crash_between_commit_and_head_leaves_a_pending_head_the_table_may_end_at_and_nothing_else()
    {
        var (rows, _) = Chain(5);
        var committed = new AuditHead(4, rows[3].Hash);
        var pending = new AuditHead(5, rows[4].Hash);

        Assert.Equal(new ChainCheck.Holds(5), AuditChain.Verify(rows, committed, [pending]));   // committed, head not yet moved
        Assert.Equal(new ChainCheck.Holds(4), AuditChain.Verify(rows.Take(4), committed, [pending]));   // not committed
        Assert.IsType<ChainCheck.Broken>(AuditChain.Verify(rows.Take(3), committed, [pending]));
    }

    [Fact]
    public void Every_workflow_action_is_audited_under_its_own_name_and_every_action_has_a_chinese_label()
    {
        foreach (var action in Enum.GetValues<ApplicationAction>())
            Assert.Equal(action.ToString(), AuditActions.Of(action).ToString());
        Assert.All(Enum.GetValues<AuditAction>(), a => Assert.False(string.IsNullOrWhiteSpace(AuditActions.Label(a))));
    }
}
