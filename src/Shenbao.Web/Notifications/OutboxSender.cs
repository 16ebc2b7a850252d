using Microsoft.EntityFrameworkCore;
using MimeKit;
using Shenbao.Data;
using Shenbao.Data.Notifications;

namespace Shenbao.Web.Notifications;

/// <summary>
/// Delivers the outbox: takes a due message with a claim (an UPDATE that only one sender wins), sends it, marks it
/// sent; a failure is tried again later, at growing intervals. A sender that dies holding a claim loses it when the
/// claim runs out, so after a restart (of this or another process) the message is sent by whoever runs next.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, IMailTransport transport, TimeProvider clock, IConfiguration configuration, ILogger<OutboxSender> log)
{
    public static readonly TimeSpan Claim = TimeSpan.FromMinutes(5);
    private readonly string from = configuration["Shenbao:Mail:From"] ?? "noreply@shenbao.hengyang.example";
    private readonly string fromName = configuration["Shenbao:Mail:FromName"] ?? "衡阳市科技创新计划项目申报管理系统";

    /// <summary>The wait before the n-th retry: 1, 2, 4 … minutes, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>Sends what is due now; returns how many were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(50).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            var claimed = await db.Outbox
                .Where(m => m.Id == id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, now + Claim).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (claimed == 0) continue;   // another sender took it
            var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, ct);
            try
            {
                await transport.SendAsync(Compose(message), ct);
                // once sent, the body (which may hold a one-time link) is not kept: whoever reads the database later cannot use it
                await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, clock.GetUtcNow()).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.Body, "（已发送，正文不保留）"), CancellationToken.None);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // the transport's own words, never the mail's content or address (personal data stays out of the log)
                var error = $"{e.GetType().Name}: {e.Message}";
                if (error.Length > 500) error = error[..500];
                var retry = clock.GetUtcNow() + Backoff(message.Attempts);
                await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, retry).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, error), ct);
                NotificationLog.NotDelivered(log, id, message.Attempts, retry, e.GetType().Name);
            }
        }
        return sent;
    }

    /// <summary>The mail: its Message-ID is fixed by the outbox row, so a resend after a crash is the same message.</summary>
    public MimeMessage Compose(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mail = new MimeMessage
        {
            MessageId = $"shenbao-outbox-{message.Id}@{from.Split('@').Last()}",
            Subject = message.Subject,
            Date = message.CreatedAt,
            Body = new TextPart("plain") { Text = message.Body },
        };
        mail.From.Add(new MailboxAddress(fromName, from));
        mail.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        return mail;
    }
}
