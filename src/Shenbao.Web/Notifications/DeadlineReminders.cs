using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Data.Notifications;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Eligibility;

namespace Shenbao.Web.Notifications;

/// <summary>
/// 截止提醒: Shenbao:Reminders:DaysBeforeDeadline days (3 unless configured) before a call closes, each organisation
/// with an unsubmitted draft in it is told once. "Once" is a row keyed by call and organisation, written with the
/// notices: a second process (or a second run) fails on the key and sends nothing.
/// </summary>
public sealed class DeadlineReminders(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<DeadlineReminders> log)
{
    public TimeSpan Ahead { get; } = TimeSpan.FromDays(configuration.GetValue("Shenbao:Reminders:DaysBeforeDeadline", 3.0));

    /// <summary>Sends the reminders due now; returns how many organisations were reminded by this run.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<(int CallId, int OrganisationId)> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var calls = (await db.Calls.AsNoTracking().Select(c => new { c.Id, c.Deadline }).ToListAsync(ct))
                .Where(c => c.Deadline > now && c.Deadline - Ahead <= now).Select(c => c.Id).ToList();
            due = calls.Count == 0 ? [] : (await db.Applications.AsNoTracking()
                    .Where(a => calls.Contains(a.CallId) && a.Status == ApplicationStatus.Draft)
                    .Where(a => !db.SentReminders.Any(r => r.CallId == a.CallId && r.OrganisationId == a.OrganisationId))
                    .Select(a => new { a.CallId, a.OrganisationId }).Distinct().ToListAsync(ct))
                .Select(x => (x.CallId, x.OrganisationId)).ToList();
        }
        var reminded = 0;
        foreach (var (callId, organisationId) in due)
        {
            try
            {
                if (await RemindAsync(callId, organisationId, now, ct)) reminded++;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
            {
                // one organisation's failure does not stop the others' reminders; it is tried again on the next run
                NotificationLog.ReminderFailed(log, callId, organisationId, e);
            }
        }
        return reminded;
    }

    private async Task<bool> RemindAsync(int callId, int organisationId, DateTimeOffset now, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var call = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId, ct);
        var drafts = await db.Applications.AsNoTracking()
            .Where(a => a.CallId == callId && a.OrganisationId == organisationId && a.Status == ApplicationStatus.Draft)
            .OrderBy(a => a.Id).ToListAsync(ct);
        if (drafts.Count == 0) return false;
        var people = await notifier.OrganisationAdminsAsync(organisationId, ct);
        var makers = drafts.Select(d => d.CreatedById).Distinct().ToList();
        people.AddRange(await db.Users.Where(u => makers.Contains(u.Id)).ToListAsync(ct));

        db.SentReminders.Add(new SentReminder { CallId = callId, OrganisationId = organisationId, SentAt = now });
        var titles = string.Join("、", drafts.Take(10).Select(d => $"《{d.Title ?? d.Number}》")) + (drafts.Count > 10 ? $"等 {drafts.Count} 份" : "");
        notifier.Notify(people, $"申报截止提醒：{call.Title}",
            $"{call.Title}将于{ChinaTime.Describe(call.Deadline)}截止申报。贵单位尚有 {drafts.Count} 份申报书未提交：{titles}。截止后将不能再提交，请尽快完成。",
            drafts.Count == 1 ? $"/Applications/Details/{drafts[0].Id}" : "/Applications");
        db.Audit(new AuditEntry
        {
            At = now, Action = AuditAction.ReminderSent, ObjectType = AuditEntry.Objects.Organisation,
            ObjectId = organisationId.ToString(System.Globalization.CultureInfo.InvariantCulture), OrganisationId = organisationId,
            Outcome = AuditOutcome.Success, Details = $"批次 {callId}，未提交 {drafts.Count} 份，通知 {people.DistinctBy(p => p.Id).Count()} 人",
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            if (!await AlreadySentAsync(callId, organisationId, ct)) throw;
            // another process reminded this organisation a moment ago: its key stands, this run sends nothing
            NotificationLog.ReminderAlreadySent(log, callId, organisationId);
            return false;
        }
    }

    private async Task<bool> AlreadySentAsync(int callId, int organisationId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().SentReminders.AnyAsync(r => r.CallId == callId && r.OrganisationId == organisationId, ct);
    }
}

/// <summary>Runs the outbox sender every few seconds, and the reminders and the experts' invitations every minute, from start to stop.</summary>
public sealed class NotificationWorker(OutboxSender sender, DeadlineReminders reminders, Experts.ReviewReminders reviewReminders, Experts.ExpertInvitations invitations,
    IConfiguration configuration, ILogger<NotificationWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(configuration.GetValue("Shenbao:Mail:PollSeconds", 5.0));
        var lastReminders = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(every);
        do
        {
            try
            {
                if (DateTimeOffset.UtcNow - lastReminders >= TimeSpan.FromMinutes(1))
                {
                    await reminders.RunOnceAsync(stoppingToken);
                    await reviewReminders.RunOnceAsync(stoppingToken);
                    await invitations.RunOnceAsync(stoppingToken);
                    lastReminders = DateTimeOffset.UtcNow;
                }
                await sender.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // a database that is briefly unavailable: the next tick tries again, nothing is lost (the outbox is the record)
                NotificationLog.RunFailed(log, e);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
