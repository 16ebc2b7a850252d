using Shenbao.Domain.Eligibility;

namespace Shenbao.Domain.Applications;

/// <summary>Why a submission is refused; each carries the Chinese sentence shown to the applicant.</summary>
public abstract record Refusal(string Message)
{
    /// <summary>The workflow refuses: the status, the role or the submission window.</summary>
    public sealed record NotAllowed(string Reason) : Refusal(Reason);
    public sealed record RulesFailed(IReadOnlyList<RuleResult> Rules) : Refusal($"有{Rules.Count}项资格条件不符合，不能提交：{string.Join("；", Rules.Select(r => r.Message))}");
    public sealed record JustificationMissing(IReadOnlyList<RuleResult> Rules) : Refusal($"以下提示项须填写理由后才能提交：{string.Join("；", Rules.Select(r => r.Message))}");
    public sealed record InputInvalid(int Count) : Refusal($"申报书有{Count}处填写错误，请按提示修改后再提交");
    public sealed record Incomplete(IReadOnlyList<string> Missing) : Refusal($"还有{Missing.Count}项必填内容未完成：{string.Join("、", Missing)}");
}

/// <summary>The decision to accept a submission: the workflow, completeness, the verdict and the justifications, in that order.</summary>
public static class Submission
{
    /// <summary>
    /// Every reason the application may not be submitted now; empty when it may. When the workflow refuses (status,
    /// role, outside the submission window) nothing else matters; otherwise all that is left to fix is listed at once.
    /// </summary>
    public static IReadOnlyList<Refusal> Check(Decision workflow, IReadOnlyList<string> missing, Verdict verdict,
        IReadOnlyDictionary<string, string> justifications, int inputErrors)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (workflow is Decision.Refused refused) return [new Refusal.NotAllowed(refused.Reason)];
        var refusals = new List<Refusal>();
        if (missing.Count > 0) refusals.Add(new Refusal.Incomplete(missing));
        var failed = verdict.Rules.Where(r => r.Outcome == Outcome.Fail).ToList();
        if (failed.Count > 0) refusals.Add(new Refusal.RulesFailed(failed));
        var unjustified = verdict.Rules
            .Where(r => r.Outcome == Outcome.Warn && string.IsNullOrWhiteSpace(justifications.GetValueOrDefault(r.RuleId)))
            .ToList();
        if (unjustified.Count > 0) refusals.Add(new Refusal.JustificationMissing(unjustified));
        if (inputErrors > 0) refusals.Add(new Refusal.InputInvalid(inputErrors));
        return refusals;
    }

    /// <summary>The application's number, given at creation from the call's running count: "HENGYANG-2025-00012".</summary>
    public static string Number(string guideId, int sequence) =>
        $"{guideId.ToUpperInvariant()}-{sequence.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The receipt of the application's n-th submission (1-based): its number and the count, never reused.</summary>
    public static string ReceiptNo(string number, int submission) =>
        $"{number}-{submission.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
