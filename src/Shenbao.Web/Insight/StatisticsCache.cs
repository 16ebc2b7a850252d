using System.Collections.Concurrent;
using Shenbao.Data.Insight;

namespace Shenbao.Web.Insight;

/// <summary>
/// A call's statistics as last counted, kept for a minute: at 100,000 applications a count takes a few hundred
/// milliseconds, and during a deadline many officers open the dashboard at once. The page says when it was counted.
/// Per process; a second node counts for itself.
/// </summary>
public sealed class StatisticsCache(TimeProvider clock)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<int, (DateTimeOffset At, CallStatistics Figures)> counted = new();

    /// <summary>The call's figures and when they were counted: those of the last minute, or counted now by <paramref name="count"/>.</summary>
    public async Task<(DateTimeOffset At, CallStatistics Figures)> GetAsync(int callId, Func<Task<CallStatistics>> count)
    {
        ArgumentNullException.ThrowIfNull(count);
        var now = clock.GetUtcNow();
        if (counted.TryGetValue(callId, out var kept) && now - kept.At < KeptFor) return kept;
        var fresh = (now, await count());
        counted[callId] = fresh;
        return fresh;
    }
}
