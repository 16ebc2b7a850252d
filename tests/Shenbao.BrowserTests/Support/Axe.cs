using System.Text.Json;

namespace Shenbao.BrowserTests.Support;

/// <summary>axe-core (vendored, tests/Shenbao.BrowserTests/axe/axe.min.js) run inside a page.</summary>
public static class Axe
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");
    private static readonly Lazy<string> ScriptText = new(() => File.ReadAllText(Script));

    public sealed record Violation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<(string Target, string Html, string Summary)> Nodes)
    {
        public bool IsBlocking => Impact is "serious" or "critical";
    }

    /// <summary>Every violation axe finds on the page as it is now (all impacts; the caller decides what blocks).</summary>
    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page)
    {
        if (!File.Exists(Script))
            throw new FileNotFoundException($"axe-core is missing from the test output: {Script} (the csproj copies axe/axe.min.js).", Script);
        // evaluated through the devtools protocol, not added as a <script>: the site's CSP refuses inline scripts, and
        // the journeys count every CSP refusal as a failure
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.EvaluateAsync(ScriptText.Value + "\n;true");
        var result = await page.EvaluateAsync<JsonElement>("async () => await axe.run()");
        return result.GetProperty("violations").EnumerateArray().Select(v => new Violation(
            v.GetProperty("id").GetString() ?? "",
            v.TryGetProperty("impact", out var impact) && impact.ValueKind == JsonValueKind.String ? impact.GetString()! : "none",
            v.GetProperty("help").GetString() ?? "",
            v.GetProperty("helpUrl").GetString() ?? "",
            v.GetProperty("nodes").EnumerateArray().Select(n => (
                string.Join(" ", n.GetProperty("target").EnumerateArray().Select(t => t.ToString())),
                n.GetProperty("html").GetString() ?? "",
                n.TryGetProperty("failureSummary", out var s) ? (s.GetString() ?? "").ReplaceLineEndings(" ") : "")).ToList())).ToList();
    }
}
