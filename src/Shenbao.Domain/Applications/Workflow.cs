using System.Diagnostics;
using Shenbao.Domain.Eligibility;

namespace Shenbao.Domain.Applications;

/// <summary>Where an application stands in the call's lifecycle.</summary>
public enum ApplicationStatus
{
    Draft,
    Submitted,
    Recommended,
}

/// <summary>What a person does to an application. Stored by name in the timeline: never renamed, only added to.</summary>
public enum ApplicationAction
{
    Create,
    Edit,
    Submit,
    Withdraw,
    Recommend,
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

/// <summary>The dates of a call that decide what may happen when.</summary>
public sealed record CallWindow(DateTimeOffset OpensAt, DateTimeOffset Deadline, DateTimeOffset RecommendationDeadline);

/// <summary>The table's answer: a move with the step to record, or a refusal with its reason in Chinese.</summary>
public abstract record Decision
{
    private Decision() { }

    /// <summary>May go ahead: the action, and the status it moves from and to (an edit moves nothing).</summary>
    public sealed record Allowed(ApplicationAction Action, ApplicationStatus? From, ApplicationStatus To) : Decision;

    public sealed record Refused(string Reason) : Decision;
}

/// <summary>
/// The lifecycle as one transition table: who may do what to an application in which status, and when. Every legal
/// move is a line here; anything else is refused with its reason. Pages ask, and do what the answer says.
/// </summary>
public static class Workflow
{
    /// <summary>
    /// May <paramref name="role"/> do <paramref name="action"/> to an application in status <paramref name="from"/>
    /// (null: one not yet created) now? The organisation and district scoping is the caller's query; this is the rest.
    /// </summary>
    public static Decision Decide(ApplicationStatus? from, ApplicationAction action, ActorRole role, DateTimeOffset now, CallWindow call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!Performs(role, action)) return new Decision.Refused($"{Label(role)}不能{Label(action)}申报书");
        return (from, action) switch
        {
            (null, ApplicationAction.Create) => (Decision?)Open(now, call, "新建申报书") ?? new Decision.Allowed(action, null, ApplicationStatus.Draft),
            (ApplicationStatus.Draft, ApplicationAction.Edit) => new Decision.Allowed(action, from, ApplicationStatus.Draft),
            (ApplicationStatus.Draft, ApplicationAction.Submit) => (Decision?)Open(now, call, "提交") ?? new Decision.Allowed(action, from, ApplicationStatus.Submitted),
            // 撤回: possible until the 推荐单位 has recommended it, and only while it could be submitted again
            (ApplicationStatus.Submitted, ApplicationAction.Withdraw) => now >= call.Deadline
                ? new Decision.Refused($"申报已于{ChinaTime.Describe(call.Deadline)}截止，撤回后将不能再提交，因此不能撤回")
                : new Decision.Allowed(action, from, ApplicationStatus.Draft),
            (ApplicationStatus.Submitted, ApplicationAction.Recommend) => now >= call.RecommendationDeadline
                ? new Decision.Refused($"推荐已于{ChinaTime.Describe(call.RecommendationDeadline)}截止，不能再推荐")
                : new Decision.Allowed(action, from, ApplicationStatus.Recommended),
            (null, _) => new Decision.Refused("申报书尚未创建"),
            (_, ApplicationAction.Edit) => new Decision.Refused(from == ApplicationStatus.Submitted
                ? "该申报书已提交，不能再修改；如需修改请先撤回"
                : $"当前状态（{Label(from.Value)}）不能修改"),
            (_, _) => new Decision.Refused($"当前状态（{Label(from.Value)}）不能{Label(action)}"),
        };
    }

    /// <summary>The statuses in which an application stands lodged with the call: what quotas count.</summary>
    public static readonly IReadOnlyList<ApplicationStatus> Lodged = [ApplicationStatus.Submitted, ApplicationStatus.Recommended];

    /// <summary>Whether the application may be changed by this role: a question to the table, not a status comparison.</summary>
    public static bool CanEdit(ApplicationStatus status, ActorRole role, DateTimeOffset now, CallWindow call) =>
        Decide(status, ApplicationAction.Edit, role, now, call) is Decision.Allowed;

    /// <summary>Who acts in which role: the applicant's people make and submit; the 推荐单位 recommends.</summary>
    private static bool Performs(ActorRole role, ApplicationAction action) => action switch
    {
        ApplicationAction.Create or ApplicationAction.Edit or ApplicationAction.Submit or ApplicationAction.Withdraw =>
            role is ActorRole.OrgAdmin or ActorRole.ProjectLeader,
        ApplicationAction.Recommend => role is ActorRole.Recommender,
        _ => throw new UnreachableException(),
    };

    /// <summary>The submission window: null inside it, otherwise why not.</summary>
    private static Decision.Refused? Open(DateTimeOffset now, CallWindow call, string what) =>
        now >= call.Deadline ? new($"申报已于{ChinaTime.Describe(call.Deadline)}截止，不能再{what}")
        : now < call.OpensAt ? new($"申报将于{ChinaTime.Describe(call.OpensAt)}开始，尚不能{what}")
        : null;

    public static string Label(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => "草稿",
        ApplicationStatus.Submitted => "已提交",
        ApplicationStatus.Recommended => "已推荐",
        _ => throw new UnreachableException(),
    };

    public static string Label(ApplicationAction action) => action switch
    {
        ApplicationAction.Create => "创建",
        ApplicationAction.Edit => "修改",
        ApplicationAction.Submit => "提交",
        ApplicationAction.Withdraw => "撤回",
        ApplicationAction.Recommend => "推荐",
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
