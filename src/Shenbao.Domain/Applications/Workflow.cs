using System.Diagnostics;
using Shenbao.Domain.Eligibility;

namespace Shenbao.Domain.Applications;

/// <summary>Where an application stands in the call's lifecycle. Stored by name: never renamed, only added to.</summary>
public enum ApplicationStatus
{
    Draft,
    Submitted,
    Recommended,
    Returned,
    NotRecommended,
    Accepted,
    Refused,
    ExpertReview,
    Reviewed,
    Proposed,
    Publicity,
    Approved,
    Declined,
    Withdrawn,
}

/// <summary>What a person does to an application. Stored by name in the timeline: never renamed, only added to.</summary>
public enum ApplicationAction
{
    Create,
    Edit,
    Submit,
    /// <summary>撤回: back to draft before recommendation, to be submitted again.</summary>
    Withdraw,
    Recommend,
    /// <summary>退回修改: by the 推荐单位 before recommending, or by the bureau at formal review.</summary>
    Return,
    NotRecommend,
    /// <summary>形式审查通过.</summary>
    Accept,
    /// <summary>不予受理.</summary>
    Refuse,
    /// <summary>Into expert review: the assignment of its experts.</summary>
    StartReview,
    /// <summary>Out of expert review once every assigned review is submitted (the caller counts them).</summary>
    FinishReview,
    /// <summary>拟立项: onto the funded list the bureau proposes.</summary>
    Propose,
    /// <summary>公示: the proposed list published for its publicity period.</summary>
    Publish,
    /// <summary>立项, once the publicity period has passed.</summary>
    Approve,
    /// <summary>不予立项.</summary>
    Decline,
    /// <summary>放弃申报: the applicant gives up for good, with a reason.</summary>
    Abandon,
}

/// <summary>The roles people act in. Their names are the account roles' names.</summary>
public enum ActorRole
{
    OrgAdmin,
    ProjectLeader,
    Recommender,
    Bureau,
    Expert,
    SystemAdmin,
    AuditAdmin,
    SecurityAdmin,
}

/// <summary>
/// The dates of a call that decide what may happen when; the publicity period's end once the funded list is
/// published (null before).
/// </summary>
public sealed record CallWindow(DateTimeOffset OpensAt, DateTimeOffset Deadline, DateTimeOffset RecommendationDeadline, DateTimeOffset? PublicityEndsAt = null)
{
    /// <summary>Whether the bureau has published the call; an unpublished one takes no application.</summary>
    public bool Published { get; init; } = true;
}

/// <summary>The table's answer: a move with the step to record, or a refusal with its reason in Chinese.</summary>
public abstract record Decision
{
    private Decision() { }

    /// <summary>May go ahead: the action, and the status it moves from and to (an edit moves nothing).</summary>
    public sealed record Allowed(ApplicationAction Action, ApplicationStatus? From, ApplicationStatus To) : Decision;

    public sealed record Refused(string Reason) : Decision;
}

/// <summary>What must hold at the moment of a move, beyond who makes it from where.</summary>
public enum Guard
{
    None,
    /// <summary>Between the call's opening and its submission deadline.</summary>
    SubmissionWindow,
    /// <summary>Before the submission deadline (a withdrawn application must be submittable again).</summary>
    BeforeDeadline,
    BeforeRecommendationDeadline,
    /// <summary>The publicity period has been set and has ended.</summary>
    PublicityOver,
}

/// <summary>
/// One line of the table: from a status (null: not yet created), an action by one of the roles, to a status, under a
/// guard. A resubmission of a returned application goes back to whoever returned it: <see cref="ReturnedFrom"/>.
/// </summary>
public sealed record Transition(ApplicationStatus? From, ApplicationAction Action, IReadOnlyList<ActorRole> Roles, ApplicationStatus To, Guard Guard = Guard.None, ApplicationStatus? ReturnedFrom = null);

/// <summary>
/// The lifecycle as one transition table: who may do what to an application in which status, and when. Every legal
/// move is a line here; anything else is refused with its reason. Pages ask, and do what the answer says. Quotas and
/// completeness are counted by the caller (they need the other applications); this table is the rest.
/// </summary>
public static class Workflow
{
    private static readonly ActorRole[] Applicant = [ActorRole.OrgAdmin, ActorRole.ProjectLeader];
    private static readonly ActorRole[] Recommender = [ActorRole.Recommender];
    private static readonly ActorRole[] Bureau = [ActorRole.Bureau];

