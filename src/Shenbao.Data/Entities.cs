using Microsoft.AspNetCore.Identity;
using Shenbao.Domain.Applications;

namespace Shenbao.Data;

/// <summary>A person who signs in. Belongs to an organisation (applicants) or a district (推荐单位), or neither.</summary>
public sealed class User : IdentityUser
{
    public required string DisplayName { get; set; }
    public int? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    /// <summary>For a 推荐单位: the district or park it recommends for.</summary>
    public string? District { get; set; }
    /// <summary>A demo account: its published password works only while the system runs in demo mode.</summary>
    public bool IsDemo { get; set; }
}

public enum OrganisationStatus { Pending, Active }

/// <summary>申报单位: registered with its credit code, activated by the 推荐单位 of its district.</summary>
public sealed class Organisation
{
    public int Id { get; set; }
    public required string CreditCode { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public required string District { get; set; }
    public required string ContactName { get; set; }
    public required string ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public OrganisationStatus Status { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    public string? ActivatedBy { get; set; }
    /// <summary>The facts the rules read, in the shape of the request's "applicant" (spec/eligibility.md).</summary>
    public string ProfileJson { get; set; } = "{}";
    /// <summary>Concurrency token, bumped by every save (SQLite has no rowversion).</summary>
    public int Version { get; set; }
}

/// <summary>批次: a guide opened for applications between two instants (stored in UTC, shown in Beijing time).</summary>
public sealed class FundingCall
{
    public int Id { get; set; }
    public required string GuideId { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public DateTimeOffset RecommendationDeadline { get; set; }
    /// <summary>Demo dates (set to "open now" by the demo data), shown as such.</summary>
    public bool IsDemo { get; set; }
}

/// <summary>申请: one organisation's application to one category of a call.</summary>
public sealed class Application
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public int CallId { get; set; }
    public FundingCall Call { get; set; } = null!;
    public required string Category { get; set; }
    /// <summary>The form's values, path → text as typed.</summary>
    public string FormJson { get; set; } = "{}";
    /// <summary>Rule id → the applicant's justification for a warned rule.</summary>
    public string JustificationsJson { get; set; } = "{}";
    public ApplicationStatus Status { get; set; }
    /// <summary>Concurrency token, bumped by every save: a save based on an older version is refused.</summary>
    public int Version { get; set; }
    public string? ReceiptNo { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? ContentHash { get; set; }
    public required string CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<ApplicationEvent> Events { get; set; } = [];
    public List<Attachment> Attachments { get; set; } = [];
}

/// <summary>One step of an application's timeline: who did what, when, from which status to which.</summary>
public sealed class ApplicationEvent
{
    public long Id { get; set; }
    public int ApplicationId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public ApplicationStatus? From { get; set; }
    public ApplicationStatus To { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// An uploaded file: what it proves (an attachment type of the guide, or a profile fact's proof), stored once
/// on disk under its SHA-256.
/// </summary>
public sealed class Attachment
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public int? ApplicationId { get; set; }
    public required string Purpose { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>Role names (English in code) and how people read them.</summary>
public static class Roles
{
    public const string OrgAdmin = "OrgAdmin";
    public const string ProjectLeader = "ProjectLeader";
    public const string Recommender = "Recommender";
    public const string Bureau = "Bureau";
    public const string Expert = "Expert";
    public const string SystemAdmin = "SystemAdmin";
    public const string AuditAdmin = "AuditAdmin";
    public const string SecurityAdmin = "SecurityAdmin";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [OrgAdmin] = "申报单位管理员",
        [ProjectLeader] = "项目负责人",
        [Recommender] = "推荐单位",
        [Bureau] = "市科技局",
        [Expert] = "评审专家",
        [SystemAdmin] = "系统管理员",
        [AuditAdmin] = "审计管理员",
        [SecurityAdmin] = "安全管理员",
    };
}
