using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Data.Experts;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Notifications;

namespace Shenbao.Web.Experts;

/// <summary>
/// 评审截止提醒: Shenbao:Reminders:DaysBeforeReviewDeadline days (3 unless configured) before a call's review deadline,
/// each expert with a review not yet submitted in it is told once (a row keyed by call and expert, written with the
/// notice: a second process fails on the key and sends nothing). A moved deadline clears the rows.
/// </summary>
public sealed class ReviewReminders(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration)
{
    public TimeSpan Ahead { get; } = TimeSpan.FromDays(configuration.GetValue("Shenbao:Reminders:DaysBeforeReviewDeadline", 3.0));

    private static readonly ReviewState[] Open = [ReviewState.Pending, ReviewState.Declared];

    /// <summary>Sends the reminders due now; returns how many experts were reminded.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var calls = (await db.Calls.AsNoTracking().Where(c => c.ReviewDeadline != null).ToListAsync(ct))
            .Where(c => c.ReviewDeadline > now && c.ReviewDeadline - Ahead <= now).ToList();
        var reminded = 0;
        foreach (var call in calls)
        {
            var due = await db.ExpertReviews.AsNoTracking().Where(r => r.CallId == call.Id && Open.Contains(r.State))
                .Where(r => !db.ReviewReminders.Any(x => x.CallId == call.Id && x.ExpertId == r.ExpertId))
                .GroupBy(r => r.ExpertId).Select(g => new { ExpertId = g.Key, Count = g.Count() }).ToListAsync(ct);
            foreach (var item in due)
            {
                using var inner = scopes.CreateScope();
                var context = inner.ServiceProvider.GetRequiredService<AppDbContext>();
                var notifier = inner.ServiceProvider.GetRequiredService<Notifier>();
                var expert = await context.Experts.Include(e => e.User).SingleAsync(e => e.Id == item.ExpertId, ct);
                context.ReviewReminders.Add(new ReviewReminder { CallId = call.Id, ExpertId = expert.Id, SentAt = now });
                notifier.Notify([expert.User], $"评审截止提醒：{call.Title}",
                    $"{call.Title}的专家评审将于{ChinaTime.Describe(call.ReviewDeadline!.Value)}截止，您尚有 {item.Count} 项评审未提交。截止后将不能再提交，请尽快完成。", "/Expert");
                context.Audit(new AuditEntry
                {
                    At = now, Action = AuditAction.ReminderSent, ObjectType = AuditEntry.Objects.Expert, ObjectId = expert.Id.ToString(CultureInfo.InvariantCulture),
                    Outcome = AuditOutcome.Success, Details = $"批次 {call.Id} 评审截止提醒，未提交 {item.Count} 项",
                });
                try
                {
                    await context.SaveChangesAsync(ct);
                    reminded++;
                }
                catch (DbUpdateException)
                {
                    // another process reminded this expert a moment ago: its key stands, this run sends nothing
                }
            }
        }
        return reminded;
    }
}
