using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility.Rules;

/// <summary>
/// A duty that binds only those within size limits, e.g. "符合科技型中小企业标准的，须在系统内完成自评".
/// Met when the duty is done or any limit is exceeded; not met when every limit is kept and the duty is not done;
/// missing when a limit cannot be decided and the duty is not done. As an undertaking for later
/// ("须在省厅开放系统后完成自评") it is never decided by the machine: the same message goes to a person.
/// Placeholders in every message: {within}, {exceeded}, {missing} (the limits' own messages) and {done}.
/// </summary>
public sealed class SizeDutyRule(IReadOnlyList<BoundRule> limits, Rule duty, bool undertaking, SizeDutyMessages messages) : Rule
{
    public override Finding Check(EligibilityRequest request)
    {
        var done = duty.Check(request);
        List<string> within = [], exceeded = [], missing = [];
        foreach (var limit in limits)
        {
            var finding = limit.Check(request);
            (finding.Status switch { Status.Met => within, Status.Missing => missing, _ => exceeded }).Add(finding.Message);
        }
        var (status, template) = (done.IsMet, exceeded.Count, missing.Count) switch
        {
            (true, _, _) => (Status.Met, messages.Done),
            (false, > 0, _) => (Status.Met, messages.Exempt),
            (false, 0, > 0) => (Status.Missing, messages.Missing),
            _ => (Status.NotMet, messages.Due),
        };
        var message = template.Render(string.Join("；", within), string.Join("；", exceeded), string.Join("；", missing), done.Message);
        return new(undertaking ? Status.Undecided : status, message);
    }
}

public sealed record SizeDutyMessages(Template Done, Template Exempt, Template Due, Template Missing);

/// <summary>What only a person can judge, in the guide's own words, listed for reviewers.</summary>
public sealed class ManualRule(string text) : Rule
{
    public override Finding Check(EligibilityRequest request) => new(Status.Undecided, text);
}
