using Microsoft.EntityFrameworkCore;

namespace Shenbao.Data.Settings;

/// <summary>
/// What the 系统管理员 configures for everyone who uses the site: a notice shown at the top of every page (a
/// maintenance window, an extended deadline) and the technical support contact shown at the foot of every page.
/// Empty text means nothing is shown.
/// </summary>
public sealed record SiteSettings(string? Notice, string? SupportPhone, string? SupportMail, string? SupportHours)
{
    public const int NoticeLimit = 300;
    public const int PhoneLimit = 40;
    public const int MailLimit = 120;
    public const int HoursLimit = 60;

    public static readonly SiteSettings None = new(null, null, null, null);

    public bool HasSupport => SupportPhone is not null || SupportMail is not null || SupportHours is not null;
}

/// <summary>The settings in force, one row; no row is <see cref="SiteSettings.None"/>.</summary>
public sealed class SiteSettingsRecord
{
    public const int TheRow = 1;

    public int Id { get; set; } = TheRow;
    public string? Notice { get; set; }
    public string? SupportPhone { get; set; }
    public string? SupportMail { get; set; }
    public string? SupportHours { get; set; }
    /// <summary>Two 系统管理员 saving at once: the second is refused, not lost.</summary>
    public int Version { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedBy { get; set; }

    public SiteSettings ToSettings() => new(Notice, SupportPhone, SupportMail, SupportHours);
}

public static class SiteSettingsStore
{
    public static async Task<SiteSettings> CurrentAsync(AppDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var record = await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == SiteSettingsRecord.TheRow, ct);
        return record?.ToSettings() ?? SiteSettings.None;
    }
}
