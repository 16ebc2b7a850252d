using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Web.Pages.Organisation;

namespace Shenbao.Tests.Web;

public sealed class ProfileTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private const string Zhiheng = "衡阳智衡计量科技有限公司";
    private const string Hynu = "衡阳师范学院";

    private (JsonObject Profile, int Version, string Json) Stored(string name)
    {
        var organisation = app.Db().Organisations.AsNoTracking().Single(o => o.Name == name);
        return (JsonNode.Parse(organisation.ProfileJson)!.AsObject(), organisation.Version, organisation.ProfileJson);
    }

    /// <summary>The form field of one fiscal year's figure, e.g. Input.Finance[2].Revenue for 2024.</summary>
    private static string FinanceField(Browser.Page page, int year, string field) =>
        page.Document.QuerySelectorAll("input[name^='Input.Finance['][name$='].Year']")
            .Single(i => i.GetAttribute("value") == year.ToString(CultureInfo.InvariantCulture))
            .GetAttribute("name")!.Replace(".Year", "." + field, StringComparison.Ordinal);

    private static string? Value(Browser.Page page, string name) => page.Document.QuerySelector($"[name='{name}']")?.GetAttribute("value");

    private static string? MessageBeside(Browser.Page page, string name) => page.Document.QuerySelector($"[data-valmsg-for='{name}']")?.TextContent.Trim();

    private static async Task<AngleSharp.Dom.IElement> FinderCardAsync(Browser browser, string category) =>
        (await browser.GetAsync("/Organisation/Finder")).Document.QuerySelector($"#category-{category}") ?? throw new InvalidOperationException($"no card for {category}");

    [Fact]
    public async Task The_profile_shows_the_stored_facts_with_wan_yuan_hints_and_chinese_dates()
    {
        var page = await (await Browser.For(app).SignInAsync("zhiheng-admin")).GetAsync("/Organisation/Profile");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("91430408MA7B2C3D4Y", page.Text, StringComparison.Ordinal);
        Assert.Equal("GR202443000321", Value(page, "Input.HighTech.CertificateNo"));
        Assert.Equal("2027-11-30", Value(page, "Input.HighTech.ValidTo"));
        Assert.Contains("2027年11月30日", page.Document.QuerySelector("#highTech")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("820,000", Value(page, FinanceField(page, 2024, "Tax")));
        Assert.Contains("82 万元", page.Document.QuerySelector("#finance")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("erc", Value(page, "Input.Platforms[0].Id"));
        Assert.Equal("2022", Value(page, "Input.SubsidyYears"));
        // the fiscal years shown are the three before the guide's year (近三年), with no year written in the code
        var years = page.Document.QuerySelectorAll("input[name^='Input.Finance['][name$='].Year']").Select(i => int.Parse(i.GetAttribute("value")!, CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(Requests.Guide.Year - 3, 3), years);
    }

    [Fact]
    public async Task A_changed_revenue_is_stored_in_the_applicant_shape_and_changes_the_finders_verdict()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var (before, version, _) = Stored(Zhiheng);
        Assert.Equal("可以申报", (await FinderCardAsync(browser, "achievement-transfer")).QuerySelector(".summary")?.TextContent);
        var page = await browser.GetAsync("/Organisation/Profile");
        Assert.Equal("21,000,000", Value(page, FinanceField(page, 2024, "Revenue")));
        Assert.Contains("2,100 万元", page.Text, StringComparison.Ordinal);

        var saved = await browser.SubmitAsync(page, new Dictionary<string, string> { [FinanceField(page, 2024, "Revenue")] = "9,000,000" });

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var (after, newVersion, _) = Stored(Zhiheng);
        var expected = before.DeepClone().AsObject();
        expected["finance"]!["2024"]!["revenue"] = 9000000;
        expected["independentLegalPerson"] = true;
        Assert.True(JsonNode.DeepEquals(expected, after), after.ToJsonString());
        Assert.Equal(version + 1, newVersion);
        Assert.Contains("单位信息已保存", (await browser.GetAsync("/Organisation/Profile")).Text, StringComparison.Ordinal);

        var card = await FinderCardAsync(browser, "achievement-transfer");
        Assert.Equal("暂不符合", card.QuerySelector(".summary")?.TextContent);
        var rule = card.QuerySelector("li[data-rule='transfer-revenue']")!;
        Assert.Contains("2024年度营业收入 9,000,000 元，低于 10,000,000 元", rule.TextContent, StringComparison.Ordinal);
        Assert.NotNull(rule.QuerySelector("a[href='/Organisation/Profile#finance']"));
    }

    [Theory]
    [InlineData("Input.IndependentLegalPerson")]
    [InlineData("Input.HighTech.Certified")]
    [InlineData("Input.NoSubsidies")]
    [InlineData("Input.Platforms[0].Remove")]
    public async Task A_tick_box_posted_with_another_value_is_refused_beside_it_and_its_text_never_logged(string box)
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var (_, _, json) = Stored(Zhiheng);
        var marker = "maybe-" + Guid.NewGuid().ToString("N");

        var result = await browser.SubmitAsync(await browser.GetAsync("/Organisation/Profile"), new Dictionary<string, string> { [box] = marker });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.EndsWith("只能勾选或不勾选，请重新选择", MessageBeside(result, box), StringComparison.Ordinal);
        Assert.DoesNotContain(marker, result.Text, StringComparison.Ordinal);
        Assert.Equal(json, Stored(Zhiheng).Json);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_subsidy_year_still_to_come_is_refused_beside_it()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var (_, _, json) = Stored(Zhiheng);
        var next = Shenbao.Domain.Eligibility.ChinaTime.DateOf(app.Clock.Now).Year + 1;

        var result = await browser.SubmitAsync(await browser.GetAsync("/Organisation/Profile"), new Dictionary<string, string> { ["Input.SubsidyYears"] = $"2022、{next}", ["Input.NoSubsidies"] = "false" });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.StartsWith($"获得补助的年份 {next} 晚于今年", MessageBeside(result, "Input.SubsidyYears"), StringComparison.Ordinal);
        Assert.Equal(json, Stored(Zhiheng).Json);
    }

    [Fact]
    public async Task Invalid_values_are_explained_beside_their_fields_and_nothing_is_saved()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var (_, _, json) = Stored(Zhiheng);
        var page = await browser.GetAsync("/Organisation/Profile");

        var result = await browser.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.Employees"] = "-5",
            [FinanceField(page, 2023, "Revenue")] = "很多",
            [FinanceField(page, 2024, "Assets")] = "-1",
            ["Input.HighTech.ValidTo"] = "2027-02-30",
            ["Input.SubsidyYears"] = "2021、去年",
            ["Input.Platforms[1].Name"] = "衡阳市称重传感器工程技术研究中心",
        });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("职工总数不能为负数", MessageBeside(result, "Input.Employees"));
        Assert.Equal("营业收入应为数字，如 21,000,000", MessageBeside(result, FinanceField(page, 2023, "Revenue")));
        Assert.Equal("资产总额不能为负数", MessageBeside(result, FinanceField(page, 2024, "Assets")));
        Assert.Equal("证书有效期至“2027-02-30”不是有效日期，应按 年-月-日 填写（YYYY-MM-DD）", MessageBeside(result, "Input.HighTech.ValidTo"));
        Assert.Equal("获得补助的年份应为四位年份，多个年份用顿号分隔", MessageBeside(result, "Input.SubsidyYears"));
        Assert.Equal("请选择平台类型", MessageBeside(result, "Input.Platforms[1].Type"));
        Assert.Equal("请选择平台级别", MessageBeside(result, "Input.Platforms[1].Level"));
        Assert.Equal("-5", Value(result, "Input.Employees"));
        Assert.Equal(json, Stored(Zhiheng).Json);
        // and all of them at the top, each a link to its input, however far down the page it is
        var summary = result.Document.QuerySelectorAll("#error-summary li a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Contains(("职工总数不能为负数", "#Input_Employees"), summary);
        Assert.Contains(("请选择平台级别", "#Input_Platforms_1__Level"), summary);
        Assert.All(summary, link => Assert.NotNull(result.Document.GetElementById(link.Item2![1..])));
    }

    [Fact]
    public async Task A_certified_enterprise_must_give_its_certificate_number()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var (_, _, json) = Stored(Zhiheng);
        var page = await browser.GetAsync("/Organisation/Profile");

        var result = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Input.HighTech.CertificateNo"] = " ", ["Input.HighTech.ValidTo"] = "" });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("已认定为高新技术企业的，请填写证书编号", MessageBeside(result, "Input.HighTech.CertificateNo"));
        Assert.Equal("已认定为高新技术企业的，请填写证书有效期", MessageBeside(result, "Input.HighTech.ValidTo"));
        Assert.Equal(json, Stored(Zhiheng).Json);
    }

    [Fact]
    public async Task A_save_based_on_an_older_version_is_refused_and_the_first_save_stays()
    {
        var first = await Browser.For(app).SignInAsync("zhiheng-admin");
        var second = await Browser.For(app).SignInAsync("zhiheng-admin");
        var firstPage = await first.GetAsync("/Organisation/Profile");
        var secondPage = await second.GetAsync("/Organisation/Profile");
        var (_, version, _) = Stored(Zhiheng);

        var firstSave = await first.SubmitAsync(firstPage, new Dictionary<string, string> { ["Input.Employees"] = "200" });
        var secondSave = await second.SubmitAsync(secondPage, new Dictionary<string, string> { ["Input.Employees"] = "300" });

        Assert.Equal(HttpStatusCode.Redirect, firstSave.Status);
        Assert.Equal(HttpStatusCode.OK, secondSave.Status);
        Assert.Contains(ProfileModel.ConflictMessage, secondSave.Document.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("单位信息已被他人修改，请刷新后重新填写", ProfileModel.ConflictMessage);
        var (stored, newVersion, _) = Stored(Zhiheng);
        Assert.Equal(200, stored["employees"]!.GetValue<decimal>());
        Assert.Equal(version + 1, newVersion);
    }

    [Fact]
    public async Task A_project_leader_reads_the_profile_but_cannot_save_it()
    {
        var leader = await Browser.For(app).SignInAsync("zhiheng-leader");
        var (_, _, json) = Stored(Zhiheng);

        var page = await leader.GetAsync("/Organisation/Profile");
        var post = await leader.SubmitAsync(page, new Dictionary<string, string> { ["Input.Employees"] = "999" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("GR202443000321", Value(page, "Input.HighTech.CertificateNo"));
        Assert.NotNull(page.Document.QuerySelector("form#profile fieldset[disabled]"));
        Assert.DoesNotContain("保存单位信息", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("input[type=file]"));
        Assert.Equal(HttpStatusCode.Redirect, post.Status);
        Assert.StartsWith("http://localhost/Account/Denied", post.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync(new Uri(post.Location!).PathAndQuery)).Status);
        Assert.Equal(json, Stored(Zhiheng).Json);
    }

    [Fact]
    public async Task New_platforms_get_new_ids_and_existing_ids_never_change_or_return()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var page = await browser.GetAsync("/Organisation/Profile");

        await browser.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.Platforms[1].Name"] = "衡阳市智能称重重点实验室", ["Input.Platforms[1].Type"] = "key-lab", ["Input.Platforms[1].Level"] = "municipal",
        });
        page = await browser.GetAsync("/Organisation/Profile");
        Assert.Equal("p1", Value(page, "Input.Platforms[1].Id"));
        await browser.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.Platforms[0].Name"] = "湖南省智能衡器工程技术研究中心（更名）",
            ["Input.Platforms[1].Remove"] = "true",
            ["Input.Platforms[2].Name"] = "衡阳市计量检测公共服务平台", ["Input.Platforms[2].Type"] = "other-platform", ["Input.Platforms[2].Level"] = "municipal",
        });

        var platforms = Stored(Zhiheng).Profile["platforms"]!.AsArray();
        Assert.Equal(["erc", "p2"], platforms.Select(p => p!["id"]!.GetValue<string>()));
        Assert.Equal("湖南省智能衡器工程技术研究中心（更名）", platforms[0]!["name"]!.GetValue<string>());
        Assert.Equal("engineering-research-center", platforms[0]!["type"]!.GetValue<string>());
        Assert.Equal(("other-platform", "municipal"), (platforms[1]!["type"]!.GetValue<string>(), platforms[1]!["level"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_platform_an_application_relies_on_cannot_be_removed()
    {
        var browser = await Browser.For(app).SignInAsync("hynu-admin");
        var (_, _, json) = Stored(Hynu);
        var page = await browser.GetAsync("/Organisation/Profile");

        var result = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Input.Platforms[0].Remove"] = "true" });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("该平台已被申报书选为依托平台，不能删除；请先在申报书中改选其他平台", MessageBeside(result, "Input.Platforms[0].Remove"));
        Assert.Equal(json, Stored(Hynu).Json);
    }

    [Fact]
    public async Task No_subsidies_is_stored_as_an_empty_list_and_empty_fields_as_absent_facts()
    {
        var browser = await Browser.For(app).SignInAsync("hynu-admin");
        var page = await browser.GetAsync("/Organisation/Profile");

        var refused = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Input.NoSubsidies"] = "true", ["Input.SubsidyYears"] = "2021" });
        var saved = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Input.NoSubsidies"] = "true", ["Input.IpDispute"] = "false", ["Input.Employees"] = "1,200" });

        Assert.Equal("已勾选“未获得过科技重大专项补助”，请清空年份或取消勾选", MessageBeside(refused, "Input.SubsidyYears"));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var profile = Stored(Hynu).Profile;
        Assert.Empty(profile["majorProjectSubsidies"]!.AsArray());
        Assert.False(profile["ipDispute"]!.GetValue<bool>());
        Assert.Equal(1200, profile["employees"]!.GetValue<decimal>());
        Assert.False(profile.ContainsKey("finance"));
        Assert.False(profile.ContainsKey("iurSpending"));
        Assert.Equal("lab", profile["platforms"]![0]!["id"]!.GetValue<string>());
    }
}
