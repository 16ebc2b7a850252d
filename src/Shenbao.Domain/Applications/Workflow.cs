namespace Shenbao.Domain.Applications;

/// <summary>Where an application stands in the call's lifecycle.</summary>
public enum ApplicationStatus
{
    Draft,
    Submitted,
    Recommended,
}

/// <summary>What a person does to an application.</summary>
public enum ApplicationAction
{
    Submit,
    Withdraw,
    Recommend,
}

/// <summary>The lifecycle as one transition table: every legal move, and nothing else.</summary>
public static class Workflow
{
    public static ApplicationStatus? Next(ApplicationStatus from, ApplicationAction action) => (from, action) switch
    {
        (ApplicationStatus.Draft, ApplicationAction.Submit) => ApplicationStatus.Submitted,
        // 撤回: possible until the 推荐单位 has recommended it; the application becomes an editable draft again
        (ApplicationStatus.Submitted, ApplicationAction.Withdraw) => ApplicationStatus.Draft,
        (ApplicationStatus.Submitted, ApplicationAction.Recommend) => ApplicationStatus.Recommended,
        _ => null,
    };

    public static string Label(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => "草稿",
        ApplicationStatus.Submitted => "已提交",
        ApplicationStatus.Recommended => "已推荐",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    public static string Label(ApplicationAction action) => action switch
    {
        ApplicationAction.Submit => "提交",
        ApplicationAction.Withdraw => "撤回",
        ApplicationAction.Recommend => "推荐",
        _ => throw new System.Diagnostics.UnreachableException(),
    };
}
