using System.Net;
using AngleSharp.Dom;
using Shenbao.Web.Guides;

namespace Shenbao.Tests.Web;

public sealed class FinderTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private async Task<Browser.Page> FinderAsync(string userName) =>
        await (await Browser.For(app).SignInAsync(userName)).GetAsync("/Organisation/Finder");

    private static IElement Card(Browser.Page page, string category) =>
        page.Document.QuerySelector($"#category-{category}") ?? throw new InvalidOperationException($"no card for {category}");

    private static string? Summary(Browser.Page page, string category) => Card(page, category).QuerySelector(".summary")?.TextContent;

    [Fact]
    public async Task Every_category_of_the_guide_is_shown_with_a_summary_and_a_link_to_apply()
    {
        var page = await FinderAsync("zhiheng-admin");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(Requests.Guide.Categories.Select(c => c.Name), page.Document.QuerySelectorAll("section.category h2").Select(h => h.TextContent));
        foreach (var category in Requests.Guide.Categories)
        {
            Assert.Contains(Summary(page, category.Id), new[] { "可以申报", "需说明理由", "暂不符合" });
            Assert.Equal($"/Applications/Create?category={category.Id}", Card(page, category.Id).QuerySelector("a.btn")?.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task The_university_may_apply_for_basic_research_and_the_enterprise_may_not()
    {
        var university = await FinderAsync("hynu-admin");
        var enterprise = await FinderAsync("zhiheng-admin");

        Assert.Equal("可以申报", Summary(university, "basic-research"));
        Assert.Equal("暂不符合", Summary(enterprise, "basic-research"));
        var failed = Card(enterprise, "basic-research").QuerySelector("li[data-rule='basic-applicant']")!;
        Assert.Equal("fail", failed.GetAttribute("data-outcome"));
        Assert.Contains("不符合", failed.QuerySelector(".badge")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("申报单位为企业，本类别支持对象为驻衡高校、科研院所、医院", failed.TextContent, StringComparison.Ordinal);
        Assert.Equal(ClauseLinks.Href(Requests.Guide.Id, "三、支持对象"), failed.QuerySelector("a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task The_enterprises_profile_meets_the_achievement_transfer_conditions_it_holds()
    {
        var page = await FinderAsync("zhiheng-admin");

        var card = Card(page, "achievement-transfer");
        Assert.Equal("可以申报", Summary(page, "achievement-transfer"));
        Assert.Contains("2024年度营业收入 21,000,000 元，不低于 10,000,000 元", card.QuerySelector("li[data-rule='transfer-revenue']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("符合", card.QuerySelector("li[data-rule='transfer-revenue'] .badge")?.TextContent);
        // the self-assessment is an undertaking for later in 五: a person checks it
        Assert.Equal("人工判断", card.QuerySelector("li[data-rule='tech-sme-self-assessment'] .badge")?.TextContent);
    }

    [Fact]
    public async Task Rules_about_the_application_wait_for_the_application()
    {
        var page = await FinderAsync("hynu-admin");

        var card = Card(page, "basic-research");
        var platform = card.QuerySelector("li[data-rule='basic-platform']")!;
        Assert.Contains("申报时检查", platform.TextContent, StringComparison.Ordinal);
        Assert.Contains("项目依托的平台或学科", platform.TextContent, StringComparison.Ordinal);
        Assert.Null(platform.GetAttribute("data-outcome"));
        Assert.Contains("申报时检查", card.QuerySelector("li[data-rule='basic-documents']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("评审人员判断的事项（1 项）", card.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_rule_links_to_the_profile_section_holding_its_facts()
    {
        var page = await FinderAsync("hynu-admin");

        var hte = Card(page, "major-project").QuerySelector("li[data-rule='hte']")!;

        Assert.Equal("fail", hte.GetAttribute("data-outcome"));
        Assert.Equal("高新技术企业认定", hte.QuerySelector("a[href='/Organisation/Profile#highTech']")?.TextContent);
        Assert.Equal("暂不符合", Summary(page, "major-project"));
    }

    [Fact]
    public async Task A_project_leader_sees_the_finder_and_a_recommender_does_not()
    {
        var leader = await FinderAsync("zhiheng-leader");
        var recommender = await FinderAsync("gaoxin-recommender");

        Assert.Equal(HttpStatusCode.OK, leader.Status);
        Assert.Equal("暂不符合", Summary(leader, "basic-research"));
        Assert.Equal(HttpStatusCode.Redirect, recommender.Status);
        Assert.StartsWith("http://localhost/Account/Denied", recommender.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_missing_only_facts_shows_the_category_as_incomplete_with_what_to_fill_in()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        using (var db = app.Db())
        {
            var organisation = db.Organisations.Single(o => o.Name == "衡阳智衡计量科技有限公司");
            var profile = System.Text.Json.Nodes.JsonNode.Parse(organisation.ProfileJson)!.AsObject();
            profile.Remove("ipDispute");
            organisation.ProfileJson = profile.ToJsonString();
            organisation.Version++;
            db.SaveChanges();
        }

        try
        {
            var card = (await browser.GetAsync("/Organisation/Finder")).Document.QuerySelector("#category-achievement-transfer")!;

            Assert.Equal("信息不全", card.QuerySelector(".summary")!.TextContent.Trim());
            var rule = card.QuerySelector("[data-rule='transfer-no-ip-dispute']")!;
            Assert.Equal("fail", rule.GetAttribute("data-outcome"));
            Assert.Equal("待补充", rule.QuerySelector(".badge")!.TextContent.Trim());
        }
        finally
        {
            using var db = app.Db();
            var organisation = db.Organisations.Single(o => o.Name == "衡阳智衡计量科技有限公司");
            var profile = System.Text.Json.Nodes.JsonNode.Parse(organisation.ProfileJson)!.AsObject();
            profile["ipDispute"] = false;
            organisation.ProfileJson = profile.ToJsonString();
            organisation.Version++;
            db.SaveChanges();
        }
    }
}
