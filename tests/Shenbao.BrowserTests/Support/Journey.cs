using System.Globalization;
using System.Text;

namespace Shenbao.BrowserTests.Support;

/// <summary>
/// One journey: the people in it (a browser context each), a screenshot of every step under
/// artifacts/screenshots/&lt;journey&gt;/&lt;nn&gt;-&lt;step&gt;.png, and axe-core run on every page shown. Violations of impact
/// "serious" or "critical" fail the journey at its end, all of them listed (page, rule, elements), so one run shows
/// every problem; all violations are also written to axe.txt beside the screenshots.
/// </summary>
public sealed class Journey
{
    private readonly BrowserFixture fixture;
    private readonly List<(string Who, IPage Page)> people = [];
    private readonly List<(string Step, string Url, Axe.Violation Violation)> violations = [];
    // what chromium refused under the site's Content-Security-Policy (an inline style or script, an eval), by page
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Who, string Url, string Message)> refusedByCsp = new();

    private int step;

    private Journey(BrowserFixture fixture, string name)
    {
        this.fixture = fixture;
        Folder = Path.Combine(Repository.Screenshots, name);
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public static async Task RunAsync(BrowserFixture fixture, string name, Func<Journey, Task> body)
    {
        var journey = new Journey(fixture, name);
        try
        {
            await body(journey);
        }
        catch (Exception) when (journey.people.Count > 0)
        {
            await journey.ShootFailureAsync();
            throw;
        }
        finally
        {
            journey.WriteAxeReport();
            foreach (var (_, page) in journey.people)
                await page.Context.CloseAsync();
        }
        journey.AssertAccessible();
        journey.AssertNothingRefusedByCsp();
    }

    private void AssertNothingRefusedByCsp()
    {
        if (refusedByCsp.IsEmpty) return;
        Assert.Fail($"chromium refused {refusedByCsp.Count} thing(s) under the site's Content-Security-Policy:\n"
            + string.Join("\n", refusedByCsp.Select(r => $"  {r.Who} at {r.Url}: {Shorten(r.Message, 400)}")));
    }

    /// <summary>A new person with a browser of their own (own cookies).</summary>
    public async Task<IPage> PersonAsync(string who, bool phone = false)
    {
        var page = await fixture.NewPersonAsync(phone);
        people.Add((who, page));
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) refusedByCsp.Enqueue((who, page.Url, $"{message.Location} {message.Text}"));
        };
        return page;
    }

    /// <summary>Screenshot of the whole page as the next numbered step, and axe-core on it.</summary>
    public async Task StepAsync(IPage page, string name)
    {
        await ShotAsync(page, name);
        foreach (var violation in await Axe.RunAsync(page))
            violations.Add((name, new Uri(page.Url).PathAndQuery, violation));
    }

    /// <summary>Screenshot only (the same page again in another state, already checked by axe).</summary>
    public async Task ShotAsync(IPage page, string name)
    {
        step++;
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{step:D2}-{name}.png"), FullPage = true });
    }

    private void AssertAccessible()
    {
        var blocking = violations.Where(v => v.Violation.IsBlocking).ToList();
        if (blocking.Count == 0) return;
        // the same element failing the same rule on several pages (the layout's) is listed once, with the pages
        var text = new StringBuilder($"axe-core found serious or critical accessibility violations on {blocking.Select(v => v.Url).Distinct().Count()} page(s) of the journey (all violations: {Path.Combine(Folder, "axe.txt")}):\n");
        foreach (var rule in blocking.GroupBy(v => (v.Violation.Id, v.Violation.Impact, v.Violation.Help)))
        {
            text.Append(CultureInfo.InvariantCulture, $"[{rule.Key.Impact}] {rule.Key.Id} — {rule.Key.Help}\n");
            var nodes = rule.SelectMany(v => v.Violation.Nodes.Select(n => (n.Target, n.Html, n.Summary, Page: $"{v.Step} {v.Url}")))
                .GroupBy(n => (n.Html, n.Summary));
            foreach (var node in nodes)
            {
                var pages = node.Select(n => n.Page).Distinct().ToList();
                text.Append(CultureInfo.InvariantCulture, $"  {node.First().Target}  {Shorten(node.Key.Html)}\n    {Shorten(node.Key.Summary, 300)}\n    on {pages.Count} page(s): {string.Join(", ", pages.Take(4))}{(pages.Count > 4 ? ", …" : "")}\n");
            }
        }
        Assert.Fail(text.ToString());
    }

    private void WriteAxeReport()
    {
        var text = new StringBuilder();
        foreach (var (name, url, v) in violations)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name} {url}: [{v.Impact}] {v.Id} — {v.Help}\n");
            foreach (var (target, html, summary) in v.Nodes)
                text.Append(CultureInfo.InvariantCulture, $"    {target}  {Shorten(html)}\n      {Shorten(summary, 300)}\n");
        }
        File.WriteAllText(Path.Combine(Folder, "axe.txt"), violations.Count == 0 ? "no violations\n" : text.ToString());
    }

    private async Task ShootFailureAsync()
    {
        foreach (var (who, page) in people)
        {
            try { await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"zz-failure-{who}.png"), FullPage = true }); }
            catch (PlaywrightException) { }
        }
    }

    private static string Shorten(string text, int max = 160) => text.Length <= max ? text : text[..max] + "…";
}
