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
        var (status, template) = Decide(request);
        // only what the chosen message shows is rendered: a recorded self-assessment needs no size figures
        var message = template.Render(
            template.Uses(0) ? Limits(request, Status.Met) : "",
            template.Uses(1) ? Limits(request, Status.NotMet) : "",
            template.Uses(2) ? Limits(request, Status.Missing) : "",
            template.Uses(3) ? duty.Check(request).Message : "");
        return new(undertaking ? Status.Undecided : status, message);
    }

    public override Status Test(EligibilityRequest request) => undertaking ? Status.Undecided : Decide(request).Status;

    private (Status Status, Template Template) Decide(EligibilityRequest request)
    {
        if (duty.Test(request) == Status.Met) return (Status.Met, messages.Done);
        var missing = false;
        foreach (var limit in limits)
            switch (limit.Test(request))
            {
                case Status.NotMet: return (Status.Met, messages.Exempt);
                case Status.Missing: missing = true; break;
            }
        return missing ? (Status.Missing, messages.Missing) : (Status.NotMet, messages.Due);
    }

    /// <summary>The messages of the limits in one state (kept, exceeded or undecidable), joined.</summary>
    private string Limits(EligibilityRequest request, Status state)
    {
        var found = new List<string>(limits.Count);
        foreach (var limit in limits)
            if (limit.Test(request) == state) found.Add(limit.Check(request).Message);
        return string.Join("；", found);
    }
}

public sealed record SizeDutyMessages(Template Done, Template Exempt, Template Due, Template Missing);

/// <summary>What only a person can judge, in the guide's own words, listed for reviewers.</summary>
public sealed class ManualRule(string text) : Rule
{
    public override Finding Check(EligibilityRequest request) => new(Status.Undecided, text);

    public override Status Test(EligibilityRequest request) => Status.Undecided;
}
