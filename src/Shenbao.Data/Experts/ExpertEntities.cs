using Shenbao.Domain.Experts;

namespace Shenbao.Data.Experts;

/// <summary>
/// 评审专家: one person of the pool, with the account they sign in with (the e-mail is the user name). Personal data:
/// the 身份证号 is shown masked everywhere (an unmasked view is audited), and none of it is ever logged.
/// </summary>
public sealed class Expert
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string IdNumber { get; set; }
    public required string Organisation { get; set; }
    public string? Title { get; set; }
    /// <summary>专业领域 as "|field|field|", so that a list can be filtered by one.</summary>
    public required string Fields { get; set; }
    public required string Phone { get; set; }
    public required string Email { get; set; }
    /// <summary>回避单位 as "|name|name|".</summary>
    public string AvoidOrganisations { get; set; } = "";
    /// <summary>A deactivated expert is assigned nothing new; their reviews stand.</summary>
    public bool Active { get; set; } = true;
    public required string UserId { get; set; }
    public User User { get; set; } = null!;
    public DateTimeOffset ImportedAt { get; set; }
    public required string ImportedBy { get; set; }
    /// <summary>When the mail with the one-time link to set the password was queued; null until then.</summary>
    public DateTimeOffset? InvitedAt { get; set; }
    /// <summary>Concurrency token, bumped by every edit.</summary>
    public int Version { get; set; }

    public IReadOnlyList<string> FieldList => Bars.Split(Fields);
    public IReadOnlyList<string> AvoidList => Bars.Split(AvoidOrganisations);
    public string MaskedIdNumber => IdentityNumber.Mask(IdNumber);

    public PoolExpert ToPool(int load) => new(Id, Name, Organisation, FieldList, AvoidList, load);
}

/// <summary>Lists stored as "|a|b|": a LIKE '%|a|%' finds one value exactly.</summary>
public static class Bars
{
    public static string Join(IEnumerable<string> values) => values.Any() ? "|" + string.Join("|", values) + "|" : "";

    public static IReadOnlyList<string> Split(string? stored) => stored is null ? [] : stored.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string Of(string value) => "|" + value + "|";
}

/// <summary>Where one expert's review of one application stands. Stored by name: never renamed, only added to.</summary>
public enum ReviewState
{
    /// <summary>Assigned; the expert has not yet declared whether they have a conflict (nothing of the content is shown).</summary>
    Pending,
    /// <summary>Declared free of conflict: the content is shown and the scores may be saved as a draft.</summary>
    Declared,
    /// <summary>Submitted: locked, reopened only by an officer with a reason.</summary>
    Submitted,
    /// <summary>The expert declared a conflict: the application goes back for another expert.</summary>
    Conflict,
    /// <summary>Replaced by an officer, with a reason.</summary>
    Replaced,
    /// <summary>Not submitted when the officer ended the application's review without it: nothing more to do.</summary>
    Closed,
}

public static class ReviewStates
{
    /// <summary>How the officers' pages and the statistics word a review's state.</summary>
    public static string Label(ReviewState state) => state switch
    {
        ReviewState.Pending => "待声明",
        ReviewState.Declared => "评审中",
        ReviewState.Submitted => "已提交",
        ReviewState.Conflict => "声明冲突",
        ReviewState.Replaced => "已更换",
        ReviewState.Closed => "未提交（评审已结束）",
        _ => state.ToString(),
    };
}

/// <summary>
/// One expert's assignment to one application and their review of it: the declaration, the scores per criterion
/// with comments, and the submission. Never shown to the applicant, nor to any other expert.
/// </summary>
public sealed class ExpertReview
{
    public long Id { get; set; }
    public int CallId { get; set; }
    public int ApplicationId { get; set; }
    public Application Application { get; set; } = null!;
    public int ExpertId { get; set; }
    public Expert Expert { get; set; } = null!;
    /// <summary>The assignment run that made it; null for an officer's replacement.</summary>
    public int? RunId { get; set; }
    public AssignmentRun? Run { get; set; }
    public ReviewState State { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
    public required string AssignedBy { get; set; }
    public DateTimeOffset? DeclaredAt { get; set; }
    /// <summary>What the expert said of their conflict, when they declared one.</summary>
    public string? ConflictNote { get; set; }
    /// <summary>Criterion id → score, as decimal text.</summary>
    public string ScoresJson { get; set; } = "{}";
    /// <summary>Criterion id → the expert's comment on it.</summary>
    public string CommentsJson { get; set; } = "{}";
    /// <summary>总体评价意见.</summary>
    public string? Opinion { get; set; }
    /// <summary>The sum of the scores, once submitted.</summary>
    public decimal? Total { get; set; }
    public DateTimeOffset? SavedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    /// <summary>Why an officer replaced the expert or reopened the review (the latest).</summary>
    public string? OfficerNote { get; set; }
    public int Version { get; set; }

    /// <summary>The states in which the assignment stands: the application counts it among its experts.</summary>
    public static readonly IReadOnlyList<ReviewState> Standing = [ReviewState.Pending, ReviewState.Declared, ReviewState.Submitted];

    public const int CommentLimit = 2000;
}

/// <summary>One run of the assignment over a call: its seed (the same seed over the same data assigns the same), its limit, and what it left short.</summary>
public sealed class AssignmentRun
{
    public int Id { get; set; }
    public int CallId { get; set; }
    public int Seed { get; set; }
    public int MaxPerExpert { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    public int Assigned { get; set; }
    /// <summary>The applications left short, with why (Shortfall records as JSON).</summary>
    public string ShortfallsJson { get; set; } = "[]";
    public List<AssignmentExclusion> Exclusions { get; set; } = [];
}

/// <summary>An expert kept off an application by a run, with the reason: every 回避 is logged.</summary>
public sealed class AssignmentExclusion
{
    public long Id { get; set; }
    public int RunId { get; set; }
    public int ApplicationId { get; set; }
    public int ExpertId { get; set; }
    public Expert Expert { get; set; } = null!;
    public ExclusionReason Reason { get; set; }
    public required string Detail { get; set; }
}

/// <summary>A review reminder sent: once per call, expert and day-mark (keyed, like the applicants' reminders).</summary>
public sealed class ReviewReminder
{
    public int CallId { get; set; }
    public int ExpertId { get; set; }
    public DateTimeOffset SentAt { get; set; }
}
