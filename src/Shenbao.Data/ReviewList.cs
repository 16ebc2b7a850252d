using Shenbao.Domain.Applications;

namespace Shenbao.Data;

/// <summary>What formal review's list may be narrowed to; every filter but the title search is on an indexed column.</summary>
public sealed record ReviewFilter(string? Category = null, string? Field = null, string? District = null, ApplicationStatus? Status = null,
    string? Verdict = null, string? Warned = null, string? Search = null);

/// <summary>The call's submitted applications as formal review lists them (never a draft): one query for the page and the benchmark.</summary>
public static partial class ReviewList
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z0-9]+(-[A-Z0-9]+)*-\d{4}-\d+$")]
    private static partial System.Text.RegularExpressions.Regex NumberLike();

    public static IQueryable<Application> Of(IQueryable<Application> applications, int callId, ReviewFilter filter)
    {
        ArgumentNullException.ThrowIfNull(applications);
        ArgumentNullException.ThrowIfNull(filter);
        var query = applications.Where(a => a.CallId == callId && a.SubmittedAt != null && a.Status != ApplicationStatus.Draft);
        if (filter.Category is { Length: > 0 } category) query = query.Where(a => a.Category == category);
        if (filter.Field is { Length: > 0 } field) query = query.Where(a => a.SupportField == field);
        if (filter.District is { Length: > 0 } district) query = query.Where(a => a.District == district);
        if (filter.Status is { } status) query = query.Where(a => a.Status == status);
        if (filter.Verdict is { Length: > 0 } verdict) query = query.Where(a => a.Verdict == verdict);
        if (filter.Warned is { Length: > 0 } warned) query = query.Where(a => a.WarnedRules != null && a.WarnedRules.Contains("|" + warned + "|"));
        // an application number is looked up by its index; anything else is searched in titles and leaders
        if (filter.Search?.Trim() is { Length: > 0 } q)
            query = NumberLike().IsMatch(q) ? query.Where(a => a.Number == q) : query.Where(a => a.Title!.Contains(q) || a.LeaderName == q);
        return query;
    }
}
