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
    /// <summary>When the password was last set: a privileged role must change it every 90 days.</summary>
    public DateTimeOffset? PasswordChangedAt { get; set; }
    /// <summary>The TOTP key (RFC 6238, Base32), made at enrolment; the second factor of a privileged role.</summary>
    public string? TotpSecret { get; set; }
    /// <summary>When enrolment was confirmed with a first code; until then the key is only offered.</summary>
    public DateTimeOffset? TotpEnabledAt { get; set; }
    /// <summary>The last time step whose code was accepted: a code is accepted once, and never an older one after it.</summary>
    public long? TotpLastStep { get; set; }
    /// <summary>停用: set by the 系统管理员; the account signs in no more and its sessions end.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}

/// <summary>A one-time recovery code for when the authenticator is lost (only its SHA-256 is kept).</summary>
public sealed class RecoveryCode
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>A password a person has had (its own salted hash), kept so that a privileged role cannot reuse one of its last five.</summary>
public sealed class PasswordHistoryEntry
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset SetAt { get; set; }
}

/// <summary>Pending: waiting for the 推荐单位; Returned: sent back with a reason, for the organisation to correct and resubmit.</summary>
public enum OrganisationStatus { Pending, Active, Returned }

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
    /// <summary>The latest return of the registration (kept after a resubmission, so the 推荐单位 sees what was asked).</summary>
    public DateTimeOffset? ReturnedAt { get; set; }
    public string? ReturnedBy { get; set; }
    public string? ReturnReason { get; set; }
    /// <summary>The facts the rules read, in the shape of the request's "applicant" (spec/eligibility.md).</summary>
    public string ProfileJson { get; set; } = "{}";
    /// <summary>
    /// 科技型中小企业入库登记编号, given by the national evaluation platform (which keeps the official record), with
    /// the year it is for; its proof is a profile proof of the techSme group.
    /// </summary>
    public string? TechSmeNumber { get; set; }
    public int? TechSmeNumberYear { get; set; }
    /// <summary>Concurrency token, bumped by every save (SQLite has no rowversion).</summary>
    public int Version { get; set; }

    public const int ReturnReasonLimit = 500;
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
    /// <summary>How many applications have been numbered in this call: the next one gets this plus one.</summary>
    public int ApplicationsNumbered { get; set; }

    /// <summary>公示: the period the proposed list is published for (set when it is published).</summary>
    public DateTimeOffset? PublicityStartsAt { get; set; }
    public DateTimeOffset? PublicityEndsAt { get; set; }

    /// <summary>专家评审截止时间: set by the bureau when it assigns the experts; reminders go out before it.</summary>
    public DateTimeOffset? ReviewDeadline { get; set; }

    /// <summary>Created but not yet published by the bureau: not on the home page, and nothing may be made under it.</summary>
    public bool IsDraft { get; set; }

    public CallWindow Window => new(OpensAt, Deadline, RecommendationDeadline, PublicityEndsAt) { Published = !IsDraft };
}

