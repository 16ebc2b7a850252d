namespace Shenbao.Data.Notifications;

/// <summary>站内消息: one person's notice, written with the event it tells of. Read in the inbox; never lost to a mail failure.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    /// <summary>A page of the site the notice is about (a path such as /Applications/Details/3).</summary>
    public string? Link { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>
/// A mail waiting to be sent, written in the same transaction as the event: the sender delivers it, retries a failure
/// later, and a sender that died while holding it gives it up when its claim runs out.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string ToAddress { get; set; }
    public required string ToName { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>A sender has taken the message until then; after that another may.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Why the last attempt failed (the transport's message, never the mail's content).</summary>
    public string? LastError { get; set; }
}

/// <summary>截止提醒 already sent to an organisation for a call: the key makes a second sending fail, however many processes run.</summary>
public sealed class SentReminder
{
    public int CallId { get; set; }
    public int OrganisationId { get; set; }
    public DateTimeOffset SentAt { get; set; }
}
