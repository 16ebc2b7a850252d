using Shenbao.Domain.Eligibility;

namespace Shenbao.Domain.Applications;

/// <summary>Why a submission is refused; each carries the Chinese sentence shown to the applicant.</summary>
public abstract record Refusal(string Message)
{
    public sealed record AfterDeadline(DateTimeOffset Deadline) : Refusal($"申报已于{ChinaTime.Describe(Deadline)}截止，不能再提交");
    public sealed record NotOpen(DateTimeOffset OpensAt) : Refusal($"申报将于{ChinaTime.Describe(OpensAt)}开始，尚不能提交");
    public sealed record RulesFailed(IReadOnlyList<RuleResult> Rules) : Refusal($"有{Rules.Count}项资格条件不符合，不能提交：{string.Join("；", Rules.Select(r => r.Message))}");
    public sealed record JustificationMissing(IReadOnlyList<RuleResult> Rules) : Refusal($"以下提示项须填写理由后才能提交：{string.Join("；", Rules.Select(r => r.Message))}");
    public sealed record InputInvalid(int Count) : Refusal($"申报书有{Count}处填写错误，请按提示修改后再提交");
    public sealed record Incomplete(IReadOnlyList<string> Missing) : Refusal($"还有{Missing.Count}项必填内容未完成：{string.Join("、", Missing)}");
    public sealed record NotAllowed(ApplicationStatus Status) : Refusal($"当前状态（{Workflow.Label(Status)}）不能提交");
}

/// <summary>The decision to accept a submission: the deadline, completeness, the verdict and the justifications, in that order.</summary>
public static class Submission
{
    /// <summary>
    /// Every reason the application may not be submitted now; empty when it may. Outside the submission window or in
    /// the wrong status nothing else matters; otherwise all that is left to fix is listed at once.
    /// </summary>
    public static IReadOnlyList<Refusal> Check(ApplicationStatus status, DateTimeOffset now, DateTimeOffset opensAt, DateTimeOffset deadline,
        IReadOnlyList<string> missing, Verdict verdict, IReadOnlyDictionary<string, string> justifications)
    {
        if (Workflow.Next(status, ApplicationAction.Submit) is null) return [new Refusal.NotAllowed(status)];
        if (now >= deadline) return [new Refusal.AfterDeadline(deadline)];
        if (now < opensAt) return [new Refusal.NotOpen(opensAt)];
        var refusals = new List<Refusal>();
        if (missing.Count > 0) refusals.Add(new Refusal.Incomplete(missing));
        var failed = verdict.Rules.Where(r => r.Outcome == Outcome.Fail).ToList();
        if (failed.Count > 0) refusals.Add(new Refusal.RulesFailed(failed));
        var unjustified = verdict.Rules
            .Where(r => r.Outcome == Outcome.Warn && string.IsNullOrWhiteSpace(justifications.GetValueOrDefault(r.RuleId)))
            .ToList();
        if (unjustified.Count > 0) refusals.Add(new Refusal.JustificationMissing(unjustified));
        return refusals;
    }
}