    /// <summary>Every legal move.</summary>
    public static readonly IReadOnlyList<Transition> Table =
    [
        new(null, ApplicationAction.Create, Applicant, ApplicationStatus.Draft, Guard.SubmissionWindow),
        new(ApplicationStatus.Draft, ApplicationAction.Edit, Applicant, ApplicationStatus.Draft),
        new(ApplicationStatus.Draft, ApplicationAction.Submit, Applicant, ApplicationStatus.Submitted, Guard.SubmissionWindow),
        // 撤回: possible until the 推荐单位 has recommended it, and only while it could be submitted again
        new(ApplicationStatus.Submitted, ApplicationAction.Withdraw, Applicant, ApplicationStatus.Draft, Guard.BeforeDeadline),
        // the 推荐单位, before its deadline
        new(ApplicationStatus.Submitted, ApplicationAction.Recommend, Recommender, ApplicationStatus.Recommended, Guard.BeforeRecommendationDeadline),
        new(ApplicationStatus.Submitted, ApplicationAction.NotRecommend, Recommender, ApplicationStatus.NotRecommended, Guard.BeforeRecommendationDeadline),
        new(ApplicationStatus.Submitted, ApplicationAction.Return, Recommender, ApplicationStatus.Returned, Guard.BeforeRecommendationDeadline),
        // a returned application is the applicant's again; corrected, it goes back to whoever returned it
        new(ApplicationStatus.Returned, ApplicationAction.Edit, Applicant, ApplicationStatus.Returned),
        new(ApplicationStatus.Returned, ApplicationAction.Submit, Applicant, ApplicationStatus.Submitted, Guard.BeforeRecommendationDeadline, ReturnedFrom: ApplicationStatus.Submitted),
        new(ApplicationStatus.Returned, ApplicationAction.Submit, Applicant, ApplicationStatus.Recommended, ReturnedFrom: ApplicationStatus.Recommended),
        // formal review by the bureau
        new(ApplicationStatus.Recommended, ApplicationAction.Accept, Bureau, ApplicationStatus.Accepted),
        new(ApplicationStatus.Recommended, ApplicationAction.Refuse, Bureau, ApplicationStatus.Refused),
        new(ApplicationStatus.Recommended, ApplicationAction.Return, Bureau, ApplicationStatus.Returned),
        // expert review: in with the assignment of experts, out when their reviews are all in (counted by the caller)
        new(ApplicationStatus.Accepted, ApplicationAction.StartReview, Bureau, ApplicationStatus.ExpertReview),
        new(ApplicationStatus.ExpertReview, ApplicationAction.FinishReview, Bureau, ApplicationStatus.Reviewed),
        // decision and 公示
        new(ApplicationStatus.Reviewed, ApplicationAction.Propose, Bureau, ApplicationStatus.Proposed),
        new(ApplicationStatus.Reviewed, ApplicationAction.Decline, Bureau, ApplicationStatus.Declined),
        new(ApplicationStatus.Proposed, ApplicationAction.Publish, Bureau, ApplicationStatus.Publicity),
        new(ApplicationStatus.Proposed, ApplicationAction.Decline, Bureau, ApplicationStatus.Declined),
        new(ApplicationStatus.Publicity, ApplicationAction.Approve, Bureau, ApplicationStatus.Approved, Guard.PublicityOver),
        // an objection upheld, during the period or after it
        new(ApplicationStatus.Publicity, ApplicationAction.Decline, Bureau, ApplicationStatus.Declined),
        // 放弃申报: the organisation's decision (its administrator's), at any point before the decision on funding
        .. AbandonableStatuses.Select(s => new Transition(s, ApplicationAction.Abandon, [ActorRole.OrgAdmin], ApplicationStatus.Withdrawn)),
    ];

    private static ApplicationStatus[] AbandonableStatuses =>
    [
        ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.Returned, ApplicationStatus.Recommended,
        ApplicationStatus.Accepted, ApplicationStatus.ExpertReview, ApplicationStatus.Reviewed, ApplicationStatus.Proposed, ApplicationStatus.Publicity,
    ];

    /// <summary>The actions that must say why: the applicant (or the bureau) reads it.</summary>
    public static bool NeedsReason(ApplicationAction action) => action is ApplicationAction.Return or ApplicationAction.NotRecommend
        or ApplicationAction.Refuse or ApplicationAction.Decline or ApplicationAction.Abandon;

