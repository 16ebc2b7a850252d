using Microsoft.EntityFrameworkCore;

namespace Shenbao.Data;

/// <summary>
/// A PostgreSQL that may lose a commit it acknowledged is refused at start-up: with fsync or full_page_writes off a
/// crash can lose or corrupt committed data, and with synchronous_commit off the last moments' commits vanish — each a
/// receipt issued for a submission that is then gone.
/// </summary>
public static class PostgresDurability
{
    public static readonly IReadOnlyList<string> Settings = ["fsync", "synchronous_commit", "full_page_writes"];

    /// <summary>Why the server may not be used, naming each setting that is off; null when none is.</summary>
    public static string? Refusal(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var off = Settings.Where(s => values.TryGetValue(s, out var value) && string.Equals(value, "off", StringComparison.OrdinalIgnoreCase)).ToList();
        return off.Count == 0 ? null
            : $"PostgreSQL has {string.Join(", ", off.Select(s => s + " = off"))}: a commit it acknowledged (a submission with its receipt) could be lost in a crash. "
              + "Set " + string.Join(", ", off.Select(s => s + " = on")) + " (postgresql.conf, or ALTER SYSTEM / ALTER DATABASE / ALTER ROLE where it was set) and start Shenbao again.";
    }

    /// <summary>The settings as the application's own connections see them (a role's or a database's setting included).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in Settings)
            values[setting] = await db.Database.SqlQuery<string>($"SELECT current_setting({setting}) AS \"Value\"").SingleAsync(ct);
        return values;
    }
}
