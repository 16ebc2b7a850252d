using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Applications;

/// <summary>A check of an application as it stands: the request the engine judged, its verdict, and the values it had to leave out.</summary>
public sealed record Judgement(EligibilityRequest Request, Verdict Verdict, IReadOnlyList<InputError> Errors);

/// <summary>The application as a document: its form's values (path → text as typed) judged, and measured for completeness.</summary>
public static class ApplicationDocument
{
    /// <summary>
    /// Checks one category of a guide for an applicant (its profile as read) and (possibly half-filled) form values: one
    /// parse of the form into typed facts, then the engine. Malformed values are reported at their path and left out,
    /// so that every other rule still gets its verdict.
    /// </summary>
    public static Judgement Judge(Guide guide, Category category, ProfileRead profile,
        IReadOnlyDictionary<string, string> values, IEnumerable<string> attachmentTypes, int applicationsOnSamePlatform, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var form = FormFacts.Read(guide, category, values, attachmentTypes, profile.Applicant.Platforms);
        var request = new EligibilityRequest(asOf, profile.Applicant, form.Facts, new CheckContext(applicationsOnSamePlatform))
        {
            Declared = profile.Declared.Concat(form.Declared).ToDictionary(),
        };
        return new Judgement(request, Eligibility.Eligibility.Evaluate(category, request), [.. profile.Errors, .. form.Errors]);
    }

    /// <summary>How much of the form is done: required fields filled and expected attachments uploaded.</summary>
    public static (int Done, int Total) Completeness(Category category, IReadOnlyDictionary<string, string> values, IEnumerable<string> attachmentTypes)
    {
        var total = category.Form.SelectMany(s => s.Fields).Count(f => f.Required) + category.Attachments.Count;
        return (total - Missing(category, values, attachmentTypes, _ => "").Count, total);
    }

    /// <summary>What is still to be filled or uploaded, by label (attachment names as the guide gives them).</summary>
    public static IReadOnlyList<string> Missing(Category category, IReadOnlyDictionary<string, string> values, IEnumerable<string> attachmentTypes, Func<string, string> attachmentName)
    {
        var uploaded = attachmentTypes.ToHashSet();
        return category.Form.SelectMany(s => s.Fields)
            .Where(f => f.Required && (string.IsNullOrWhiteSpace(values.GetValueOrDefault(f.Path)) || values[f.Path] == "[]"))
            .Select(f => f.Label)
            .Concat(category.Attachments.Where(a => !uploaded.Contains(a)).Select(attachmentName))
            .ToList();
    }
}
