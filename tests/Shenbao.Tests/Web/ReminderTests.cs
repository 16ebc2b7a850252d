using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;
using Shenbao.Web.Notifications;

namespace Shenbao.Tests.Web;

/// <summary>截止提醒: sent N days before the deadline to organisations with drafts, once, however many processes run.</summary>
public sealed class ReminderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("shenbao-reminder-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private static Task<int> RemindAsync(FolderApp app) => app.Services.GetRequiredService<DeadlineReminders>().RunOnceAsync(CancellationToken.None);

    [Fact]
    public async Task Two_processes_running_the_reminders_at_once_and_again_remind_each_organisation_with_drafts_once()
    {
        using var one = new FolderApp(folder);
        using var two = new FolderApp(folder);
        _ = two.Server;   // both started on the same database
        DateTimeOffset deadline;
        List<int> withDrafts;
        using (var db = one.Db())
        {
            deadline = db.Calls.Single().Deadline;
            withDrafts = db.Applications.Where(a => a.Status == ApplicationStatus.Draft).Select(a => a.OrganisationId).Distinct().ToList();
        }
        Assert.Equal(2, withDrafts.Count);

        // four days before: not yet (three days is the default)
        one.Clock.Now = two.Clock.Now = deadline - TimeSpan.FromDays(4);
        Assert.Equal(0, await RemindAsync(one) + await RemindAsync(two));

        one.Clock.Now = two.Clock.Now = deadline - TimeSpan.FromDays(2);
        var runs = await Task.WhenAll(RemindAsync(one), RemindAsync(two), RemindAsync(one), RemindAsync(two));
        Assert.Equal(2, runs.Sum());
        Assert.Equal(0, await RemindAsync(one) + await RemindAsync(two));

        using (var db = one.Db())
        {
            Assert.Equal(withDrafts.Order(), db.SentReminders.Select(r => r.OrganisationId).ToList().Order());
            var notices = db.Notifications.Where(n => n.Subject.StartsWith("申报截止提醒")).ToList();
            var people = db.Users.Where(u => notices.Select(n => n.UserId).Contains(u.Id)).Select(u => u.UserName!).ToList();
            Assert.Equal(["hynu-admin", "zhiheng-admin", "zhiheng-leader"], people.Order(StringComparer.Ordinal));
            Assert.Equal(3, notices.Count);
            var zhiheng = notices.First(n => n.UserId == db.Users.Single(u => u.UserName == "zhiheng-admin").Id);
            Assert.Contains("尚有 2 份申报书未提交", zhiheng.Body, StringComparison.Ordinal);
            Assert.Equal(2, db.AuditTrail.Count(a => a.Action == AuditAction.ReminderSent));
        }
        await one.DeliverMailAsync();
        Assert.Single(one.Mails(), m => m.To.Mailboxes.Any(b => b.Address == "zhiheng-leader@demo.invalid") && (m.Subject ?? "").StartsWith("申报截止提醒", StringComparison.Ordinal));
        Assert.IsType<ChainCheck.Holds>(AuditTrail.Verify(one));

        // after the deadline nothing more is sent
        one.Clock.Now = deadline + TimeSpan.FromMinutes(1);
        Assert.Equal(0, await RemindAsync(one));
    }
}
