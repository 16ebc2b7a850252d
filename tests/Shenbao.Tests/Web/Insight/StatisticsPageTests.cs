using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web.Insight;

/// <summary>统计: every figure of the call counted from the database, drawn with its text alternative, tabled with the same numbers, exported to Excel; only the bureau sees it.</summary>
public sealed class StatisticsPageTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static Dictionary<string, int> Table(Browser.Page page, string figure) =>
        page.Document.QuerySelectorAll($"#{figure} .figure-table tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => int.Parse(r.QuerySelector("td")!.TextContent, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Each_figure_counts_what_the_database_holds_and_the_chart_says_it_in_words()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        using var db = app.Db();
        var call = db.Calls.AsNoTracking().Single();
        var submitted = ReviewList.Of(db.Applications.AsNoTracking(), call.Id, new ReviewFilter()).ToList();

        var page = await officer.GetAsync("/Bureau/Statistics");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal($"共 {db.Applications.Count()} 份申报书，其中已提交 {submitted.Count} 份。", page.Document.GetElementById("statistics-totals")!.TextContent);
        var byCategory = Table(page, "by-category");
        Assert.Equal(submitted.Count(a => a.Category == "key-rd"), byCategory["二、重点研发"]);
        Assert.Equal(submitted.Count(a => a.Category == "iur-cooperation"), byCategory["四（一）产学研合作"]);
        Assert.Equal(0, byCategory["一、科技重大专项"]);   // a category without submissions is shown as none, not left out
        Assert.Equal(db.Applications.Count(a => a.Status == ApplicationStatus.Draft), Table(page, "by-status")["草稿"]);
        Assert.Equal(submitted.GroupBy(a => a.District).ToDictionary(g => g.Key, g => g.Count()), Table(page, "by-district"));
        Assert.Equal(db.Snapshots.Count(), Table(page, "per-day").Values.Sum());   // every submission, a resubmission too
        Assert.Equal(db.ExpertReviews.Count(r => r.CallId == call.Id), Table(page, "review-progress").Values.Sum());
        var desc = page.Document.GetElementById("by-category-svg-desc")!.TextContent;
        Assert.StartsWith("按类别（已提交的申报书数）：", desc, StringComparison.Ordinal);
        Assert.Contains($"二、重点研发 {byCategory["二、重点研发"]}", desc, StringComparison.Ordinal);
        Assert.Equal("img", page.Document.QuerySelector("#by-category svg")!.GetAttribute("role"));
    }

    [Fact]
    public async Task Quota_use_shows_each_districts_places_taken_against_its_limit_and_cited_clauses_are_counted()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        await officer.GetAsync("/Bureau/Statistics");
        using (var db = app.Db())
        {
            var call = db.Calls.Single();
            db.RecommendationQuotas.Add(new RecommendationQuota { CallId = call.Id, District = "珠晖区", Category = "key-rd", Limit = 9 });
            db.SaveChanges();
        }
        using var read = app.Db();
        var holding = read.Applications.Where(a => a.District == "珠晖区" && a.Category == "key-rd").Where(Quotas.Holding).Count();
        var cited = read.ApplicationEvents.AsNoTracking().Where(e => e.Clauses != null).AsEnumerable().SelectMany(e => e.ClauseIds).ToList();

        // counted a moment ago: kept for a minute, and the page says when it was counted
        var kept = await officer.GetAsync("/Bureau/Statistics");
        Assert.DoesNotContain("限 9 项", kept.Document.GetElementById("quota-use")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("统计于 ", kept.Document.GetElementById("statistics-counted")!.TextContent, StringComparison.Ordinal);
        app.Clock.Now += Shenbao.Web.Insight.StatisticsCache.KeptFor;
        var page = await officer.GetAsync("/Bureau/Statistics");

        var quota = page.Document.QuerySelectorAll("#quota-use .figure-table tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "珠晖区 · 二、重点研发");
        Assert.Equal(holding.ToString(System.Globalization.CultureInfo.InvariantCulture), quota.Children[1].TextContent);
        Assert.Equal("限 9 项", quota.Children[2].TextContent);
        Assert.True(holding > 0);
        var clauses = Table(page, "cited-clauses");
        Assert.Equal(cited.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count()), clauses);
    }

    [Fact]
    public async Task The_export_holds_every_bar_of_every_figure_and_is_audited()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var page = await officer.GetAsync("/Bureau/Statistics");
        var shown = page.Document.QuerySelectorAll(".figure-table tbody tr").Length;

        var response = await officer.Client.GetAsync(new Uri(page.Document.GetElementById("statistics-export")!.GetAttribute("href")!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = ExpertSheets.Read(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(shown, rows.Count);
        Assert.Equal(["统计项", "项目", "数量", "说明"], rows[0].Keys);
        var table = Table(page, "by-category");
        Assert.All(rows.Where(r => (string?)r["统计项"] == "按类别"), r => Assert.Equal(table[(string)r["项目"]!], Convert.ToInt32(r["数量"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.Export && r.Details == $"统计 {rows.Count} 行");
    }

    [Fact]
    public async Task An_unknown_call_is_not_found()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/Bureau/Statistics?call=999")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/Bureau/Statistics?handler=Export&call=999")).Status);
    }

    [Theory]
    [InlineData("zhuhui-recommender")]
    [InlineData("hynu-admin")]
    [InlineData("expert-zhang")]
    [InlineData("auditadmin")]
    public async Task Only_the_bureau_sees_the_statistics(string userName)
    {
        var other = await Browser.For(app).SignInAsync(userName);

        foreach (var url in new[] { "/Bureau/Statistics", "/Bureau/Statistics?handler=Export" })
        {
            var page = await other.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            Assert.StartsWith("http://localhost/Account/Denied", page.Location, StringComparison.Ordinal);
        }
    }
}
