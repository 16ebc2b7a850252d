using Shenbao.Data;
using Shenbao.Data.Settings;

namespace Shenbao.Web.Settings;

/// <summary>
/// The site's settings as last read, kept for ten seconds: every page shows them, and a read per page would add a query
/// to the busiest pages on a deadline day. A save on this node is seen at once; another node sees it within ten seconds.
/// </summary>
public sealed class SiteSettingsCache(TimeProvider clock)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(10);

    private sealed record Kept(DateTimeOffset At, SiteSettings Settings);

    // a reference, so that a page reading it while another replaces it sees one whole pair
    private volatile Kept? kept;

    public async Task<SiteSettings> GetAsync(AppDbContext db, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (kept is { } k && now - k.At < KeptFor && now >= k.At) return k.Settings;
        var settings = await SiteSettingsStore.CurrentAsync(db, ct);
        kept = new Kept(now, settings);
        return settings;
    }

    /// <summary>After a save: the next page reads the new settings.</summary>
    public void Forget() => kept = null;
}
