using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Cli;

/// <summary>
/// audit verify on the demo database: it holds; each kind of tampering, done as someone with the file would do it
/// (dropping the triggers first), is found and the first broken row named.
/// </summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("shenbao-audit-").FullName;
    private readonly string database;

    public AuditCommandTests()
    {
        database = Path.Combine(folder, "shenbao.db");
        Assert.Equal(0, CliRunner.Invoke("demo", "--db", database).ExitCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private int Execute(string sql)
    {
        using var db = DataServices.Create("Sqlite", $"Data Source={database}");
        return db.Database.ExecuteSqlRaw(sql);
    }

    /// <summary>What someone with the database file does first.</summary>
    private void DropTriggers() => Execute("DROP TRIGGER AuditTrail_NoUpdate; DROP TRIGGER AuditTrail_NoDelete; DROP TRIGGER AuditTrail_Continues;");

    private long Rows()
    {
        using var db = DataServices.Create("Sqlite", $"Data Source={database}");
        return db.AuditTrail.LongCount();
    }

    private static string Sql(string? text) => text is null ? "NULL" : $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    private CliRunner.Run Verify() => CliRunner.Invoke("audit", "verify", "--db", database);

    [Fact]
    public void The_demo_trail_has_several_dozen_rows_covering_what_the_demo_did_and_verifies()
    {
        var run = Verify();

        Assert.Equal(0, run.ExitCode);
        var rows = Rows();
        Assert.InRange(rows, 30, 200);
        Assert.Contains($"审计日志核验通过：{rows} 行", run.Output, StringComparison.Ordinal);
        using var db = DataServices.Create("Sqlite", $"Data Source={database}");
        var actions = db.AuditTrail.Select(a => a.Action).Distinct().ToList();
        foreach (var action in new[] { AuditAction.AccountCreated, AuditAction.CallChange, AuditAction.Register, AuditAction.Activate, AuditAction.ProfileChange,
                     AuditAction.Upload, AuditAction.Create, AuditAction.Edit, AuditAction.Submit, AuditAction.SignIn })
            Assert.Contains(action, actions);
        // one row per demo submission, naming its receipt
        Assert.All(db.Applications.Where(a => a.ReceiptNo != null).ToList(), a =>
            Assert.Contains(db.AuditTrail.Where(r => r.Action == AuditAction.Submit && r.ObjectId == a.Number).ToList(), r => r.Details!.Contains(a.ReceiptNo!, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_triggers_refuse_to_update_or_delete_a_row()
    {
        Assert.Contains("append-only", Assert.ThrowsAny<SqliteException>(() => Execute("UPDATE AuditTrail SET Details = 'x' WHERE Seq = 3")).Message, StringComparison.Ordinal);
        Assert.Contains("append-only", Assert.ThrowsAny<SqliteException>(() => Execute("DELETE FROM AuditTrail WHERE Seq = 3")).Message, StringComparison.Ordinal);
        Assert.Equal(0, Verify().ExitCode);
    }

    [Fact]
    public void An_edited_field_is_found_at_its_row()
    {
        DropTriggers();
        Execute("UPDATE AuditTrail SET Details = Details || ' ' WHERE Seq = 7");

        var run = Verify();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("第 7 行起不可信", run.Output, StringComparison.Ordinal);
        Assert.Contains("行被修改", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Action", "signin")]
    [InlineData("Action", "5")]
    [InlineData("Outcome", "Failure")]
    [InlineData("Outcome", "junk")]
    public void A_stored_word_changed_to_another_or_to_one_that_reads_back_the_same_is_found(string column, string value)
    {
        DropTriggers();
        Execute($"UPDATE AuditTrail SET {column} = '{value}' WHERE Seq = 5");

        var run = Verify();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("第 5 行起不可信", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_database_refuses_a_row_that_does_not_continue_the_chain()
    {
        Assert.Contains("continue the chain", Assert.ThrowsAny<SqliteException>(() =>
            Execute("INSERT OR REPLACE INTO AuditTrail SELECT * FROM AuditTrail WHERE Seq = 2")).Message, StringComparison.Ordinal);
        Assert.Contains("continue the chain", Assert.ThrowsAny<SqliteException>(() =>
            Execute($"INSERT INTO AuditTrail (Seq, At, Action, Outcome, PreviousHash, Hash) VALUES ({Rows() + 1}, 0, 'SignIn', 'Success', 'forged', 'forged')")).Message, StringComparison.Ordinal);
        Assert.Equal(0, Verify().ExitCode);
    }

    [Fact]
    public void A_deleted_row_is_found()
    {
        DropTriggers();
        Execute("DELETE FROM AuditTrail WHERE Seq = 10");

        var run = Verify();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("第 10 行缺失", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_inserted_in_the_middle_is_found()
    {
        DropTriggers();
        // make room at 6 and put a forged row there, linked to row 5 and hashed properly
        Execute("UPDATE AuditTrail SET Seq = -Seq WHERE Seq >= 6; UPDATE AuditTrail SET Seq = -Seq + 1 WHERE Seq < 0;");
        using (var db = DataServices.Create("Sqlite", $"Data Source={database}"))
        {
            var five = db.AuditTrail.AsNoTracking().Single(a => a.Seq == 5);
            var (forged, hash) = AuditChain.Append(new AuditHead(5, five.Hash), [five.ToRecord() with { Details = "伪造的一行" }]).Single();
            Execute($"INSERT INTO AuditTrail (Seq, At, UserId, UserName, Role, OrganisationId, ClientAddress, Action, ObjectType, ObjectId, Outcome, Details, PreviousHash, Hash) " +
                $"SELECT 6, At, UserId, UserName, Role, OrganisationId, ClientAddress, Action, ObjectType, ObjectId, Outcome, {Sql(forged.Details)}, {Sql(forged.PreviousHash)}, {Sql(hash)} FROM AuditTrail WHERE Seq = 5");
        }

        var run = Verify();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("第 7 行", run.Output, StringComparison.Ordinal);
        Assert.Contains("上一行哈希", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_rows_swapped_are_found()
    {
        DropTriggers();
        Execute("UPDATE AuditTrail SET Seq = -1 WHERE Seq = 4; UPDATE AuditTrail SET Seq = 4 WHERE Seq = 9; UPDATE AuditTrail SET Seq = 9 WHERE Seq = -1;");

        var run = Verify();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("第 4 行起不可信", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_tail_is_found_by_the_head_outside_the_database()
    {
        DropTriggers();
        var last = Rows();
        Execute($"DELETE FROM AuditTrail WHERE Seq > {last - 2}");

        var run = Verify();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"第 {last - 1} 行起被截去", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_chain_rewritten_consistently_is_found_by_the_head_outside_the_database()
    {
        DropTriggers();
        using (var db = DataServices.Create("Sqlite", $"Data Source={database}"))
        {
            var rows = db.AuditTrail.AsNoTracking().OrderBy(a => a.Seq).ToList();
            // the forger softens one row's details and rebuilds every hash after it, so that the chain is whole again
            var records = rows.Select(r => r.ToRecord()).ToList();
            records[2] = records[2] with { Details = "已改写" };
            var rebuilt = AuditChain.Append(AuditHead.Empty, records);
            foreach (var (record, hash) in rebuilt)
                Execute($"UPDATE AuditTrail SET Details = {Sql(record.Details)}, PreviousHash = {Sql(record.PreviousHash)}, Hash = {Sql(hash)} WHERE Seq = {record.Seq.ToString(CultureInfo.InvariantCulture)}");
        }

        var run = Verify();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("整条重写", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_restore_audit_accept_takes_the_tables_end_as_the_head_and_records_it()
    {
        DropTriggers();
        var rows = Rows();
        Execute($"DELETE FROM AuditTrail WHERE Seq > {rows - 3}");   // as a backup from before the last three rows
        Assert.Equal(1, Verify().ExitCode);

        var accepted = CliRunner.Invoke("audit", "accept", "--db", database);
        var run = Verify();

        Assert.Equal(0, accepted.ExitCode);
        Assert.Contains($"链头原为第 {rows} 行", accepted.Output, StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"审计日志核验通过：{rows - 2} 行", run.Output, StringComparison.Ordinal);
        using var db = DataServices.Create("Sqlite", $"Data Source={database}");
        var last = db.AuditTrail.AsNoTracking().OrderBy(a => a.Seq).Last();
        Assert.Equal(AuditAction.HeadAccepted, last.Action);
        Assert.Contains($"库外链头原为第 {rows} 行", last.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_accept_refuses_rows_that_were_changed_and_changes_nothing()
    {
        DropTriggers();
        Execute("UPDATE AuditTrail SET Details = 'x' WHERE Seq = 4");
        var head = File.ReadAllText(Path.Combine(folder, "audit-head.json"));
        var rows = Rows();

        var accepted = CliRunner.Invoke("audit", "accept", "--db", database);

        Assert.Equal(1, accepted.ExitCode);
        Assert.Contains("第 4 行起本身已不可信", accepted.Output, StringComparison.Ordinal);
        Assert.Equal(head, File.ReadAllText(Path.Combine(folder, "audit-head.json")));
        Assert.Equal(rows, Rows());
    }

    [Fact]
    public void A_copy_of_the_database_and_its_head_made_read_only_verifies_elsewhere()
    {
        var copy = Directory.CreateTempSubdirectory("shenbao-audit-copy-").FullName;
        try
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { "shenbao.db", "audit-head.json" }) File.Copy(Path.Combine(folder, file), Path.Combine(copy, file));
            // read-only for anyone but root (a CI container's root can still write: then the copy is read under the lock)
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(copy, "shenbao.db"), UnixFileMode.UserRead | UnixFileMode.GroupRead);

            var run = CliRunner.Invoke("audit", "verify", "--db", Path.Combine(copy, "shenbao.db"));

            Assert.Equal(0, run.ExitCode);
            Assert.Contains($"审计日志核验通过：{Rows()} 行", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void A_missing_head_file_is_refused_and_an_unknown_database_too()
    {
        File.Delete(Path.Combine(folder, "audit-head.json"));

        var run = Verify();
        var missing = CliRunner.Invoke("audit", "verify", "--db", Path.Combine(folder, "none.db"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("库外的链头记录不存在", run.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("不存在", missing.Output, StringComparison.Ordinal);
    }
}
