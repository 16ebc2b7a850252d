using System.Text.Json.Nodes;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;
using Shenbao.Web.Setup;

namespace Shenbao.Web.Organisations;

/// <summary>An organisation as the rules see it, and the check of one category for it.</summary>
public static class OrganisationFacts
{
    public static ApplicantIdentity Identity(Organisation organisation, Districts districts) =>
        new(organisation.Name, organisation.CreditCode, organisation.Kind, districts.Contains(organisation.District));

    public static JsonObject Profile(Organisation organisation) =>
        JsonNode.Parse(organisation.ProfileJson) as JsonObject ?? [];

    /// <summary>
    /// Checks one category for an organisation and (possibly half-filled) form values. Values that are malformed are
    /// reported as input errors at their path and left out, so that every other rule still gets its verdict.
    /// </summary>
    public static (Verdict Verdict, IReadOnlyList<InputError> Errors) Check(
        Guide guide, Category category, Organisation organisation, Districts districts,
        IReadOnlyDictionary<string, string> values, IEnumerable<string> attachmentTypes, int othersOnSamePlatform, DateOnly asOf)
    {
        var request = ApplicationDocument.BuildRequest(category, Identity(organisation, districts), Profile(organisation), values, attachmentTypes, othersOnSamePlatform, asOf);
        var errors = new List<InputError>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            switch (RequestReader.Read(request.ToJsonString(), guide, asOf))
            {
                case ReadResult.Parsed parsed:
                    return (Eligibility.Evaluate(category, parsed.Request), errors);
                case ReadResult.Invalid invalid:
                    errors.AddRange(invalid.Errors);
                    foreach (var error in invalid.Errors) Remove(request, error.Path);
                    break;
            }
        }
        throw new InvalidOperationException($"The request built for organisation {organisation.Id} stays invalid: {string.Join("; ", errors)}");
    }

    private static void Remove(JsonObject root, string path)
    {
        var parts = path.Split('.');
        JsonNode? node = root;
        foreach (var part in parts[..^1])
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, out var i) && i < a.Count => a[i],
                _ => null,
            };
        switch (node)
        {
            case JsonObject o: o.Remove(parts[^1]); break;
            case JsonArray a when int.TryParse(parts[^1], out var i) && i < a.Count: a.RemoveAt(i); break;
        }
    }
}
