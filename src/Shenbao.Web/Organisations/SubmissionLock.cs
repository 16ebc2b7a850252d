using Microsoft.EntityFrameworkCore;
using Shenbao.Data;

namespace Shenbao.Web.Organisations;

/// <summary>
/// One organisation's submissions, and the changes to what a submission freezes of the organisation (its profile
/// proofs), one at a time: each takes the organisation's row in its transaction with an UPDATE that changes nothing.
/// PostgreSQL holds the row lock to commit; SQLite's write lock holds the whole database to commit.
/// </summary>
public static class SubmissionLock
{
    /// <summary>Takes the lock inside the caller's open transaction; it is released when that transaction ends.</summary>
    public static Task TakeAsync(AppDbContext db, int organisationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("the submission lock is taken inside a transaction");
        return db.Organisations.Where(o => o.Id == organisationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Version, o => o.Version), ct);
    }
}
