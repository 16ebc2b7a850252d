using System.Net;
using Shenbao.Data;

namespace Shenbao.Tests.Web;

public sealed class RecommenderTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private const string PendingDemo = "衡阳新材科技有限公司（待激活）";

    [Fact]
    public async Task The_recommender_sees_its_district_pending_first_with_counts()
    {
        var browser = await Browser.For(app).SignInAsync("gaoxin-recommender");

        var page = await browser.GetAsync("/Recommender/Organisations");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var pending = page.Document.QuerySelector("#pending")!.TextContent;
        var active = page.Document.QuerySelector("#active")!.TextContent;
        Assert.Contains(PendingDemo, pending, StringComparison.Ordinal);
        Assert.Contains("激活", pending, StringComparison.Ordinal);
        Assert.Contains("衡阳智衡计量科技有限公司", active, StringComparison.Ordinal);
        Assert.DoesNotContain("衡阳师范学院", page.Text, StringComparison.Ordinal);   // 珠晖区
        using var db = app.Db();
        Assert.Equal(db.Organisations.Count(o => o.District == Registration.Gaoxin && o.Status == OrganisationStatus.Pending).ToString(System.Globalization.CultureInfo.InvariantCulture),
            page.Document.QuerySelector("#pending-count")!.TextContent);
        Assert.Equal(db.Organisations.Count(o => o.District == Registration.Gaoxin && o.Status == OrganisationStatus.Active).ToString(System.Globalization.CultureInfo.InvariantCulture),
            page.Document.QuerySelector("#active-count")!.TextContent);
        Assert.True(page.Text.IndexOf(PendingDemo, StringComparison.Ordinal) < page.Text.IndexOf("衡阳智衡计量科技有限公司", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("91430203", true)]    // 株洲市芦淞区: another city's authority
    [InlineData("91430000", false)]   // 湖南省: a province's own code cannot tell
    [InlineData("91100000", false)]   // national
    [InlineData("91430481", false)]   // 耒阳市, a county of Hengyang
    public async Task A_credit_code_registered_by_another_citys_authority_is_flagged_to_the_recommender(string prefix, bool flagged)
    {
        var first17 = prefix + Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var code = first17 + Shenbao.Domain.Requests.CreditCode.CheckCharacter(first17);
        var registered = await Registration.SubmitAsync(app, Registration.Form(code, Registration.NewUserName()));
        Assert.Equal(HttpStatusCode.Redirect, registered.Status);
        var id = app.Db().Organisations.Single(o => o.CreditCode == code).Id;

        var page = await (await Browser.For(app).SignInAsync("gaoxin-recommender")).GetAsync("/Recommender/Organisations");

        var row = page.Document.QuerySelector($"form[data-organisation='{id}']")!.Closest("tr")!;
        var warning = row.QuerySelector(".credit-code-warning")?.TextContent;
        Assert.Contains("此操作不能撤销", page.Document.QuerySelector($"form[data-organisation='{id}']")!.GetAttribute("data-confirm"), StringComparison.Ordinal);
        if (flagged)
        {
            Assert.Contains($"登记管理机关行政区划码）为 {prefix[2..]}，不属于衡阳市（4304xx）", warning, StringComparison.Ordinal);
            var notice = app.Db().Notifications.Where(n => n.Subject == $"待激活：衡阳测试科技有限公司{code}").Select(n => n.Body).First();
            Assert.Contains("注意：信用代码第3–8位", notice, StringComparison.Ordinal);
        }
        else Assert.Null(warning);
    }

    [Fact]
    public async Task The_demo_recommender_finds_the_submitted_application_waiting_with_its_quota()
    {
        var page = await (await Browser.For(app).SignInAsync("gaoxin-recommender")).GetAsync("/Recommender/Applications");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("衡阳智衡计量科技有限公司", page.Document.QuerySelector("#waiting")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("3", page.Document.QuerySelector("tr[data-quota='iur-cooperation'] .remaining")!.TextContent);
        Assert.NotNull(page.Document.QuerySelector("nav a[href='/Recommender/Applications']"));
    }

    [Fact]
    public async Task Another_district_sees_none_of_these_organisations()
    {
        var browser = await Browser.For(app).SignInAsync("zhuhui-recommender");

        var page = await browser.GetAsync("/Recommender/Organisations");

        Assert.Contains("衡阳师范学院", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(PendingDemo, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("衡阳智衡计量科技有限公司", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activation_records_when_and_by_whom_and_bumps_the_version()
    {
        var (code, _) = await Registration.RegisterAsync(app);
        var id = app.Db().Organisations.Single(o => o.CreditCode == code).Id;
        var browser = await Browser.For(app).SignInAsync("gaoxin-recommender");

        var posted = await browser.SubmitAsync(await browser.GetAsync("/Recommender/Organisations"), new Dictionary<string, string>(), $"form[data-organisation='{id}']");
        var after = await browser.FollowAsync(posted);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Contains($"已激活：衡阳测试科技有限公司{code}", after.Text, StringComparison.Ordinal);
        Assert.Contains($"衡阳测试科技有限公司{code}", after.Document.QuerySelector("#active")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.Document.QuerySelector($"form[data-organisation='{id}']"));
        var organisation = app.Db().Organisations.Single(o => o.Id == id);
        Assert.Equal(OrganisationStatus.Active, organisation.Status);
        Assert.Equal("高新区科技局", organisation.ActivatedBy);
        Assert.True((organisation.ActivatedAt!.Value - app.Clock.Now).Duration() < TimeSpan.FromSeconds(1));
        Assert.Equal(1, organisation.Version);
    }

    [Fact]
    public async Task Activating_an_active_organisation_changes_nothing()
    {
        var zhiheng = app.Db().Organisations.Single(o => o.CreditCode == "91430408MA7B2C3D4Y");
        var browser = await Browser.For(app).SignInAsync("gaoxin-recommender");
        var token = Browser.Token(await browser.GetAsync("/Recommender/Organisations"));

        var posted = await browser.PostAsync($"/Recommender/Organisations?handler=Activate&id={zhiheng.Id}", [new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Contains("已经激活，无需重复操作", (await browser.FollowAsync(posted)).Text, StringComparison.Ordinal);
        var after = app.Db().Organisations.Single(o => o.Id == zhiheng.Id);
        Assert.Equal((zhiheng.ActivatedAt, zhiheng.ActivatedBy, zhiheng.Version), (after.ActivatedAt, after.ActivatedBy, after.Version));
    }

    [Fact]
    public async Task The_recommender_of_another_district_gets_404_and_the_organisation_stays_pending()
    {
        // the 珠晖区 officer takes a genuine activation form of its own and changes the id to 高新区's pending organisation
        await Registration.RegisterAsync(app, "珠晖区");
        var pending = app.Db().Organisations.Single(o => o.Name == PendingDemo);
        var browser = await Browser.For(app).SignInAsync("zhuhui-recommender");
        var token = Browser.Token(await browser.GetAsync("/Recommender/Organisations"));

        var posted = await browser.PostAsync($"/Recommender/Organisations?handler=Activate&id={pending.Id}", [new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        Assert.Contains("页面不存在", posted.Text, StringComparison.Ordinal);
        Assert.Equal(OrganisationStatus.Pending, app.Db().Organisations.Single(o => o.Id == pending.Id).Status);
    }

    [Fact]
    public async Task An_unknown_organisation_is_404()
    {
        var browser = await Browser.For(app).SignInAsync("gaoxin-recommender");
        var token = Browser.Token(await browser.GetAsync("/Recommender/Organisations"));

        var posted = await browser.PostAsync("/Recommender/Organisations?handler=Activate&id=999999", [new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
    }

    [Theory]
    [InlineData("zhiheng-admin")]
    [InlineData("bureau-officer")]
    public async Task Someone_who_is_not_a_recommender_is_denied(string userName)
    {
        var browser = await Browser.For(app).SignInAsync(userName);

        var page = await browser.FollowAsync(await browser.GetAsync("/Recommender/Organisations"));

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    [Fact]
    public async Task Activation_without_antiforgery_token_is_refused()
    {
        var pending = app.Db().Organisations.Single(o => o.Name == PendingDemo);
        var browser = await Browser.For(app).SignInAsync("gaoxin-recommender");

        var posted = await browser.PostAsync($"/Recommender/Organisations?handler=Activate&id={pending.Id}", []);

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Equal(OrganisationStatus.Pending, app.Db().Organisations.Single(o => o.Id == pending.Id).Status);
    }
}
