using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Benchmarks;

/// <summary>
/// The live check's seam, per category, from what is stored (the profile's JSON and the form's text) to a verdict:
/// the former seam (baseline: the form's values written into a JSON request, serialised and read back by the
/// contract reader, as the pages did before) against the typed seam (the profile read once, the form read once
/// into typed facts by <see cref="FormFacts"/>).
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class SeamBenchmarks
{
    private Guide guide = null!;
    private Category category = null!;
    private string profileJson = "";
    private Applicant identity = null!;
    private Dictionary<string, string> form = [];
    private List<string> attachments = [];
    private DateOnly asOf;

    public static IEnumerable<string> Categories => SyntheticApplications.Categories;

    [ParamsSource(nameof(Categories))]
    public string Category { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        guide = Samples.LoadGuide();
        var request = Samples.Load(Samples.PerCategory[Category], guide);
        category = guide.FindCategory(Category)!;
        var written = RequestWriter.Write(request);
        var applicant = written["applicant"]!.AsObject();
        identity = new Applicant { Name = request.Applicant.Name, CreditCode = request.Applicant.CreditCode, Kind = request.Applicant.Kind, InHengyang = request.Applicant.InHengyang };
        foreach (var key in new[] { "name", "creditCode", "kind", "inHengyang" }) applicant.Remove(key);
        profileJson = applicant.ToJsonString();
        form = FormOf(written);
        attachments = request.Application.Attachments?.ToList() ?? [];
        asOf = request.AsOf;
        if (CheckResponse.From(FormerSeam()).Verdict != CheckResponse.From(TypedSeam()).Verdict)
            throw new InvalidOperationException($"{Category}: the two seams disagree");
    }

    [Benchmark(Baseline = true)]
    public Verdict FormerSeam()
    {
        var request = (JsonObject)JsonNode.Parse(profileJson)!;
        request["name"] = identity.Name;
        request["creditCode"] = identity.CreditCode;
        request["kind"] = identity.Kind;
        request["inHengyang"] = identity.InHengyang;
        var root = new JsonObject
        {
            ["asOf"] = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["applicant"] = request,
            ["application"] = new JsonObject { ["category"] = category.Id },
            ["context"] = new JsonObject { ["applicationsOnSamePlatform"] = 0 },
        };
        foreach (var field in category.Form.SelectMany(s => s.Fields).Where(f => !FormPaths.IsNarrative(f.Path)))
            if (form.TryGetValue(field.Path, out var text) && Former(field.Type, text) is { } value)
                Set(root, field.Path, value);
        if (attachments.Count > 0)
            ((JsonObject)root["application"]!)["attachments"] = new JsonArray(attachments.Order(StringComparer.Ordinal).Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        return RequestReader.Read(root.ToJsonString(), guide, asOf) is ReadResult.Parsed parsed
            ? Eligibility.Evaluate(category, parsed.Request)
            : throw new InvalidOperationException("the former seam's request did not read");
    }

    [Benchmark]
    public Verdict TypedSeam()
    {
        using var profile = JsonDocument.Parse(profileJson);
        return ApplicationDocument.Judge(guide, category, RequestReader.ReadProfile(profile.RootElement, identity, guide.Facts), form, attachments, 0, asOf).Verdict;
    }

    private static JsonNode? Former(FieldType type, string text) => type switch
    {
        FieldType.Money or FieldType.Count => Money.Parse(text) is { } n ? JsonValue.Create(n) : JsonValue.Create(text),
        FieldType.YesNo => text switch { "true" => JsonValue.Create(true), "false" => JsonValue.Create(false), _ => null },
        FieldType.Members => JsonNode.Parse(text) as JsonArray,
        _ => JsonValue.Create(text),
    };

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

    private static Dictionary<string, string> FormOf(JsonObject request)
    {
        var values = new Dictionary<string, string>();
        foreach (var path in FormFacts.Paths)
        {
            JsonNode? node = request;
            foreach (var part in path.Split('.')) node = node?[part];
            if (node is null) continue;
            values[path] = node switch
            {
                JsonArray members => members.ToJsonString(),
                JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
                JsonValue v when v.TryGetValue<decimal>(out var d) => Money.Format(d),
                _ => (string)node!,
            };
        }
        return values;
    }
}
