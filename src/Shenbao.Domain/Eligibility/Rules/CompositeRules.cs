using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility.Rules;

/// <summary>
/// Every part must be met. Reports the first part not met: the first reason is the one to fix, and the parts are
/// listed in the guide in the order a person would check them. A part that is not met outranks one whose fact is
/// missing, so the rule counts as missing only when filling in what is missing could meet it.
/// Placeholder: {details} (the parts' messages).
/// </summary>
public sealed class AllOfRule(IReadOnlyList<Rule> parts, Template pass, Template fail) : Rule
{
    public override Finding Check(EligibilityRequest request)
    {
        var messages = new string[parts.Count];
        var doubtful = false;
        Finding? missing = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var finding = parts[i].Check(request);
            if (finding.Status == Status.NotMet) return new(Status.NotMet, fail.Render(finding.Message));
            if (finding.Status == Status.Missing) missing ??= finding;
            doubtful |= finding.Status == Status.Doubtful;
            messages[i] = finding.Message;
        }
        if (missing is { } first) return new(Status.Missing, fail.Render(first.Message));
        return new(doubtful ? Status.Doubtful : Status.Met, pass.Render(string.Join("；", messages)));
    }

    public override Status Test(EligibilityRequest request)
    {
        var (doubtful, missing) = (false, false);
        foreach (var part in parts)
        {
            var status = part.Test(request);
            if (status == Status.NotMet) return status;
            missing |= status == Status.Missing;
            doubtful |= status == Status.Doubtful;
        }
        return missing ? Status.Missing : doubtful ? Status.Doubtful : Status.Met;
    }
}

/// <summary>
/// At least one part must be met; reports the part that is. When none is, reports every part's reason,
/// and the rule counts as missing when a part lacked a fact: filling it in could still meet the rule.
/// Placeholder: {details}.
/// </summary>
public sealed class AnyOfRule(IReadOnlyList<Rule> parts, Template pass, Template fail) : Rule
{
    public override Finding Check(EligibilityRequest request)
    {
        // decide with the message-free Test first: only the part that is met is rendered, unless none is
        var doubtfulPart = -1;
        for (var i = 0; i < parts.Count; i++)
        {
            var status = parts[i].Test(request);
            if (status == Status.Met) return new(Status.Met, pass.Render(parts[i].Check(request).Message));
            if (status == Status.Doubtful && doubtfulPart < 0) doubtfulPart = i;
        }
        if (doubtfulPart >= 0) return new(Status.Doubtful, pass.Render(parts[doubtfulPart].Check(request).Message));
        var findings = new Finding[parts.Count];
        for (var i = 0; i < parts.Count; i++) findings[i] = parts[i].Check(request);
        var overall = findings.Any(f => f.Status == Status.Missing) ? Status.Missing : Status.NotMet;
        return new(overall, fail.Render(string.Join("；", findings.Select(f => f.Message))));
    }

    public override Status Test(EligibilityRequest request)
    {
        var (doubtful, missing) = (false, false);
        foreach (var part in parts)
        {
            var status = part.Test(request);
            if (status == Status.Met) return Status.Met;
            doubtful |= status == Status.Doubtful;
            missing |= status == Status.Missing;
        }
        return doubtful ? Status.Doubtful : missing ? Status.Missing : Status.NotMet;
    }
}