/// <summary>申请: one organisation's application to one category of a call.</summary>
public sealed class Application
{
    public int Id { get; set; }
    /// <summary>Given at creation (Submission.Number) and never changed; its receipts derive from it.</summary>
    public required string Number { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public int CallId { get; set; }
    public FundingCall Call { get; set; } = null!;
    public required string Category { get; set; }
    /// <summary>The organisation's district when the application was made: what a 推荐单位's queue filters on.</summary>
    public required string District { get; set; }
    // what lists show, filter and sort on (Listing.Of the form, written on every save)
    public string? Title { get; set; }
    public string? SupportField { get; set; }
    public string? LeaderName { get; set; }
    public decimal? TotalBudget { get; set; }
    public decimal? RequestedFunding { get; set; }
    public string? PlatformId { get; set; }
    // what formal review filters and cross-checks on, written from the frozen submission (SubmissionIndex)
    /// <summary>The submission's verdict word (eligible | review | ineligible).</summary>
    public string? Verdict { get; set; }
    /// <summary>The rules the submission was warned on, as "|id|id|", so that a list can be filtered by one.</summary>
    public string? WarnedRules { get; set; }
    public string? ContractRegistrationNo { get; set; }
    /// <summary>MinHash signatures of the title and the summary (Similarity.Write), for near-duplicates across the call.</summary>
    public string? TitleSignature { get; set; }
    public string? SummarySignature { get; set; }
    /// <summary>拟资助金额 (yuan), set when the bureau proposes it for funding.</summary>
    public decimal? ProposedAmount { get; set; }
    /// <summary>
    /// 申请回避的专家: up to three people the applicant asked, when submitting, not to review it (AvoidedPerson records as
    /// JSON). Read by the assignment and the officers only: no expert sees it.
    /// </summary>
    public string? AvoidExperts { get; set; }
    /// <summary>The form's values, path → text as typed.</summary>
    public string FormJson { get; set; } = "{}";
    /// <summary>Rule id → the applicant's justification for a warned rule.</summary>
    public string JustificationsJson { get; set; } = "{}";
    public ApplicationStatus Status { get; set; }
    /// <summary>While returned: the status it was returned from, so that its resubmission goes back to whoever returned it.</summary>
    public ApplicationStatus? ReturnedFrom { get; set; }
    /// <summary>Concurrency token, bumped by every save: a save based on an older version is refused.</summary>
    public int Version { get; set; }
    /// <summary>
    /// The edit page (a token it was rendered with) that saved the current version: a save from that same page based
    /// on an older version is its own autosave overtaken by a click, not someone else's change.
    /// </summary>
    public string? LastEditor { get; set; }
    public string? ReceiptNo { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? ContentHash { get; set; }
    public required string CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<ApplicationEvent> Events { get; set; } = [];
    public List<Attachment> Attachments { get; set; } = [];
    public List<SubmissionSnapshot> Snapshots { get; set; } = [];

    /// <summary>The form's values as saved, with the listing columns that come from them under the category's form.</summary>
    public void SetForm(Shenbao.Domain.Guides.Category category, IReadOnlyDictionary<string, string> values)
    {
        FormJson = System.Text.Json.JsonSerializer.Serialize(values, Shenbao.Domain.Eligibility.CheckJson.Options);
        var listing = Listing.Of(category, values);
        (Title, SupportField, LeaderName, TotalBudget, RequestedFunding, PlatformId) =
            (listing.Title, listing.SupportField, listing.LeaderName, listing.TotalBudget, listing.RequestedFunding, listing.PlatformId);
    }
}

/// <summary>
/// One submission, frozen (Domain's <see cref="Snapshot"/>): the parts as hashed, the manifest naming their hashes, and
/// the receipt's hash over the manifest. Written once, never updated.
/// </summary>
public sealed class SubmissionSnapshot
{
    public long Id { get; set; }
    public int ApplicationId { get; set; }
    public required string ReceiptNo { get; set; }
    public required string ApplicationNumber { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public required string SubmittedById { get; set; }
    public required string GuideId { get; set; }
    public required string GuideVersion { get; set; }
    public DateOnly AsOf { get; set; }
    public required string Facts { get; set; }
    public required string Form { get; set; }
    public required string Justifications { get; set; }
    public required string Results { get; set; }
    public required string Files { get; set; }
    public required string Manifest { get; set; }
    public required string Hash { get; set; }

    public Snapshot ToSnapshot() => new(ReceiptNo, ApplicationNumber, SubmittedById, SubmittedAt, GuideId, GuideVersion, AsOf, Facts, Form, Justifications, Results, Files);

    public static SubmissionSnapshot From(Snapshot snapshot) => new()
    {
        ReceiptNo = snapshot.ReceiptNo, ApplicationNumber = snapshot.ApplicationNumber, SubmittedAt = snapshot.SubmittedAt, SubmittedById = snapshot.SubmittedById,
        GuideId = snapshot.GuideId, GuideVersion = snapshot.GuideVersion, AsOf = snapshot.AsOf,
        Facts = snapshot.Facts, Form = snapshot.Form, Justifications = snapshot.Justifications, Results = snapshot.Results, Files = snapshot.Files,
        Manifest = snapshot.Manifest(), Hash = snapshot.Hash(),
    };
}

/// <summary>
/// One step of an application's timeline: who (user id and the role acted in) did which action, when, from which
/// status to which. The action is a value; the page words it. UserName is the person's name as it was then.
/// </summary>
public sealed class ApplicationEvent
{
    public long Id { get; set; }
    public int ApplicationId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string UserId { get; set; }
    public ActorRole Role { get; set; }
    public required string UserName { get; set; }
    public ApplicationAction Action { get; set; }
    public ApplicationStatus? From { get; set; }
    public ApplicationStatus To { get; set; }
    public string? Note { get; set; }
    /// <summary>Why, as the applicant reads it (a return, a refusal, 不予推荐).</summary>
    public string? Reason { get; set; }
    /// <summary>The officials' own note: never shown to the applicant.</summary>
    public string? InternalNote { get; set; }
    /// <summary>The guide clauses a refusal rests on, as "|id|id|" (the applicant reads them, linked to the guide).</summary>
    public string? Clauses { get; set; }

    public IReadOnlyList<string> ClauseIds => Clauses is null ? [] : Clauses.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public const int ReasonLimit = 2000;

    /// <summary>The step the workflow allowed, as the timeline records it.</summary>
    public static ApplicationEvent Of(Decision.Allowed step, string userId, ActorRole role, string userName, DateTimeOffset at, string? note = null) =>
        new() { At = at, UserId = userId, Role = role, UserName = userName, Action = step.Action, From = step.From, To = step.To, Note = note };
}

/// <summary>
/// An uploaded file: what it proves (an attachment type of the guide, or a profile fact's proof), stored once
/// on disk under its SHA-256.
/// </summary>
public sealed class Attachment
{
    /// <summary>The Purpose prefix of a profile section's proof documents ("proof:highTech"), as against an application's own.</summary>
    public const string ProofPrefix = "proof:";

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
    public const string OrgAdmin = nameof(ActorRole.OrgAdmin);
    public const string ProjectLeader = nameof(ActorRole.ProjectLeader);
    public const string Recommender = nameof(ActorRole.Recommender);
    public const string Bureau = nameof(ActorRole.Bureau);
    public const string Expert = nameof(ActorRole.Expert);
    public const string SystemAdmin = nameof(ActorRole.SystemAdmin);
    public const string AuditAdmin = nameof(ActorRole.AuditAdmin);
    public const string SecurityAdmin = nameof(ActorRole.SecurityAdmin);

    /// <summary>Every role with its Chinese name; the names are the workflow's <see cref="ActorRole"/> values.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels =
        Enum.GetValues<ActorRole>().ToDictionary(r => r.ToString(), Workflow.Label);

    /// <summary>
    /// The roles that decide or administer (the 市科技局, experts and the three administrators): a second factor, a
    /// password changed every 90 days and none of the last five again.
    /// </summary>
    public static bool IsPrivileged(string role) => role is Bureau or Expert || IsAdministrator(role);

    /// <summary>
    /// Why an account holding <paramref name="held"/> may not also take <paramref name="adding"/>, or null when it may:
    /// an administrator's role (三员) stands alone — no account is two of them, nor one of them and anything else.
    /// </summary>
    public static string? RefusalToAdd(IReadOnlyCollection<string> held, string adding)
    {
        ArgumentNullException.ThrowIfNull(held);
        if (held.Contains(adding)) return "该账号已有此角色";
        if (IsAdministrator(adding) && held.Count > 0) return "三员分立：系统管理员、审计管理员、安全管理员的角色不能与其他任何角色同属一个账号";
        if (held.Any(IsAdministrator)) return "该账号是管理员（三员分立），不能再兼任其他角色";
        return null;
    }

    /// <summary>The three administrators (三员): never reset by mail, kept apart from each other.</summary>
    public static bool IsAdministrator(string role) => role is SystemAdmin or AuditAdmin or SecurityAdmin;
}

/// <summary>限额推荐: how many applications of a category a 推荐单位 may recommend in a call, where the bureau sets it.</summary>
public sealed class RecommendationQuota
{
    public int Id { get; set; }
    public int CallId { get; set; }
    public required string District { get; set; }
    public required string Category { get; set; }
    public int Limit { get; set; }
}

/// <summary>One LSH band of an application's title or summary signature: near-duplicates share a band (Similarity.BandHashes).</summary>
public sealed class SimilarityBand
{
    public long Id { get; set; }
    public int CallId { get; set; }
    public int ApplicationId { get; set; }
    public Application Application { get; set; } = null!;
    /// <summary>"title" or "summary".</summary>
    public required string Text { get; set; }
    public int Band { get; set; }
    public long Hash { get; set; }
}

/// <summary>
/// 公示异议: an objection to a project on the published list, by a named person with a contact (anonymous ones are
/// refused), recorded and answered. Personal data: shown to the bureau only, never logged.
/// </summary>
public sealed class Objection
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public Application Application { get; set; } = null!;
    public required string Name { get; set; }
    public required string Contact { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string? Answer { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }

    public const int TextLimit = 2000;
}

/// <summary>A guide file imported by the bureau: kept as written, validated again at every start, served like the shipped ones.</summary>
public sealed class StoredGuide
{
    public int Id { get; set; }
    public required string GuideId { get; set; }
    public required string Version { get; set; }
    public required string Yaml { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public required string ImportedBy { get; set; }

    public const int YamlLimit = 1_000_000;
}
