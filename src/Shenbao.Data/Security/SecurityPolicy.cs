using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Shenbao.Data.Security;

/// <summary>
/// The figures of the sign-in policy the 安全管理员 manages: password length and classes, how many former passwords a
/// privileged role may not reuse, after how many days it must change, and the lockout. The defaults are our policy for
/// 等保 level 3 (docs/security.md); the 安全管理员 may make each stricter within its bounds, never looser.
/// </summary>
public sealed record SecurityPolicy(int MinimumLength, int ClassesRequired, int HistoryKept, int MaxAgeDays, int MaxFailures, int LockMinutes)
{
    public static readonly SecurityPolicy Default = new(8, 3, 5, 90, 5, 30);

    /// <summary>One figure: its name in the form, what it is, its unit, and the range allowed (the first end is the default's side).</summary>
    public sealed record Figure(string Name, string Label, string Unit, int Min, int Max, Func<SecurityPolicy, int> Of);

    public static readonly IReadOnlyList<Figure> Figures =
    [
        new(nameof(MinimumLength), "密码最短长度", "位", 8, 64, p => p.MinimumLength),
        new(nameof(ClassesRequired), "密码至少包含的字符类别数（大写、小写、数字、符号）", "类", 3, 4, p => p.ClassesRequired),
        new(nameof(HistoryKept), "特权角色不得重复使用的最近密码数", "个", 5, 24, p => p.HistoryKept),
        new(nameof(MaxAgeDays), "特权角色密码最长使用期限", "天", 30, 90, p => p.MaxAgeDays),
        new(nameof(MaxFailures), "连续登录失败锁定阈值", "次", 3, 5, p => p.MaxFailures),
        new(nameof(LockMinutes), "锁定时长", "分钟", 30, 1440, p => p.LockMinutes),
    ];

    public TimeSpan MaxAge => TimeSpan.FromDays(MaxAgeDays);

    public TimeSpan LockFor => TimeSpan.FromMinutes(LockMinutes);

    /// <summary>The classes in Chinese, as the rule states them (三类, 四类).</summary>
    public string ClassesInWords => ClassesRequired == 4 ? "四" : "三";

    /// <summary>What is wrong with each figure outside its bounds, in Chinese; empty when the policy may be kept.</summary>
    public IReadOnlyList<(string Name, string Message)> Refusals() =>
        Figures.Where(f => f.Of(this) < f.Min || f.Of(this) > f.Max)
            .Select(f => (f.Name, string.Create(CultureInfo.InvariantCulture, $"{f.Label}应在{f.Min}至{f.Max}{f.Unit}之间（等保三级要求的底线是{f.Of(Default)}{f.Unit}，只可更严）")))
            .ToList();
}

/// <summary>The policy in force, one row; no row is the default policy.</summary>
public sealed class SecurityPolicyRecord
{
    public const int TheRow = 1;

    public int Id { get; set; } = TheRow;
    public int MinimumLength { get; set; }
    public int ClassesRequired { get; set; }
    public int HistoryKept { get; set; }
    public int MaxAgeDays { get; set; }
    public int MaxFailures { get; set; }
    public int LockMinutes { get; set; }
    /// <summary>Two 安全管理员 saving at once: the second is refused, not lost.</summary>
    public int Version { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedBy { get; set; }

    public SecurityPolicy ToPolicy() => new(MinimumLength, ClassesRequired, HistoryKept, MaxAgeDays, MaxFailures, LockMinutes);
}

public static class SecurityPolicies
{
    /// <summary>The policy in force: the stored one, or the default when none was ever saved.</summary>
    public static async Task<SecurityPolicy> CurrentAsync(AppDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var record = await db.SecurityPolicies.AsNoTracking().SingleOrDefaultAsync(r => r.Id == SecurityPolicyRecord.TheRow, ct);
        return record?.ToPolicy() ?? SecurityPolicy.Default;
    }
}
