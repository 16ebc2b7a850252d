using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Notifications;

namespace Shenbao.Web.Notifications;

/// <summary>
/// Tells people of an event: a notice in each one's inbox, and a mail in the outbox for each who has an address. Both
/// are added to the page's context, so they are saved in the transaction of the event itself.
/// </summary>
public sealed class Notifier(AppDbContext db, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>The site's address as configured (never the request's Host header, which a client chooses).</summary>
    public string PublicBaseUrl { get; } = Shenbao.Data.PublicAddress.Of(configuration);

    public string Absolute(string path) => PublicBaseUrl + path;

    public void Notify(IEnumerable<User> people, string subject, string body, string? link = null)
    {
        subject = Bounded(subject);
        var now = clock.GetUtcNow();
        foreach (var person in people.DistinctBy(p => p.Id))
        {
            db.Notifications.Add(new Notification { UserId = person.Id, CreatedAt = now, Subject = subject, Body = body, Link = link });
            Mail(person, subject, link is null ? body : $"{body}\n\n查看详情：{Absolute(link)}");
        }
    }

    /// <summary>A mail only (a link to set a password is not for the inbox of someone who cannot sign in yet).</summary>
    public void Mail(User person, string subject, string body)
    {
        subject = Bounded(subject);
        if (person.Email is not { Length: > 0 } address) return;
        var now = clock.GetUtcNow();
        db.Outbox.Add(new OutboxMessage
        {
            ToAddress = address, ToName = person.DisplayName, Subject = subject,
            Body = $"{person.DisplayName}：\n\n{body}\n\n—— 衡阳市科技创新计划项目申报管理系统（本邮件由系统发送，请勿回复）",
            CreatedAt = now, NextAttemptAt = now,
        });
    }

    /// <summary>The people an application's news concerns: its organisation's administrators and the person who made it.</summary>
    public async Task<List<User>> ConcernedWithAsync(Application application, CancellationToken ct)
    {
        var admins = await OrganisationAdminsAsync(application.OrganisationId, ct);
        if (admins.All(a => a.Id != application.CreatedById) && await db.Users.FindAsync([application.CreatedById], ct) is { } maker) admins.Add(maker);
        return admins;
    }

    /// <summary>Everyone with an account role (the 市科技局's officers, who hear of objections and corrected returns).</summary>
    public Task<List<User>> InRoleAsync(string role, CancellationToken ct) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == role
         select u).ToListAsync(ct);

    public Task<List<User>> OrganisationAdminsAsync(int organisationId, CancellationToken ct) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where u.OrganisationId == organisationId && r.Name == Roles.OrgAdmin
         select u).ToListAsync(ct);

    /// <summary>A subject names what it is about (an organisation's name may itself be 200 characters): cut to what is stored.</summary>
    private static string Bounded(string subject) => subject.Length <= SubjectLimit ? subject : subject[..(SubjectLimit - 1)] + "…";

    private const int SubjectLimit = 200;
}
