using Microsoft.EntityFrameworkCore;

namespace Shenbao.Data;

/// <summary>
/// Failed sign-ins of one name (normalised), whether an account has it or not, so that an unknown name locks exactly
/// as a real one does. Counted by one statement in the database, so parallel attempts and several nodes agree.
/// </summary>
public sealed class SignInThrottle
{
    public const int NameLimit = 256;

    public required string Name { get; set; }
    public int Failures { get; set; }

    /// <summary>Until when the name is locked, in UTC ticks (an integer compares alike on every database).</summary>
    public long? LockedUntil { get; set; }
}

/// <summary>How a failed sign-in was counted: the failures so far and whether the name is now locked, and until when.</summary>
public sealed record SignInCount(int Failures, DateTimeOffset? LockedUntil)
{
    public bool Locked(DateTimeOffset now) => LockedUntil > now;
}

/// <summary>
/// The lockout rule, as the database applies it: after the policy's <see cref="Security.SecurityPolicy.MaxFailures"/>
/// failures the name is locked for its <see cref="Security.SecurityPolicy.LockFor"/>.
/// </summary>
public static class SignInThrottles
{
    /// <summary>The row's key for a normalised name (a name longer than the column shares the row of its first 256 characters).</summary>
    public static string Key(string normalizedName)
    {
        ArgumentNullException.ThrowIfNull(normalizedName);
        return normalizedName.Length > SignInThrottle.NameLimit ? normalizedName[..SignInThrottle.NameLimit] : normalizedName;
    }

    /// <summary>Until when the name is locked, or null when it is not.</summary>
    public static async Task<DateTimeOffset?> LockedUntilAsync(AppDbContext db, string name, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ticks = now.UtcTicks;
        var until = await db.SignInThrottles.AsNoTracking().Where(t => t.Name == name && t.LockedUntil > ticks).Select(t => t.LockedUntil).FirstOrDefaultAsync(ct);
        return until is { } u ? new DateTimeOffset(u, TimeSpan.Zero) : null;
    }

    /// <summary>
    /// Counts a failure in one statement and answers with what that statement left: a locked name stays as it is;
    /// an expired lock starts counting again; the failure that reaches the limit locks the name. (Reading the row
    /// back in a second statement would see a parallel attempt's count: two attempts both told "locked" and one
    /// failure reported as neither, as PostgreSQL showed.)
    /// </summary>
    public static async Task<SignInCount> FailAsync(AppDbContext db, string name, DateTimeOffset now, Security.SecurityPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(policy);
        var (ticks, until, max) = (now.UtcTicks, (now + policy.LockFor).UtcTicks, policy.MaxFailures);
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "SignInThrottles" ("Name", "Failures") VALUES ({name}, 0) ON CONFLICT ("Name") DO NOTHING""", ct);
        // the SET expressions all read the row as it was, so the count and the lock move together; RETURNING gives
        // this attempt's own result (SQLite 3.35 and PostgreSQL both have it)
        var rows = await db.Database.SqlQuery<CountedRow>($"""
            UPDATE "SignInThrottles" SET
              "Failures" = CASE WHEN "LockedUntil" > {ticks} THEN "Failures" WHEN "LockedUntil" IS NOT NULL THEN 1 ELSE "Failures" + 1 END,
              "LockedUntil" = CASE WHEN "LockedUntil" > {ticks} THEN "LockedUntil"
                WHEN (CASE WHEN "LockedUntil" IS NOT NULL THEN 1 ELSE "Failures" + 1 END) >= {max} THEN {until} ELSE NULL END
            WHERE "Name" = {name}
            RETURNING "Failures", "LockedUntil"
            """).ToListAsync(ct);
        var row = rows.Single();
        return new SignInCount(row.Failures, row.LockedUntil is { } u ? new DateTimeOffset(u, TimeSpan.Zero) : null);
    }

    /// <summary>What one counting statement left in the row.</summary>
    private sealed class CountedRow
    {
        public int Failures { get; set; }
        public long? LockedUntil { get; set; }
    }

    /// <summary>
    /// A sign-in that succeeded clears the name's failures, unless a lock was set meanwhile; true when the name is
    /// free (nothing left, or what is left is not locked).
    /// </summary>
    public static async Task<bool> ClearAsync(AppDbContext db, string name, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ticks = now.UtcTicks;
        await db.SignInThrottles.Where(t => t.Name == name && (t.LockedUntil == null || t.LockedUntil <= ticks)).ExecuteDeleteAsync(ct);
        return await LockedUntilAsync(db, name, now, ct) is null;
    }

    /// <summary>Lifts a lock at once: the owner proved the mailbox is theirs.</summary>
    public static Task LiftAsync(AppDbContext db, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.SignInThrottles.Where(t => t.Name == name).ExecuteDeleteAsync(ct);
    }
}
