namespace Shenbao.Web.Notifications;

/// <summary>What the notification jobs log: ids and counts, never an address or a message's content.</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MessageId} not delivered (attempt {Attempts}), retrying after {Retry}: {Error}")]
    public static partial void NotDelivered(ILogger logger, long messageId, int attempts, DateTimeOffset retry, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder for call {Call}, organisation {Organisation} already sent by another process")]
    public static partial void ReminderAlreadySent(ILogger logger, int call, int organisation);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder for call {Call}, organisation {Organisation} failed; retried on the next run")]
    public static partial void ReminderFailed(ILogger logger, int call, int organisation, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification run failed")]
    public static partial void RunFailed(ILogger logger, Exception error);
}
