using Shenbao.Domain.Audit;

namespace Shenbao.Data.Audit;

/// <summary>
/// One row of the audit trail (table AuditTrail): appended with the change it records, in the same transaction, and
/// never updated or deleted (SQLite triggers refuse it; PostgreSQL's application role has INSERT and SELECT only).
/// Seq, PreviousHash and Hash are given by <see cref="AppDbContext"/> when it saves, under the chain's lock.
/// </summary>
public sealed class AuditEntry
{
    public long Seq { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    /// <summary>The person's user name as it was then (or the name typed at a failed sign-in).</summary>
    public string? UserName { get; set; }
    public string? Role { get; set; }
    public int? OrganisationId { get; set; }
    public string? ClientAddress { get; set; }
    public AuditAction Action { get; set; }
    public string? ObjectType { get; set; }
    public string? ObjectId { get; set; }
    public AuditOutcome Outcome { get; set; }
    public string? Details { get; set; }
    public string PreviousHash { get; set; } = AuditRecord.Genesis;
    public string Hash { get; set; } = "";

    public AuditRecord ToRecord() => new(Seq, At, UserId, UserName, Role, OrganisationId, ClientAddress, Action.ToString(), ObjectType, ObjectId, Outcome.ToString(), Details, PreviousHash);

    /// <summary>Takes the place, time and links the chain gave the record.</summary>
    internal void Link(AuditRecord record, string hash)
    {
        (Seq, At, PreviousHash, Hash) = (record.Seq, record.At, record.PreviousHash, hash);
    }

    /// <summary>The value a stored name stands for, or -1 (no value) when the text is not exactly one of the names.</summary>
    public static T Strict<T>(string stored) where T : struct, Enum =>
        Enum.TryParse<T>(stored, ignoreCase: false, out var value) && value.ToString() == stored ? value : (T)(object)(-1);

    /// <summary>Object types: what an audit row's object id names.</summary>
    public static class Objects
    {
        public const string Application = "application";
        public const string Organisation = "organisation";
        public const string User = "user";
        public const string Call = "call";
        public const string File = "file";
        public const string AuditTrail = "audit";
        public const string System = "system";
        public const string Expert = "expert";
        public const string Review = "review";
        public const string OfficialList = "official-list";
        public const string Page = "page";

        public static string Label(string? objectType) => objectType switch
        {
            Application => "申报书",
            Organisation => "单位",
            User => "用户",
            Call => "批次",
            File => "文件",
            AuditTrail => "审计日志",
            Expert => "评审专家",
            Review => "专家评审",
            System => "系统",
            Page => "页面或接口",
            null => "",
            _ => objectType,
        };
    }
}
