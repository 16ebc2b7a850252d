using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Shenbao.Tests.Web.Fuzzing;

/// <summary>
/// The public API under hostile input: every leaf of a genuine check request of each category replaced by each hostile
/// value and by a value of each wrong type, every object and array replaced too, then bodies that are not JSON, not
/// UTF-8, nested too deep, empty or of another content type; and every guide route with hostile ids and queries.
/// No answer may be a 5xx; every refusal is problem details in Chinese, every success JSON.
/// </summary>
public sealed class ApiFuzzTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static readonly string[] Categories = ["major-project", "key-rd", "basic-research", "iur-cooperation", "innovation-consortium", "achievement-transfer"];

    private readonly HttpClient client = app.CreateClient();
    private readonly List<string> failures = [];
    private int requests;

    /// <summary>What may stand where a value belongs: each hostile string, and numbers, booleans, null, objects and arrays no field takes.</summary>
    private static IEnumerable<JsonNode?> Replacements() =>
        HostileValues.All.Select(v => (JsonNode?)JsonValue.Create(v))
            .Concat([null, true, false, 0, -1, 1e308, -1e308, decimal.MaxValue, long.MinValue, 0.1, 1e-28m, 1e-20, new JsonArray(), new JsonObject(), new JsonArray(1, "二", null), new JsonObject { ["<script>"] = HostileValues.Script }]);

    [Fact]
    public async Task Every_leaf_of_a_check_request_replaced_by_hostile_values_is_answered_without_a_5xx()
    {
        foreach (var category in Categories)
        {
            var request = Requests.For(category);
            foreach (var path in Paths(request, ""))
                foreach (var replacement in Replacements())
                {
                    var changed = Requests.For(category);
                    Replace(changed, path, replacement?.DeepClone());
                    await CheckAsync(await PostAsync(changed.ToJsonString()), $"{category}: {path} = {Show(replacement)}");
                }
        }

        Assert.True(requests > 3_000, $"only {requests} requests were sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests failed:\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public async Task Bodies_that_are_not_a_request_are_refused_as_problem_details()
    {
        var valid = Requests.For("key-rd").ToJsonString();
        var bodies = new List<(string What, HttpContent Content)>
        {
            ("empty", Json("")),
            ("whitespace", Json("   \n")),
            ("null", Json("null")),
            ("a string", Json("\"申报\"")),
            ("an array", Json("[]")),
            ("a number", Json("1e309")),
            ("cut off", Json(valid[..(valid.Length / 2)])),
            ("two documents", Json(valid + valid)),
            ("a trailing comma", Json(valid[..^1] + ",}")),
            ("comments", Json("/* x */" + valid)),
            ("single quotes", Json(valid.Replace('"', '\''))),
            ("nested 10,000 deep", Json(new string('[', 10_000) + new string(']', 10_000))),
            ("objects nested 200 deep", Json(string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200))),
            ("a key repeated", Json(valid[..^1] + ",\"asOf\":\"2025-05-21\"}")),
            ("a NUL escaped in a date", Json(valid.Replace("2025-05-20", "2025-05-20\\u0000", StringComparison.Ordinal))),
            ("a lone surrogate escaped", Json(valid.Replace("2025-05-20", "2025-05-20\\ud800", StringComparison.Ordinal))),
            ("invalid UTF-8 inside a string", Raw(Encoding.UTF8.GetBytes(valid[..20]).Concat(HostileValues.InvalidUtf8).Concat(Encoding.UTF8.GetBytes(valid[20..])).ToArray(), "application/json")),
            ("UTF-16", Raw(Encoding.Unicode.GetBytes(valid), "application/json")),
            ("a byte-order mark", Raw([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(valid)], "application/json")),
            ("a form instead of JSON", new FormUrlEncodedContent([KeyValuePair.Create("asOf", "2025-05-20")])),
            ("XML", Raw(Encoding.UTF8.GetBytes("<request><asOf>2025-05-20</asOf></request>"), "application/xml")),
            ("no content type", Raw(Encoding.UTF8.GetBytes("{\"asOf\":")!, null)),
            ("a long string", Json(Requests.For("key-rd").Set("application.field", new string('长', 20_000)).ToJsonString())),
            ("over the size limit", Json("{\"x\":\"" + new string('x', 300 * 1024) + "\"}")),
        };
        foreach (var (what, content) in bodies)
        {
            using var response = await client.PostAsync(new Uri("/api/eligibility/check", UriKind.Relative), content);
            await CheckAsync(response, what, refusal: what is not ("a byte-order mark" or "a long string"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Guide_routes_and_queries_with_hostile_ids_are_answered_without_a_5xx()
    {
        foreach (var value in HostileValues.All.Where(v => v.Length < 2_000 && !v.Contains('\0', StringComparison.Ordinal)))
        {
            var escaped = Uri.EscapeDataString(value);
            await CheckAsync(await client.GetAsync(new Uri("/api/guides/" + escaped, UriKind.Relative)), $"/api/guides/{Show(value)}");
            await CheckAsync(await client.GetAsync(new Uri("/api/guides?id=" + escaped, UriKind.Relative)), $"/api/guides?id={Show(value)}");
            await CheckAsync(await PostAsync(Requests.For("key-rd").ToJsonString(), "?guide=" + escaped), $"check ?guide={Show(value)}");
        }
        await CheckAsync(await client.GetAsync(new Uri("/api/guides/" + new string('x', 5_000), UriKind.Relative)), "a 5,000-character id");

        Assert.True(requests > 80, $"only {requests} requests were sent");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private Task<HttpResponseMessage> PostAsync(string body, string query = "") =>
        client.PostAsync(new Uri("/api/eligibility/check" + query, UriKind.Relative), Json(body));

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static ByteArrayContent Raw(byte[] bytes, string? type)
    {
        var content = new ByteArrayContent(bytes);
        if (type is not null) content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    /// <summary>Every node's path below the root: objects' members and arrays' items, the containers themselves too.</summary>
    private static IEnumerable<string> Paths(JsonNode? node, string at) => node switch
    {
        JsonObject o => o.SelectMany(p => Paths(p.Value, $"{at}/{p.Key}").Prepend($"{at}/{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => Paths(item, $"{at}/{i}").Prepend($"{at}/{i}")),
        _ => [],
    };

    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        var steps = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = steps[..^1].Aggregate(root, (node, step) => node is JsonArray array ? array[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)]! : node[step]!);
        if (parent is JsonArray items) items[int.Parse(steps[^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        else parent[steps[^1]] = value;
    }

    private async Task CheckAsync(HttpResponseMessage response, string what, bool? refusal = null)
    {
        requests++;
        using (response)
        {
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            var body = await response.Content.ReadAsStringAsync();
            if (status >= 500) failures.Add($"{status} for {what}");
            else if (status >= 400 && (type != "application/problem+json" || !body.Any(c => c is >= '\u4e00' and <= '\u9fff')))
                failures.Add($"{status} for {what} is not problem details in Chinese ({type}): {body[..Math.Min(body.Length, 120)]}");
            else if (status < 400 && type != "application/json") failures.Add($"{status} for {what} answered as {type}");
            else if (refusal == true && status < 400) failures.Add($"{what} was accepted ({status})");
            else if (refusal == false && status >= 400) failures.Add($"{what} was refused ({status}): {body[..Math.Min(body.Length, 200)]}");
            foreach (var raw in HostileValues.RawMarkupIn(type == "text/html" ? body : "")) failures.Add($"markup unescaped for {what}: {raw}");
        }
    }

    private static string Show(JsonNode? value) => value?.ToJsonString() is { } json ? Show(json) : "null";

    private static string Show(string value) => value.Length > 30 ? $"{value[..15]}…({value.Length} chars)" : value;
}
