using System.Globalization;
using System.Net;
using Shenbao.Web.Guides;

namespace Shenbao.Tests.Web;

/// <summary>The pages a visitor sees without signing in: the calls, the guide and the anonymous self-check.</summary>
public sealed class PublicPagesTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static readonly Shenbao.Domain.Guides.Guide Guide = Requests.Guide;

    /// <summary>The last fiscal year the self-check asks about, counted back from the guide's year.</summary>
    private static readonly int LastYear = Guide.Year - 1;

    private static string Year(int offset) => (LastYear - offset).ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("/")]
    [InlineData("/Guide/hengyang-2025")]
    [InlineData("/SelfCheck")]
    public async Task A_visitor_reaches_the_public_pages_without_signing_in(string path)
    {
        var page = await Browser.For(app).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("登录", page.Text, StringComparison.Ordinal);   // the menu offers sign-in: nobody is signed in
    }

    [Fact]
    public async Task The_home_page_shows_the_open_demo_call_with_its_badge_dates_countdown_and_links()
    {
        var page = await Browser.For(app).GetAsync("/");
        var call = app.Db().Calls.Single();
        var card = page.Document.QuerySelector($"#call-{call.Id}")!;
        var left = call.Deadline - app.Clock.Now;

        Assert.Contains(call.Title, card.TextContent, StringComparison.Ordinal);
        Assert.Equal("演示批次", card.QuerySelector(".demo-badge")!.TextContent.Trim());
        Assert.Equal("受理中", card.QuerySelector(".state-badge")!.TextContent.Trim());
        Assert.Contains(ChinaTime.Describe(call.OpensAt) + "（北京时间）", card.TextContent, StringComparison.Ordinal);
        Assert.Contains(ChinaTime.Describe(call.Deadline) + "（北京时间）", card.TextContent, StringComparison.Ordinal);
        var countdown = card.QuerySelector(".countdown")!;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"距截止还有 {left.Days} 天 {left.Hours} 小时"), countdown.TextContent.Trim());
        Assert.Equal(((long)left.TotalSeconds).ToString(CultureInfo.InvariantCulture), countdown.GetAttribute("data-seconds"));
        Assert.NotNull(card.QuerySelector("a[href='/Guide/hengyang-2025']"));
        Assert.NotNull(card.QuerySelector("a[href='/SelfCheck']"));
    }

    [Fact]
    public async Task The_countdown_runs_from_a_script_file_because_the_policy_allows_no_inline_script()
    {
        var browser = Browser.For(app);
        var page = await browser.GetAsync("/");
        var script = await browser.Client.GetAsync(new Uri("/js/countdown.js", UriKind.Relative));

        Assert.All(page.Document.Scripts, s => Assert.False(string.IsNullOrEmpty(s.Source), "inline script on the home page"));
        Assert.Contains(page.Document.Scripts, s => s.Source!.StartsWith("/js/countdown.js", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("data-seconds", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_guide_menu_entry_leads_to_the_newest_guide()
    {
        var page = await Browser.For(app).GetAsync("/Guide");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal("/Guide/hengyang-2025", page.Location);
    }

    [Fact]
    public async Task The_guide_page_shows_every_clause_at_its_own_id_with_the_rules_that_cite_it()
    {
        var page = await Browser.For(app).GetAsync("/Guide/hengyang-2025");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        foreach (var clause in Guide.Clauses)
        {
            var element = page.Document.GetElementById(clause.Id);
            Assert.NotNull(element);
            Assert.Contains(clause.Text.Trim(), element.TextContent, StringComparison.Ordinal);
            Assert.NotNull(page.Document.QuerySelector($"nav a[href='#{clause.Id}']"));   // in the table of contents
        }
        var headings = page.Document.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()).ToList();
        foreach (var category in Guide.Categories) Assert.Contains(category.Name, headings);

        Assert.Contains("高新技术企业", page.Document.GetElementById("一、支持对象")!.QuerySelector(".clause-rules")!.TextContent, StringComparison.Ordinal);
        // rules are listed by their Chinese names from the guide file, never by the ids of the contract
        foreach (var rule in Guide.Categories.SelectMany(c => c.Rules).Where(r => !r.Id.StartsWith("manual-", StringComparison.Ordinal)))
            Assert.DoesNotContain(rule.Id, page.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("资格条件", page.Document.GetElementById("一、支持对象")!.TextContent, StringComparison.Ordinal);
        var fields = page.Document.GetElementById("二、支持领域")!.TextContent;
        Assert.Contains("支持领域", fields, StringComparison.Ordinal);
        Assert.Contains("提示项（须说明理由）", fields, StringComparison.Ordinal);
        var direction = page.Document.GetElementById("五、支持方向")!.TextContent;
        Assert.DoesNotContain("manual-transfer-direction", direction, StringComparison.Ordinal);
        Assert.Contains("人工判断", direction, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_guide_is_a_chinese_404()
    {
        var page = await Browser.For(app).GetAsync("/Guide/no-such-guide");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("页面不存在", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_self_check_says_what_it_is_stores_nothing_and_asks_for_the_years_of_the_guide()
    {
        var page = await Browser.For(app).GetAsync("/SelfCheck");

        Assert.Contains("不保存您填写的任何内容", page.Text, StringComparison.Ordinal);
        Assert.Contains($"{Year(0)}年度营业收入", page.Text, StringComparison.Ordinal);
        Assert.Contains($"{Year(2)}年度实缴税费", page.Text, StringComparison.Ordinal);
        Assert.Contains($"{Year(2)}年度产学研合作支出", page.Text, StringComparison.Ordinal);
        Assert.Contains($"{Guide.Year}年度科技型中小企业自评", page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("form[method=post] input[name=__RequestVerificationToken]"));
        Assert.Empty(page.Document.QuerySelectorAll(".category-result"));
    }

    [Fact]
    public async Task A_qualifying_high_tech_enterprise_may_apply_for_the_major_project_and_sees_what_is_checked_later()
    {
        var page = await SelfCheckAsync(HighTechEnterprise());

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(Guide.Categories.Count, page.Document.QuerySelectorAll(".category-result").Length);
        Assert.Equal("可以申报", Summary(page, "major-project"));
        var rules = page.Document.QuerySelectorAll("#result-major-project li.rule").ToDictionary(li => li.GetAttribute("data-rule")!, li => li.QuerySelector(".outcome")!.TextContent);
        Assert.Equal(["located-in-hengyang", "hte", "tech-sme-self-assessment", "major-subsidy-limit"], rules.Keys);
        Assert.All(rules.Values, outcome => Assert.Equal("符合", outcome));
        var later = page.Document.QuerySelector("#result-major-project .at-application")!.TextContent;
        Assert.Contains("申报时检查", later, StringComparison.Ordinal);
        Assert.Contains("项目负责人职称（一、项目负责人）", later, StringComparison.Ordinal);
        Assert.Contains("支持领域（一、支持领域）", later, StringComparison.Ordinal);
        Assert.Equal("可以申报", Summary(page, "achievement-transfer"));   // spending, revenue and tax over the asked years
        Assert.StartsWith("暂不符合（", Summary(page, "basic-research"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_university_may_apply_for_basic_research_and_key_rd_but_not_for_the_enterprise_categories()
    {
        var page = await SelfCheckAsync(new() { ["Input.Kind"] = "university", ["Input.InHengyang"] = "true" });

        Assert.Equal("可以申报", Summary(page, "basic-research"));
        Assert.Equal("可以申报", Summary(page, "key-rd"));
        Assert.StartsWith("暂不符合（", Summary(page, "major-project"), StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("#result-basic-research .at-application [data-rule=basic-platform]"));
    }

    [Fact]
    public async Task An_enterprise_without_a_high_tech_certificate_does_not_qualify_and_is_told_why()
    {
        var answers = HighTechEnterprise();
        answers["Input.HighTech"] = "false";
        answers["Input.HighTechValidTo"] = "";

        var page = await SelfCheckAsync(answers);

        var summary = Summary(page, "major-project");
        Assert.StartsWith("暂不符合（", summary, StringComparison.Ordinal);
        Assert.Contains("未认定为高新技术企业", summary, StringComparison.Ordinal);
        var hte = page.Document.QuerySelector("#result-major-project li[data-rule=hte]")!;
        Assert.Equal("不符合", hte.QuerySelector(".outcome")!.TextContent);
        Assert.Contains("未认定为高新技术企业", hte.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisation_outside_hengyang_does_not_qualify_anywhere()
    {
        var answers = HighTechEnterprise();
        answers["Input.InHengyang"] = "false";

        var page = await SelfCheckAsync(answers);

        foreach (var category in Guide.Categories)
            Assert.Contains("不在衡阳市内注册或驻衡", Summary(page, category.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_clause_link_of_the_self_check_lands_on_its_clause_in_the_guide()
    {
        var browser = Browser.For(app);
        var results = await SelfCheckAsync(HighTechEnterprise(), browser);
        var guide = await browser.GetAsync("/Guide/hengyang-2025");

        var links = results.Document.QuerySelectorAll("#results a[href*='#']").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        Assert.Contains(ClauseLinks.Href("hengyang-2025", "一、支持对象"), links);
        foreach (var link in links)
        {
            Assert.StartsWith("/Guide/hengyang-2025#", link, StringComparison.Ordinal);
            Assert.NotNull(guide.Document.GetElementById(Uri.UnescapeDataString(link[(link.IndexOf('#', StringComparison.Ordinal) + 1)..])));
        }
    }

    [Fact]
    public async Task Wrong_answers_are_explained_in_chinese_beside_their_fields_and_nothing_is_checked()
    {
        var page = await SelfCheckAsync(new() { ["Input.Kind"] = "", ["Input.Revenue"] = "-5", ["Input.Employees"] = "3.5", ["Input.Tax"] = "很多" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("请选择单位类型", Beside(page, "Input.Kind"));
        Assert.Equal("请选择是否在衡阳市内注册或驻衡", Beside(page, "Input.InHengyang"));
        Assert.Equal("不能为负数", Beside(page, "Input.Revenue"));
        Assert.Equal("请填写整数", Beside(page, "Input.Employees"));
        Assert.Equal("请填写数字（可带小数点）", Beside(page, "Input.Tax"));
        Assert.Equal("-5", page.Document.QuerySelector("input[name='Input.Revenue']")!.GetAttribute("value"));   // kept for correction
        Assert.Empty(page.Document.QuerySelectorAll(".category-result"));
    }

    [Fact]
    public async Task A_certificate_needs_its_validity_date_and_a_platform_both_its_type_and_level()
    {
        var page = await SelfCheckAsync(new()
        {
            ["Input.Kind"] = "enterprise", ["Input.InHengyang"] = "true", ["Input.HighTech"] = "true", ["Input.HighTechValidTo"] = "",
            ["Input.PlatformType"] = "key-lab", ["Input.PlatformLevel"] = "",
        });

        Assert.Equal("请填写高新技术企业证书有效期", Beside(page, "Input.HighTechValidTo"));
        Assert.Equal("请同时选择平台级别", Beside(page, "Input.PlatformLevel"));
        Assert.Empty(page.Document.QuerySelectorAll(".category-result"));
    }

    [Fact]
    public async Task A_self_check_without_the_antiforgery_token_is_refused()
    {
        var response = await app.CreateClient().PostAsync(new Uri("/SelfCheck", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Kind"] = "university", ["Input.InHengyang"] = "true" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Finance_left_empty_reads_as_information_to_add_not_as_conditions_missed()
    {
        var answers = HighTechEnterprise();
        foreach (var optional in new[] { "Input.Revenue", "Input.Assets", "Input.Output", "Input.Tax", "Input.TaxYearBefore", "Input.TaxTwoYearsBefore" }) answers[optional] = "";

        var page = await SelfCheckAsync(answers);

        Assert.StartsWith("信息不全（请补充：", Summary(page, "achievement-transfer"), StringComparison.Ordinal);
        var revenue = page.Document.QuerySelector("#result-achievement-transfer [data-rule='transfer-revenue'] .outcome")!;
        Assert.Equal(("待补充", "missing"), (revenue.TextContent, revenue.GetAttribute("data-state")));
        Assert.Equal("可以申报", Summary(page, "major-project"));   // a category that needs none of it is not held up
        Assert.DoesNotContain("不符合", page.Document.QuerySelector("#result-achievement-transfer")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The answers of the demo enterprise: an HTE within the tech-SME standard that has done its self-assessment.</summary>
    private Dictionary<string, string> HighTechEnterprise() => new()
    {
        ["Input.Kind"] = "enterprise", ["Input.InHengyang"] = "true", ["Input.IpDispute"] = "false",
        ["Input.HighTech"] = "true",
        ["Input.HighTechValidTo"] = ChinaTime.DateOf(app.Clock.Now).AddYears(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Input.TechSmeSelfAssessed"] = "true", ["Input.Employees"] = "186",
        ["Input.Revenue"] = "21,000,000", ["Input.Assets"] = "45000000", ["Input.Output"] = "22000000",
        ["Input.Tax"] = "820000", ["Input.TaxYearBefore"] = "650000", ["Input.TaxTwoYearsBefore"] = "600000",
        ["Input.Iur"] = "600000", ["Input.IurYearBefore"] = "450000", ["Input.IurTwoYearsBefore"] = "200000",
        ["Input.SubsidiesTwoYearsBefore"] = "1",
        ["Input.PlatformType"] = "engineering-research-center", ["Input.PlatformLevel"] = "provincial",
    };

    private async Task<Browser.Page> SelfCheckAsync(Dictionary<string, string> answers, Browser? browser = null)
    {
        browser ??= Browser.For(app);
        return await browser.SubmitAsync(await browser.GetAsync("/SelfCheck"), answers);
    }

    private static string Summary(Browser.Page page, string category) =>
        page.Document.QuerySelector($"#result-{category} .summary")?.TextContent.Trim() ?? throw new InvalidOperationException($"no result for {category}");

    private static string Beside(Browser.Page page, string field) =>
        page.Document.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";
}

/// <summary>The home page as the clock moves: its own application, so that moving the clock disturbs no other test.</summary>
public sealed class PublicPagesCountdownTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    [Fact]
    public async Task The_countdown_follows_the_clock_until_the_call_closes()
    {
        var browser = Browser.For(app);
        await browser.GetAsync("/");   // starts the application, which seeds the demo call from the clock
        var call = app.Db().Calls.Single();

        app.Clock.Now = call.Deadline - new TimeSpan(12, 5, 30, 0);
        Assert.Equal("距截止还有 12 天 5 小时", Countdown(await browser.GetAsync("/"), call.Id));

        app.Clock.Now = call.Deadline - TimeSpan.FromMinutes(59);
        Assert.Equal("距截止还有 0 天 0 小时", Countdown(await browser.GetAsync("/"), call.Id));

        app.Clock.Now = call.Deadline;
        var closed = await browser.GetAsync("/");
        var card = closed.Document.QuerySelector($"#call-{call.Id}")!;
        Assert.Equal("已截止", card.QuerySelector(".state-badge")!.TextContent.Trim());
        Assert.StartsWith("已截止", Countdown(closed, call.Id), StringComparison.Ordinal);
        Assert.Null(card.QuerySelector("[data-seconds]"));
        Assert.Contains(Requests.Guide.Categories[0].Name, closed.Text, StringComparison.Ordinal);   // the guide's categories stay listed

        app.Clock.Now = call.OpensAt - new TimeSpan(3, 2, 0, 0);
        var upcoming = await browser.GetAsync("/");
        Assert.Equal("即将开始", upcoming.Document.QuerySelector($"#call-{call.Id} .state-badge")!.TextContent.Trim());
        Assert.Equal("即将开始，距开始还有 3 天 2 小时", Countdown(upcoming, call.Id));
    }

    private static string Countdown(Browser.Page page, int callId) =>
        page.Document.QuerySelector($"#call-{callId} .countdown")!.TextContent.Trim();
}
