using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shenbao.Domain.Guides;

namespace Shenbao.Domain.Applications;

/// <summary>Who applies, as registered: the identity facts of the request that the profile does not hold.</summary>
public sealed record ApplicantIdentity(string Name, string CreditCode, string Kind, bool InHengyang);

/// <summary>An uploaded file as the application sees it: what it proves, and its content hash.</summary>
public sealed record AttachedFile(string Purpose, string Sha256);

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

    private static JsonNode? ToJson(FieldType type, string text)
    {
        text = text.Trim();
        if (text.Length == 0) return null;
        switch (type)
        {
            case FieldType.Money or FieldType.Count:
                var plain = text.Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal);
                return decimal.TryParse(plain, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : JsonValue.Create(text);
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

    /// <summary>
    /// The SHA-256 of what was submitted: form values, justifications and attachment hashes, written as JSON with
    /// sorted keys so the same content always gives the same hash.
    /// </summary>
    public static string ContentHash(IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> justifications, IEnumerable<AttachedFile> attachments)
    {
        var canonical = new JsonObject
        {
            ["form"] = Sorted(values),
            ["justifications"] = Sorted(justifications),
            ["attachments"] = new JsonArray(attachments
                .OrderBy(a => a.Purpose, StringComparer.Ordinal).ThenBy(a => a.Sha256, StringComparer.Ordinal)
                .Select(a => (JsonNode?)new JsonObject { ["purpose"] = a.Purpose, ["sha256"] = a.Sha256 }).ToArray()),
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToJsonString())));
    }

    private static JsonObject Sorted(IReadOnlyDictionary<string, string> values)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal)) sorted[key] = value;
        return sorted;
    }
}
