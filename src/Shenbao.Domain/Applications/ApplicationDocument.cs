using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Applications;

/// <summary>Who applies, as registered: the identity facts of the request that the profile does not hold.</summary>
public sealed record ApplicantIdentity(string Name, string CreditCode, string Kind, bool InHengyang);

/// <summary>A check of an application as it stands: the request the engine judged, its verdict, and the values it had to leave out.</summary>
public sealed record Judgement(JsonObject Request, Verdict Verdict, IReadOnlyList<InputError> Errors);

/// <summary>
/// The application as a document: the form's values (path → text as typed), turned into the eligibility
/// request the engine reads, measured for completeness and hashed for the receipt.
/// </summary>
public static class ApplicationDocument
{
    /// <summary>
    /// The check request: the organisation's identity and profile as "applicant", the form's application facts,
    /// the attachment types uploaded and the other live applications on the same platform.
    /// Values that do not parse stay as typed, so that the request reader reports them at their path.
    /// </summary>
    public static JsonObject BuildRequest(Category category, ApplicantIdentity identity, JsonObject profile, IReadOnlyDictionary<string, string> values,
        IEnumerable<string> attachmentTypes, int applicationsOnSamePlatform, DateOnly asOf)
    {
        var applicant = (JsonObject)profile.DeepClone();
        applicant["name"] = identity.Name;
        applicant["creditCode"] = identity.CreditCode;
        applicant["kind"] = identity.Kind;
        applicant["inHengyang"] = identity.InHengyang;

        var request = new JsonObject
        {
            ["asOf"] = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["applicant"] = applicant,
            ["application"] = new JsonObject { ["category"] = category.Id },
            ["context"] = new JsonObject { ["applicationsOnSamePlatform"] = applicationsOnSamePlatform },
        };
        foreach (var field in category.Form.SelectMany(s => s.Fields).Where(f => !FormPaths.IsNarrative(f.Path)))
            if (values.TryGetValue(field.Path, out var text) && ToJson(field.Type, text) is { } value)
                Set(request, field.Path, value);
        var types = attachmentTypes.Distinct().Order(StringComparer.Ordinal).ToList();
        if (types.Count > 0)
            ((JsonObject)request["application"]!)["attachments"] = new JsonArray(types.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        return request;
    }

    /// <summary>
    /// Checks one category for an organisation and (possibly half-filled) form values. Values that are malformed are
    /// reported as input errors at their path and left out, so that every other rule still gets its verdict.
    /// </summary>
    public static Judgement Judge(Guide guide, Category category, ApplicantIdentity identity, JsonObject profile,
        IReadOnlyDictionary<string, string> values, IEnumerable<string> attachmentTypes, int applicationsOnSamePlatform, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(category);
        var request = BuildRequest(category, identity, profile, values, attachmentTypes, applicationsOnSamePlatform, asOf);
        var errors = new List<InputError>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            switch (RequestReader.Read(request.ToJsonString(), guide, asOf))
            {
                case ReadResult.Parsed parsed:
                    return new Judgement(request, Eligibility.Eligibility.Evaluate(category, parsed.Request), errors);
                case ReadResult.Invalid invalid:
                    errors.AddRange(invalid.Errors);
                    foreach (var error in invalid.Errors) Remove(request, error.Path);
                    break;
            }
        }
        throw new InvalidOperationException($"The request built for '{identity.Name}' stays invalid: {string.Join("; ", errors)}");
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

    private static JsonNode? ToJson(FieldType type, string text)
    {
        text = text.Trim();
        if (text.Length == 0) return null;
        switch (type)
        {
            case FieldType.Money or FieldType.Count:
                return Money.Parse(text) is { } number ? JsonValue.Create(number) : JsonValue.Create(text);
            case FieldType.YesNo:
                return text switch { "true" => JsonValue.Create(true), "false" => JsonValue.Create(false), _ => null };
            case FieldType.Members:
                try { return JsonNode.Parse(text) as JsonArray; }
                catch (JsonException) { return null; }
            default:
                return JsonValue.Create(text);
        }
    }

    private static void Set(JsonObject root, string path, JsonNode value)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject next) node[part] = next = new JsonObject();
            node = next;
        }
        node[parts[^1]] = value;
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
