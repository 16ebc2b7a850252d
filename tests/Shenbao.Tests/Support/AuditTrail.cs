using Microsoft.EntityFrameworkCore;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Support;

/// <summary>The application's audit trail as a test reads it: its rows, and the verification `audit verify` makes.</summary>
public static class AuditTrail
{
    public static List<AuditEntry> Rows(ShenbaoApp app)
    {
        using var db = app.Db();
        return db.AuditTrail.AsNoTracking().OrderBy(a => a.Seq).ToList();
    }

    public static ChainCheck Verify(ShenbaoApp app)
    {
        var head = new AuditHeadFile(AuditHeadFile.For(app.DataPath)).Read();
        return AuditChain.Verify(Rows(app).Select(r => (r.ToRecord(), r.Hash)), head.Head, head.Pending);
    }

    /// <summary>Makes every append fail, as a full disk or a broken audit store would, until disposed.</summary>
    public static IDisposable Failing(ShenbaoApp app)
    {
        using (var db = app.Db())
            db.Database.ExecuteSqlRaw(db.Database.IsNpgsql()
                ? """CREATE FUNCTION "FailAudit"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$; CREATE TRIGGER "FailAudit" BEFORE INSERT ON "AuditTrail" FOR EACH ROW EXECUTE FUNCTION "FailAudit"();"""
                : "CREATE TRIGGER FailAudit BEFORE INSERT ON AuditTrail BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END;");
        return new Restore(app);
    }

    private sealed class Restore(ShenbaoApp app) : IDisposable
    {
        public void Dispose()
        {
            using var db = app.Db();
            db.Database.ExecuteSqlRaw(db.Database.IsNpgsql() ? """DROP TRIGGER "FailAudit" ON "AuditTrail"; DROP FUNCTION "FailAudit"();""" : "DROP TRIGGER FailAudit;");
        }
    }
}
