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
    public sealed record NotAllowed(ApplicationStatus Status) : Refusal($"当前状态（{Workflow.Label(Status)}）不能提交");
}

/// <summary>The decision to accept a submission: the deadline, the verdict and the justifications, in that order.</summary>
public static class Submission
{
    /// <summary>Null when the application may be submitted now.</summary>
    public static Refusal? Check(ApplicationStatus status, DateTimeOffset now, DateTimeOffset opensAt, DateTimeOffset deadline, Verdict verdict, IReadOnlyDictionary<string, string> justifications)
    {
        if (Workflow.Next(status, ApplicationAction.Submit) is null) return new Refusal.NotAllowed(status);
        if (now >= deadline) return new Refusal.AfterDeadline(deadline);
        if (now < opensAt) return new Refusal.NotOpen(opensAt);
        var failed = verdict.Rules.Where(r => r.Outcome == Outcome.Fail).ToList();
        if (failed.Count > 0) return new Refusal.RulesFailed(failed);
        var unjustified = verdict.Rules
            .Where(r => r.Outcome == Outcome.Warn && string.IsNullOrWhiteSpace(justifications.GetValueOrDefault(r.RuleId)))
            .ToList();
        return unjustified.Count > 0 ? new Refusal.JustificationMissing(unjustified) : null;
    }
}
