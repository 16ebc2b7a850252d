using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web;

/// <summary>
/// A trail someone has cut or rewritten is not continued: the next action that would append is refused whole, so the
/// head outside the database is never moved onto the forgery, and `audit verify` keeps finding it.
/// </summary>
public sealed class AuditTamperTests : IDisposable
{
    private readonly ShenbaoApp app = new();

    public void Dispose() => app.Dispose();

    /// <summary>What someone with the database does first: the triggers out of the way.</summary>
    private void Tamper(string sqliteSql, string postgresSql)
    {
        using var db = app.Db();
        db.Database.ExecuteSqlRaw(db.Database.IsNpgsql()
            ? $"""ALTER TABLE "AuditTrail" DISABLE TRIGGER USER; {postgresSql}"""
            : $"DROP TRIGGER AuditTrail_NoUpdate; DROP TRIGGER AuditTrail_NoDelete; DROP TRIGGER AuditTrail_Continues; {sqliteSql}");
    }

    private async Task<Browser.Page> WrongPasswordAsync()
    {
        var visitor = Browser.For(app);
        return await visitor.SubmitAsync(await visitor.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = "hynu-admin", ["Input.Password"] = "Wrong-password-1" });
    }

    private int FailedCount()
    {
        using var db = app.Db();
        return db.Users.AsNoTracking().Single(u => u.UserName == "hynu-admin").AccessFailedCount;
    }

    [Fact]
    public async Task After_the_tail_is_cut_the_next_action_is_refused_whole_and_verify_still_finds_the_cut()
    {
        Assert.Equal(HttpStatusCode.OK, (await WrongPasswordAsync()).Status);   // a working trail first
        var rows = AuditTrail.Rows(app).Count;
        Tamper($"DELETE FROM AuditTrail WHERE Seq > {rows - 2};", $"""DELETE FROM "AuditTrail" WHERE "Seq" > {rows - 2};""");
        var failures = FailedCount();

        var attempt = await WrongPasswordAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, attempt.Status);
        Assert.Equal(failures, FailedCount());   // the attempt's change went with its row
        Assert.Equal(rows - 2, AuditTrail.Rows(app).Count);
        var check = Assert.IsType<ChainCheck.Broken>(AuditTrail.Verify(app));
        Assert.Equal(rows - 1, check.Row);
    }

    [Fact]
    public async Task After_the_chain_is_rewritten_consistently_the_next_action_is_refused_and_verify_still_finds_it()
    {
        var rows = AuditTrail.Rows(app);
        var rewritten = AuditChain.Append(AuditHead.Empty, rows.Select(r => r.ToRecord() with { Details = r.Seq == 3 ? "已改写" : r.Details }));
        var sqlite = string.Concat(rewritten.Select(x => $"UPDATE AuditTrail SET Details = '{x.Record.Details?.Replace("'", "''", StringComparison.Ordinal)}', PreviousHash = '{x.Record.PreviousHash}', Hash = '{x.Hash}' WHERE Seq = {x.Record.Seq};"));
        var postgres = string.Concat(rewritten.Select(x => $"""UPDATE "AuditTrail" SET "Details" = '{x.Record.Details?.Replace("'", "''", StringComparison.Ordinal)}', "PreviousHash" = '{x.Record.PreviousHash}', "Hash" = '{x.Hash}' WHERE "Seq" = {x.Record.Seq};"""));
        Tamper(sqlite, postgres);

        var attempt = await WrongPasswordAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, attempt.Status);
        Assert.DoesNotContain("audit", attempt.Text, StringComparison.OrdinalIgnoreCase);   // no internals shown to the visitor
        Assert.Equal(rows.Count, AuditTrail.Rows(app).Count);
        Assert.Contains("整条重写", Assert.IsType<ChainCheck.Broken>(AuditTrail.Verify(app)).Reason, StringComparison.Ordinal);
    }
}
