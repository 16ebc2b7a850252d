using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Guides;
using Shenbao.Web.Guides;

namespace Shenbao.Web.Pages;

public sealed class IndexModel(AppDbContext db, GuideCatalog catalog, TimeProvider clock) : PageModel
{
    public enum CallState { Open, Upcoming, Closed }

    /// <summary>A call as the home page shows it; Guide is null when the call names a guide this server no longer has.</summary>
    public sealed record CallView(FundingCall Call, Guide? Guide, CallState State, TimeSpan Remaining)
    {
        /// <summary>Whole seconds to the next instant that matters (opening or deadline), for the script's countdown.</summary>
        public long Seconds => (long)Remaining.TotalSeconds;
    }

    public IReadOnlyList<CallView> Calls { get; private set; } = [];

    /// <summary>The guides whose categories are listed: those of the open calls, or the newest guide when none is open.</summary>
    public IReadOnlyList<Guide> Guides { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // A handful of calls a year: filtered here, because SQLite cannot compare DateTimeOffset columns in SQL.
        var calls = await db.Calls.AsNoTracking().Where(c => !c.IsDraft).ToListAsync(ct);
        Calls = calls
            .Select(c => View(c, now))
            .OrderBy(v => v.State)
            .ThenBy(v => v.State == CallState.Closed ? now - v.Call.Deadline : v.Remaining)
            .ToList();
        Guides = Calls.Where(v => v.State == CallState.Open && v.Guide is not null).Select(v => v.Guide!).Distinct().ToList() is { Count: > 0 } open
            ? open
            : [catalog.Default];
    }

    private CallView View(FundingCall call, DateTimeOffset now)
    {
        var guide = catalog.Find(call.GuideId);
        if (now < call.OpensAt) return new(call, guide, CallState.Upcoming, call.OpensAt - now);
        return now < call.Deadline
            ? new(call, guide, CallState.Open, call.Deadline - now)
            : new(call, guide, CallState.Closed, TimeSpan.Zero);
    }

    /// <summary>"30 天 5 小时": what the page shows before the script takes over (and without it).</summary>
    public static string DaysAndHours(TimeSpan remaining) =>
        string.Create(CultureInfo.InvariantCulture, $"{remaining.Days} 天 {remaining.Hours} 小时");
}
