using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Shenbao.Tests.Web.Authorisation;
using Outcome = Shenbao.Tests.Web.Authorisation.Outcome;

namespace Shenbao.Tests.Web.Fuzzing;

/// <summary>
/// Every form of every page, as someone the page admits, posted again and again with hostile values in every field
/// (<see cref="HostileValues"/>), then as invalid UTF-8 and with nothing at all; every page's query filled the same
/// way. No answer may be a 5xx. Afterwards every page is read by every actor who may read it, and none may hold a
/// stored value as markup.
/// </summary>
public sealed class FormFuzzTests(MatrixApp app) : IClassFixture<MatrixApp>
{
    private static readonly HtmlParser Parser = new();

    private readonly List<string> failures = [];
    private int requests;

    [Fact]
    public async Task Every_form_and_query_survives_hostile_values_and_no_page_shows_a_stored_value_as_markup()
    {
        var browsers = await app.BrowsersAsync();
        var pages = Matrix.Rows.Where(r => r.Method == "GET").ToList();
        // the administrators' account pages go last: a post to them may stop an account or reset its second factor
        // with the id its form carries, which ends that actor's session for the rest of the run
        var accountPages = pages.Where(r => r.Path.StartsWith("/Admin/Users", StringComparison.Ordinal) || r.Path.StartsWith("/Admin/Roles", StringComparison.Ordinal)).ToList();

        foreach (var row in pages.Except(accountPages)) await FuzzPageAsync(browsers, row);
        // what was stored is shown somewhere: to its owner, a reviewer, the bureau, an administrator
        await ReadEveryPageAsync(browsers, pages, "after the fuzzing");
        foreach (var row in accountPages) await FuzzPageAsync(browsers, row);
        await ReadEveryPageAsync(browsers, accountPages, "after the fuzzing of the accounts");

        // about 15,000 on the demo data: far fewer means forms went unfound or unposted
        Assert.True(requests > 12_000, $"only {requests} hostile requests were sent: the forms were not found");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests failed:\n" + string.Join("\n", failures.Take(60)));
    }

    private async Task FuzzPageAsync(IReadOnlyDictionary<Actor, Browser> browsers, Row row)
    {
        // who reads the page and may also post its forms: the profile is read by a 项目负责人 and saved by the organisation's administrator
        bool Reads(Actor a) => row.Access.Reaches(a) && row.Access.Expected(a) == Outcome.Ok;
        var posts = Matrix.Rows.Where(r => r.Method == "POST" && r.Path == row.Path).ToList();
        var actor = Access.All.FirstOrDefault(a => Reads(a) && posts.Any(p => p.Access.Reaches(a) && p.Access.Expected(a) == Outcome.Ok),
            Access.All.FirstOrDefault(Reads, Actor.Anonymous));
        var url = Url(row);
        await FuzzQueryAsync(browsers[actor], url, row.Name);
        using var page = await browsers[actor].Client.GetAsync(new Uri(url, UriKind.Relative));
        if (page.StatusCode != HttpStatusCode.OK || page.Content.Headers.ContentType?.MediaType != "text/html") return;
        var forms = Parser.ParseDocument(await page.Content.ReadAsStringAsync()).Forms.Length;
        var budget = new Budget(PerPage);
        for (var index = 0; index < forms; index++) await FuzzFormAsync(browsers[actor], url, index, $"{row.Name} as {actor}", budget);
    }

    private async Task ReadEveryPageAsync(IReadOnlyDictionary<Actor, Browser> browsers, IEnumerable<Row> pages, string when)
    {
        foreach (var row in pages)
            foreach (var actor in Access.All.Where(a => row.Access.Reaches(a)))
                await CheckAsync(await browsers[actor].Client.GetAsync(new Uri(Url(row), UriKind.Relative)), $"{row.Name} read by {actor} {when}");
    }

