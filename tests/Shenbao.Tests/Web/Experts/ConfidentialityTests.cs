using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Shenbao.Tests.Web.Experts;

/// <summary>
/// 评审保密: in the demo call, reviewed through to 立项, everything the applicant can reach — every page linked from
/// its own, each page's links in turn, its files, its inbox, the API, and the mails sent to its people — holds no
/// expert's name, identity number, phone, address, comment or opinion.
/// </summary>
public sealed class ConfidentialityTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    [Fact]
    public async Task Nothing_an_applicant_can_reach_names_an_expert_or_shows_a_review()
    {
        // one more application taken through expert review by the pages, on top of the demo's reviewed ones
        await Lifecycle.ReviewedAsync(app);
        List<string> secrets;
        await using (var db = app.Db())
        {
            var experts = await db.Experts.AsNoTracking().ToListAsync();
            var reviews = await db.ExpertReviews.AsNoTracking().ToListAsync();
            secrets = [.. experts.SelectMany(e => new[] { e.Name, e.IdNumber, e.MaskedIdNumber, e.Phone, e.Email }),
                .. reviews.Select(r => r.Opinion).OfType<string>(), .. reviews.Select(r => r.ConflictNote).OfType<string>(),
                .. reviews.SelectMany(r => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(r.CommentsJson)!.Values)];
            secrets = secrets.Where(s => s.Length >= 2).Distinct().ToList();
            Assert.Contains("张建华", secrets);
            Assert.Contains("项目基础扎实，建议支持。", secrets);
        }

        var applicant = await Browser.For(app).SignInAsync("hynu-admin");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/", "/Applications", "/Inbox", "/Organisation/Profile", "/Organisation/Finder", "/Organisation/TechSme", "/Organisation/Users", "/Publicity", "/Guide", "/api/guides"]);
        var crawled = 0;
        while (queue.Count > 0 && crawled < 400)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path)) continue;
            var response = await applicant.Client.GetAsync(new Uri(path, UriKind.Relative));
            crawled++;
            var body = await response.Content.ReadAsStringAsync();
            foreach (var secret in secrets)
                Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{path} shows “{secret}”");
            if (response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body);
            foreach (var link in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
                if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !link.StartsWith("/Account/Logout", StringComparison.Ordinal) && !seen.Contains(link))
                    queue.Enqueue(link);
        }
        Assert.True(crawled > 30, $"only {crawled} pages crawled");
        Assert.Contains(seen, p => p.StartsWith("/Applications/Details/", StringComparison.Ordinal));

        // the notices in its people's inboxes and the mails sent to them
        await using var context = app.Db();
        var people = await context.Users.AsNoTracking().Where(u => u.OrganisationId != null).Select(u => new { u.Id, u.Email }).ToListAsync();
        var ids = people.Select(p => p.Id).ToList();
        var notices = await context.Notifications.AsNoTracking().Where(n => ids.Contains(n.UserId)).Select(n => n.Subject + n.Body).ToListAsync();
        Assert.NotEmpty(notices);
        var mails = (await app.MailsToAsync("hynu-admin@demo.invalid")).Select(m => m.Subject + m.TextBody).ToList();
        Assert.NotEmpty(mails);
        foreach (var text in notices.Concat(mails))
            foreach (var secret in secrets)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a notice or mail to the applicant shows “{secret}”");
    }
}