    /// <summary>
    /// May <paramref name="role"/> do <paramref name="action"/> to an application in status <paramref name="from"/>
    /// (null: one not yet created) now? The organisation and district scoping is the caller's query; this is the rest.
    /// </summary>
    /// <param name="returnedFrom">For a returned application: the status it was returned from (who gets it back).</param>
    public static Decision Decide(ApplicationStatus? from, ApplicationAction action, ActorRole role, DateTimeOffset now, CallWindow call, ApplicationStatus? returnedFrom = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!Table.Any(t => t.Action == action && t.Roles.Contains(role)))
            return new Decision.Refused($"{Label(role)}不能{Label(action)}" + (Label(action).EndsWith("申报", StringComparison.Ordinal) ? "" : "申报书"));
        var lines = Table.Where(t => t.From == from && t.Action == action && (t.ReturnedFrom is null || t.ReturnedFrom == (returnedFrom ?? ApplicationStatus.Submitted))).ToList();
        if (lines.Count == 0)
            return new Decision.Refused((from, action) switch
            {
                (null, _) => "申报书尚未创建",
                (ApplicationStatus.Submitted, ApplicationAction.Edit) => "该申报书已提交，不能再修改；如需修改请先撤回",
                _ => $"当前状态（{Label(from.Value)}）不能{Label(action)}",
            });
        if (lines.FirstOrDefault(t => t.Roles.Contains(role)) is not { } line)
            return new Decision.Refused($"{Label(role)}不能{Label(action)}{Label(from!.Value)}的申报书");
        return (Decision?)Check(line.Guard, action, now, call) ?? new Decision.Allowed(action, from, line.To);
    }

    /// <summary>The statuses in which an application stands lodged with the call: what quotas count, whose receipt stands.</summary>
    public static readonly IReadOnlyList<ApplicationStatus> Lodged =
    [
        ApplicationStatus.Submitted, ApplicationStatus.Recommended, ApplicationStatus.Accepted, ApplicationStatus.ExpertReview,
        ApplicationStatus.Reviewed, ApplicationStatus.Proposed, ApplicationStatus.Publicity, ApplicationStatus.Approved,
    ];

    /// <summary>
    /// What the guide's 限报 counts (applications on the same platform): the lodged ones and the returned ones, which are
    /// to come back; a return must not free a place that its correction will need again.
    /// </summary>
    public static readonly IReadOnlyList<ApplicationStatus> Counted = [.. Lodged, ApplicationStatus.Returned];

    /// <summary>Whether the application may be changed by this role: a question to the table, not a status comparison.</summary>
    public static bool CanEdit(ApplicationStatus status, ActorRole role, DateTimeOffset now, CallWindow call) =>
        Decide(status, ApplicationAction.Edit, role, now, call) is Decision.Allowed;

    private static Decision.Refused? Check(Guard guard, ApplicationAction action, DateTimeOffset now, CallWindow call) => guard switch
    {
        Guard.None => null,
        Guard.SubmissionWindow => !call.Published ? new("申报批次尚未发布")
            : now >= call.Deadline ? new($"申报已于{ChinaTime.Describe(call.Deadline)}截止，不能再{(action == ApplicationAction.Create ? "新建申报书" : Label(action))}")
            : now < call.OpensAt ? new($"申报将于{ChinaTime.Describe(call.OpensAt)}开始，尚不能{(action == ApplicationAction.Create ? "新建申报书" : Label(action))}")
            : null,
        Guard.BeforeDeadline => now >= call.Deadline ? new($"申报已于{ChinaTime.Describe(call.Deadline)}截止，撤回后将不能再提交，因此不能撤回") : null,
        Guard.BeforeRecommendationDeadline => now < call.RecommendationDeadline ? null
            : action is ApplicationAction.Submit ? new($"推荐已于{ChinaTime.Describe(call.RecommendationDeadline)}截止，退回的申报书不能再重新提交")
            : new($"推荐已于{ChinaTime.Describe(call.RecommendationDeadline)}截止，不能再{Label(action)}"),
        Guard.PublicityOver => call.PublicityEndsAt is not { } end ? new("尚未公示，不能立项")
            : now < end ? new($"公示期至{ChinaTime.Describe(end)}结束，期满后才能立项")
            : null,
        _ => throw new UnreachableException(),
    };

    /// <summary>The id used by the CLI and the API ("not-recommended").</summary>
    public static string Id(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => "draft",
        ApplicationStatus.Submitted => "submitted",
        ApplicationStatus.Returned => "returned",
        ApplicationStatus.Recommended => "recommended",
        ApplicationStatus.NotRecommended => "not-recommended",
        ApplicationStatus.Accepted => "accepted",
        ApplicationStatus.Refused => "refused",
        ApplicationStatus.ExpertReview => "expert-review",
        ApplicationStatus.Reviewed => "reviewed",
        ApplicationStatus.Proposed => "proposed",
        ApplicationStatus.Publicity => "publicity",
        ApplicationStatus.Approved => "approved",
        ApplicationStatus.Declined => "declined",
        ApplicationStatus.Withdrawn => "withdrawn",
        _ => throw new UnreachableException(),
    };

    /// <summary>The status of an id, or null for one that names none.</summary>
    public static ApplicationStatus? FromId(string id) => Enum.GetValues<ApplicationStatus>().Select(s => (ApplicationStatus?)s).FirstOrDefault(s => Id(s!.Value) == id);

    public static string Label(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => "草稿",
        ApplicationStatus.Submitted => "已提交",
        ApplicationStatus.Returned => "退回修改",
        ApplicationStatus.Recommended => "已推荐",
        ApplicationStatus.NotRecommended => "不予推荐",
        ApplicationStatus.Accepted => "形式审查通过",
        ApplicationStatus.Refused => "不予受理",
        ApplicationStatus.ExpertReview => "专家评审中",
        ApplicationStatus.Reviewed => "评审完成",
        ApplicationStatus.Proposed => "拟立项",
        ApplicationStatus.Publicity => "公示中",
        ApplicationStatus.Approved => "立项",
        ApplicationStatus.Declined => "不予立项",
        ApplicationStatus.Withdrawn => "已放弃",
        _ => throw new UnreachableException(),
    };

    /// <summary>What the applicant reads beside the status: where it stands and what it can do next.</summary>
    public static string NextStep(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => "填写完成并通过提交前检查后，在截止前提交。",
        ApplicationStatus.Submitted => "等待推荐单位审核推荐；推荐前可以撤回修改。",
        ApplicationStatus.Returned => "请按退回理由修改后重新提交，重新提交会得到新的回执。",
        ApplicationStatus.Recommended => "推荐单位已推荐，等待市科技局形式审查。",
        ApplicationStatus.NotRecommended => "推荐单位不予推荐，本批次申报到此结束。",
        ApplicationStatus.Accepted => "形式审查已通过，等待专家评审。",
        ApplicationStatus.Refused => "市科技局不予受理，本批次申报到此结束。",
        ApplicationStatus.ExpertReview => "专家评审中，请耐心等待。",
        ApplicationStatus.Reviewed => "专家评审已完成，等待立项决定。",
        ApplicationStatus.Proposed => "已列入拟立项名单，等待公示。",
        ApplicationStatus.Publicity => "拟立项名单公示中，公示期满后作出立项决定。",
        ApplicationStatus.Approved => "已立项。",
        ApplicationStatus.Declined => "不予立项，本批次申报到此结束。",
        ApplicationStatus.Withdrawn => "已放弃申报，此申报书不再参加本批次。",
        _ => throw new UnreachableException(),
    };

    public static string Label(ApplicationAction action) => action switch
    {
        ApplicationAction.Create => "创建",
        ApplicationAction.Edit => "修改",
        ApplicationAction.Submit => "提交",
        ApplicationAction.Withdraw => "撤回",
        ApplicationAction.Recommend => "推荐",
        ApplicationAction.Return => "退回",
        ApplicationAction.NotRecommend => "不予推荐",
        ApplicationAction.Accept => "形式审查通过",
        ApplicationAction.Refuse => "不予受理",
        ApplicationAction.StartReview => "送专家评审",
        ApplicationAction.FinishReview => "完成评审",
        ApplicationAction.Propose => "列入拟立项",
        ApplicationAction.Publish => "公示",
        ApplicationAction.Approve => "立项",
        ApplicationAction.Decline => "不予立项",
        ApplicationAction.Abandon => "放弃申报",
        _ => throw new UnreachableException(),
    };

    public static string Label(ActorRole role) => role switch
    {
        ActorRole.OrgAdmin => "申报单位管理员",
        ActorRole.ProjectLeader => "项目负责人",
        ActorRole.Recommender => "推荐单位",
        ActorRole.Bureau => "市科技局",
        ActorRole.Expert => "评审专家",
        ActorRole.SystemAdmin => "系统管理员",
        ActorRole.AuditAdmin => "审计管理员",
        ActorRole.SecurityAdmin => "安全管理员",
        _ => throw new UnreachableException(),
    };
}
