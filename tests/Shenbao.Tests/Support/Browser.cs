using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace Shenbao.Tests.Support;

/// <summary>
/// Drives pages over HTTP as a browser would: keeps cookies, reads forms (with their antiforgery token) and posts
/// them back, and parses what comes back for assertions on the rendered Chinese text.
/// </summary>
public sealed class Browser(HttpClient client, ShenbaoApp? app = null)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;

    public static Browser For(ShenbaoApp app) =>
        new(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), app);

    public sealed record Page(HttpStatusCode Status, IHtmlDocument Document, HttpResponseMessage Response)
    {
        public string Text => Document.Body?.TextContent ?? "";
        public string? Location => Response.Headers.Location?.ToString();
    }

    public async Task<Page> GetAsync(string url)
    {
        var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        return new Page(response.StatusCode, Parser.ParseDocument(await response.Content.ReadAsStringAsync()), response);
    }

    /// <summary>Posts the form found by <paramref name="formSelector"/> on <paramref name="page"/>, its own fields overlaid by <paramref name="values"/>.</summary>
    public async Task<Page> SubmitAsync(Page page, IReadOnlyDictionary<string, string> values, string formSelector = "form[method=post]:not([action='/Account/Logout'])", string? handler = null,
        IReadOnlyList<(string Name, string FileName, byte[] Content)>? files = null)
    {
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"no form '{formSelector}' on the page");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked) fields.Add(new(name, input.Value));
                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is not ("submit" or "button" or "file"):
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
            }
        }
        fields.RemoveAll(f => values.ContainsKey(f.Key));
        fields.AddRange(values);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page.Response.RequestMessage!.RequestUri!.PathAndQuery;
        if (handler is not null) action += (action.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
        return files is null ? await PostAsync(action, fields) : await PostMultipartAsync(action, fields, files);
    }

    /// <summary>A form with files, as a browser posts it (multipart/form-data).</summary>
    public async Task<Page> PostMultipartAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<(string Name, string FileName, byte[] Content)> files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        foreach (var (name, fileName, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, name, fileName);
        }
        var response = await Client.PostAsync(new Uri(url, UriKind.Relative), form);
        return new Page(response.StatusCode, Parser.ParseDocument(await response.Content.ReadAsStringAsync()), response);
    }

    public async Task<Page> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var response = await Client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));
        return new Page(response.StatusCode, Parser.ParseDocument(await response.Content.ReadAsStringAsync()), response);
    }

    public static string Token(Page page) =>
        page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("the page has no antiforgery token");

    /// <summary>
    /// Signs in through the login page; demo accounts share one password. A privileged account goes on to the
    /// second factor: its code is computed from the key in the database (enrolling first if it has none in force).
    /// </summary>
    public async Task<Browser> SignInAsync(string userName, string password = Shenbao.Data.Demo.DemoData.Password)
    {
        var result = await SubmitAsync(await GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });
        if (result.Status == HttpStatusCode.Redirect && result.Location?.Contains("/Account/SecondFactor", StringComparison.Ordinal) == true)
            result = await SecondFactorAsync(userName, await GetAsync(PathOf(result.Location)));
        if (result.Status != HttpStatusCode.Redirect && result.Document.QuerySelector("#recovery-codes") is null)
            throw new InvalidOperationException($"sign-in of {userName} failed: {result.Text.Trim()}");
        return this;
    }

    /// <summary>
    /// Types the code of the moment. The test clock stands still (or is set back by a test) while a code is accepted
    /// only once, so the account's last used step is forgotten first: what a person does by waiting for the next
    /// code. (SecondFactorTests prove the single use without this.)
    /// </summary>
    public async Task<Page> SecondFactorAsync(string userName, Page page)
    {
        if (app is null) throw new InvalidOperationException($"{userName} needs a second factor: make the browser with Browser.For(app) so that it can read the key");
        string secret;
        using (var db = app.Db())
        {
            secret = db.Users.Single(u => u.UserName == userName).TotpSecret ?? throw new InvalidOperationException($"{userName} has no TOTP key");
            db.Users.Where(u => u.UserName == userName).ExecuteUpdate(u => u.SetProperty(x => x.TotpLastStep, (long?)null));
        }
        return await SubmitAsync(page, new Dictionary<string, string> { ["Code"] = Shenbao.Web.Security.SecondFactor.CodeAt(secret, app.Clock.Now) }, "form[action*='handler=Code']");
    }

    private static string PathOf(string location) => new Uri(new Uri("http://localhost"), location).PathAndQuery;
}