    private string Url(Row row) =>
        app.Resources.Aggregate(row.Path, (path, r) => path.Replace("{" + r.Key + "}", r.Value, StringComparison.Ordinal))
        + (row.Handler is { } handler ? (row.Path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler : "");

    /// <summary>The page's own query parameters and the usual ones, each hostile value in each.</summary>
    private async Task FuzzQueryAsync(Browser browser, string url, string name)
    {
        string[] parameters = ["id", "call", "q", "page", "sort", "status", "district", "year", "job", "code", "handler", "returnUrl"];
        var (path, query) = url.IndexOf('?', StringComparison.Ordinal) is var at and >= 0 ? (url[..at], url[(at + 1)..]) : (url, "");
        foreach (var value in HostileValues.All.Where(v => v.Length < 1_000))
        {
            var hostile = string.Join("&", parameters.Where(p => p != "handler" || query.Contains("handler=", StringComparison.Ordinal) is false)
                .Select(p => p + "=" + Uri.EscapeDataString(value)));
            var response = await browser.Client.GetAsync(new Uri($"{path}?{query}{(query.Length > 0 ? "&" : "")}{hostile}", UriKind.Relative));
            await CheckAsync(response, $"{name} with ?…={Show(value)}");
        }
        // a route's number replaced by one no column holds, or by a word (a NUL in the path is Kestrel's to refuse: 400 before any page)
        foreach (var segment in new[] { "99999999999999999999", "-1", "abc", "..%2F..%2Fetc" })
        {
            var replaced = System.Text.RegularExpressions.Regex.Replace(path, "/[0-9]+$", "/" + segment);
            if (replaced == path) continue;
            await CheckAsync(await browser.Client.GetAsync(new Uri(replaced + (query.Length > 0 ? "?" + query : ""), UriKind.Relative)), $"{name} at {replaced}");
        }
    }

    /// <summary>A form as its page shows it now: where it posts, its fields with the values a user would leave in them.</summary>
    private sealed record Form(string Name, IReadOnlyList<string> Actions, string? Htmx, IReadOnlyList<Field> Fields, string? Token, bool Get, bool Multipart)
    {
        public IEnumerable<Field> Inputs => Fields.Where(f => f.Name != "__RequestVerificationToken" && f.Type != "file");

        public IEnumerable<string> Files => Fields.Where(f => f.Type == "file").Select(f => f.Name).Distinct();
    }

    /// <summary>A named field; <paramref name="Value"/> is what a careful user would send (null: the field is not sent).</summary>
    private sealed record Field(string Name, string Type, string? Value);

    private async Task<Form?> ReadFormAsync(Browser browser, string pageUrl, int index, string name)
    {
        // the page itself is checked too: it is where a value just stored is shown first
        var page = await CheckAsync(await browser.Client.GetAsync(new Uri(pageUrl, UriKind.Relative)), $"{name}: the page read again");
        if (page.Status != 200 || page.Html is null) return null;
        var document = Parser.ParseDocument(page.Html);
        if (document.Forms.Length <= index) return null;
        var form = document.Forms[index];
        var fields = Fields(form);
        return new Form(name, Actions(document, form, pageUrl).ToList(), form.GetAttribute("hx-post") is { } hx ? WebUtility.HtmlDecode(hx) : null, fields,
            fields.FirstOrDefault(f => f.Name == "__RequestVerificationToken")?.Value,
            string.Equals(form.GetAttribute("method"), "get", StringComparison.OrdinalIgnoreCase),
            string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// First every field hostile at once, hidden ones and ids too; then invalid UTF-8; then nothing. Then one field at
    /// a time with every other left as the page filled it, so the hostile value passes validation elsewhere and is
    /// stored where the form stores it: after a success the page it leads to is read and the form read again (its
    /// version moved on), and the markup comes last, so that it is what stays stored for the final reading.
    /// </summary>
    /// <summary>
    /// One field at a time, a page's forms send at most this many values beyond the markup (which every field always
    /// gets): the profile alone, with its dozens of fields and sections, would otherwise take three minutes of the run.
    /// </summary>
    private const int PerPage = 800;

    private sealed class Budget(int left)
    {
        public bool Take() => left-- > 0;
    }

    private async Task FuzzFormAsync(Browser browser, string pageUrl, int index, string name, Budget budget)
    {
        if (await ReadFormAsync(browser, pageUrl, index, name) is not { } form) return;
        foreach (var action in form.Actions)
        {
            // sign-out ends the session the rest of the fuzzing needs; it takes no input anyway
            if (action.Contains("Logout", StringComparison.OrdinalIgnoreCase)) continue;
            var names = form.Inputs.Select(f => f.Name).Distinct().ToList();
            for (var i = 0; i < HostileValues.All.Count; i++)
            {
                // each field gets each value once over the rounds, and no two fields the same one at a time
                var values = names.Select((n, j) => KeyValuePair.Create(n, HostileValues.All[(i + j) % HostileValues.All.Count]));
                await SendAsync(browser, form, action, values, HostileValues.All[i], $"{name}: {action} all hostile, round {i} ({Show(HostileValues.All[i])} first)");
            }
            if (!form.Get)
            {
                // invalid UTF-8 in every field, percent-encoded and raw; then the token alone
                var invalid = Encoding.Latin1.GetString(HostileValues.InvalidUtf8);
                var body = string.Join("&", names.Select(n => Uri.EscapeDataString(n) + "=" + string.Concat(HostileValues.InvalidUtf8.Select(b => $"%{b:X2}")) + invalid))
                    + (form.Token is null ? "" : "&__RequestVerificationToken=" + Uri.EscapeDataString(form.Token));
                var bytes = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
                bytes.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
                await CheckAsync(await browser.Client.PostAsync(new Uri(action, UriKind.Relative), bytes), $"{name}: POST {action} invalid UTF-8");
                await CheckAsync(await browser.Client.PostAsync(new Uri(action, UriKind.Relative),
                    new FormUrlEncodedContent(form.Token is null ? [] : [KeyValuePair.Create("__RequestVerificationToken", form.Token)])), $"{name}: POST {action} with no fields");
            }

            var current = await ReadFormAsync(browser, pageUrl, index, name) ?? form;
            foreach (var (field, j) in form.Inputs.Select((f, j) => (f, j)))
                foreach (var value in ValuesFor(field, j))
                {
                    if (!HostileValues.Markup.Contains(value) && !budget.Take()) continue;
                    var values = current.Inputs.Where(f => f.Value is not null && f.Name != field.Name).Select(f => KeyValuePair.Create(f.Name, f.Value!)).Append(KeyValuePair.Create(field.Name, value));
                    var reply = await SendAsync(browser, current, action, values, value, $"{name}: {action} with {field.Name}={Show(value)}");
                    if (reply.Status is >= 300 and < 400 || (reply.Status is >= 200 and < 300 && action == current.Htmx))
                    {
                        if (reply.Location is { } location && location != pageUrl)
                            await CheckAsync(await browser.Client.GetAsync(new Uri(location, UriKind.RelativeOrAbsolute)), $"{name}: where {action} with {field.Name}={Show(value)} led");
                        current = await ReadFormAsync(browser, pageUrl, index, name) ?? current;
                    }
                }
        }
    }

    /// <summary>
    /// For every field markup (all five kinds for a field a user types into, two for the others), and for a field a user
    /// types into also every control-character, direction-mark and
    /// overlong value; the rest in turn — half of them to each text field, a quarter to each other one (hidden ids,
    /// versions, choices, numbers, dates) — so that together the fields still meet every value.
    /// </summary>
    private static IEnumerable<string> ValuesFor(Field field, int position)
    {
        var text = field.Type is "text" or "textarea" or "search" or "";
        // a choice, a number or a hidden id is not shown as typed text: the two kinds of markup (an element, an attribute) do there
        var markup = text ? HostileValues.Markup : HostileValues.Markup.Take(2).ToList();
        bool Always(string v) => markup.Contains(v) || (text && (v.Length >= 300 || v.Any(c => char.IsControl(c) || c is '\u202E' or '\u200B')));
        var chosen = HostileValues.All.Where((v, k) => Always(v) || (!HostileValues.Markup.Contains(v) && k % (text ? 2 : 4) == position % (text ? 2 : 4)));
        return chosen.Where(v => !HostileValues.Markup.Contains(v)).Concat(markup);
    }

    private async Task<Reply> SendAsync(Browser browser, Form form, string action, IEnumerable<KeyValuePair<string, string>> values, string first, string what)
    {
        if (form.Get)
        {
            var query = string.Join("&", values.Where(v => v.Value.Length < 1_000).Select(v => Uri.EscapeDataString(v.Key) + "=" + Uri.EscapeDataString(v.Value)));
            return await CheckAsync(await browser.Client.GetAsync(new Uri(action + (action.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query, UriKind.Relative)), "GET " + what);
        }
        var all = values.ToList();
        if (form.Token is not null) all.Add(KeyValuePair.Create("__RequestVerificationToken", form.Token));
        HttpContent content = form.Multipart || form.Files.Any() ? Multipart(all, form.Files, first) : new FormUrlEncodedContent(all);
        return await CheckAsync(await browser.Client.PostAsync(new Uri(action, UriKind.Relative), content), "POST " + what);
    }

    private static MultipartFormDataContent Multipart(IEnumerable<KeyValuePair<string, string>> values, IEnumerable<string> files, string hostile)
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in values) content.Add(new StringContent(value), key);
        foreach (var file in files)
        {
            var bytes = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n" + HostileValues.Script));
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            bytes.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
            {
                Name = file,
                FileNameStar = hostile is { Length: > 0 and < 1_000 } ? hostile + ".pdf" : HostileValues.Script + ".pdf",
            };
            content.Add(bytes);
        }
        return content;
    }

    /// <summary>Where a form posts: its action, and each button's own formaction that belongs to it.</summary>
    private static IEnumerable<string> Actions(IHtmlDocument document, IHtmlFormElement form, string pageUrl)
    {
        var own = form.GetAttribute("action") is { Length: > 0 } action ? action : pageUrl;
        var hx = form.GetAttribute("hx-post");
        var buttons = document.QuerySelectorAll("[formaction]")
            .Where(b => (b as IHtmlButtonElement)?.Form == form || (b as IHtmlInputElement)?.Form == form)
            .Select(b => b.GetAttribute("formaction")!);
        return new[] { own, hx }.Concat(buttons).OfType<string>().Select(a => WebUtility.HtmlDecode(a)).Distinct();
    }

    private static List<Field> Fields(IHtmlFormElement form)
    {
        var fields = new List<Field>();
        foreach (var element in form.Elements)
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is "checkbox" or "radio":
                    fields.Add(new(name, input.Type, input.IsChecked ? input.Value : null));
                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is not ("submit" or "button" or "reset" or "image"):
                    fields.Add(new(name, input.Type, input.Value is { Length: > 0 } value || input.Type is "hidden" or "file" ? input.Value : Plausible(input.Type)));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    fields.Add(new(name, "textarea", area.Value is { Length: > 0 } text ? text : Plausible("text")));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields.Add(new(name, "select", select.Value ?? ""));
                    break;
                case IHtmlButtonElement { Name: { Length: > 0 } name } button when fields.All(f => f.Name != name):
                    fields.Add(new(name, "button", button.Value));
                    break;
            }
        // a choice the page left open takes its first option, as a user picking one would
        foreach (var group in fields.Where(f => f.Type == "radio").GroupBy(f => f.Name).Where(g => g.All(f => f.Value is null)).ToList())
        {
            var first = form.Elements.OfType<IHtmlInputElement>().First(i => i.Name == group.Key && i.Type == "radio");
            fields[fields.IndexOf(group.First())] = group.First() with { Value = first.Value };
        }
        return fields;
    }

    /// <summary>What a user would type into an empty field of that type, so that only the hostile field is wrong.</summary>
    private static string Plausible(string type) => type switch
    {
        "number" or "range" => "1",
        "date" => "2026-06-01",
        "datetime-local" => "2026-06-01T09:00",
        "month" => "2026-06",
        "email" => "fuzz@example.com",
        "tel" => "0734-8888888",
        "url" => "https://example.com/",
        "password" => "not-the-password",
        _ => "模糊测试",
    };

    private sealed record Reply(int Status, string? Html, string? Location);

    private async Task<Reply> CheckAsync(HttpResponseMessage response, string what)
    {
        requests++;
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500) failures.Add($"{status} for {what}");
            if (response.Content.Headers.ContentType?.MediaType != "text/html") return new(status, null, response.Headers.Location?.OriginalString);
            var html = await response.Content.ReadAsStringAsync();
            foreach (var raw in HostileValues.RawMarkupIn(html)) failures.Add($"markup unescaped for {what}: …{raw}…");
            return new(status, html, response.Headers.Location?.OriginalString);
        }
    }

    private static string Show(string value) => value.Length > 24 ? $"{value[..12]}…({value.Length} chars)" : value.ReplaceLineEndings("⏎").Replace("\0", "\\0", StringComparison.Ordinal);
}
