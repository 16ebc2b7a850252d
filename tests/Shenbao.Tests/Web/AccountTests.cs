using System.Net;

namespace Shenbao.Tests.Web;

public sealed class AccountTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    [Fact]
    public async Task A_demo_user_signs_in_and_sees_their_name()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");

        var home = await browser.GetAsync("/");

        Assert.Contains("李经理（衡阳智衡计量科技有限公司）", home.Text, StringComparison.Ordinal);
        Assert.Contains("我的申报", home.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_demo_mode_the_sign_in_page_lists_every_demo_account_with_its_role()
    {
        var page = await Browser.For(app).GetAsync("/Account/Login");

        var rows = page.Document.QuerySelectorAll("#demo-accounts tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(Shenbao.Data.Demo.DemoData.Accounts.Count, rows.Count);
        Assert.Contains(rows, r => r.Contains("gaoxin-recommender", StringComparison.Ordinal) && r.Contains("推荐单位", StringComparison.Ordinal) && r.Contains("高新区科技局", StringComparison.Ordinal));
        Assert.Contains(Shenbao.Data.Demo.DemoData.Password, page.Document.QuerySelector("#demo-accounts")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("README", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_footer_links_to_the_open_interfaces_page_instead_of_naming_a_route()
    {
        var home = await Browser.For(app).GetAsync("/");
        var open = await Browser.For(app).GetAsync("/OpenApi");

        Assert.DoesNotContain("POST /api", home.Document.QuerySelector("footer")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/OpenApi", home.Document.QuerySelector("footer a[href='/OpenApi']")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, open.Status);
        Assert.Contains("POST /api/eligibility/check", open.Document.QuerySelector("#api-check")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(open.Document.QuerySelector("a[href='/openapi/v1.json']"));
    }

    [Theory]
    [InlineData("zhiheng-admin", "/Applications")]
    [InlineData("zhiheng-leader", "/Applications")]
    [InlineData("gaoxin-recommender", "/Recommender/Organisations")]
    [InlineData("auditadmin", "/Audit")]
    [InlineData("bureau-officer", "/Bureau/Applications")]
    [InlineData("expert-zhang", "/Expert")]
    [InlineData("sysadmin", "/Admin/Users")]
    [InlineData("secadmin", "/Admin/Roles")]
    public async Task Each_role_lands_on_what_waits_for_it(string userName, string landing)
    {
        var browser = Browser.For(app);

        var result = await browser.SubmitAsync(await browser.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = Shenbao.Data.Demo.DemoData.Password });
        // the 市科技局, experts and administrators pass the second factor first (SecondFactorTests)
        if (result.Location == "/Account/SecondFactor") result = await browser.SecondFactorAsync(userName, await browser.GetAsync(result.Location));

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal(landing, result.Location);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(landing)).Status);
    }

    [Fact]
    public async Task A_page_asked_for_before_signing_in_is_where_sign_in_leads()
    {
        var browser = Browser.For(app);
        var login = await browser.FollowAsync(await browser.GetAsync("/Organisation/Finder"));

        var result = await browser.SubmitAsync(login, new Dictionary<string, string> { ["Input.UserName"] = "zhiheng-admin", ["Input.Password"] = Shenbao.Data.Demo.DemoData.Password });

        Assert.Equal("/Organisation/Finder", result.Location);
    }

    [Fact]
    public async Task Staff_on_an_applicants_page_are_told_it_is_not_their_work_not_about_activation()
    {
        var browser = await Browser.For(app).SignInAsync("gaoxin-recommender");

        var denied = await browser.FollowAsync(await browser.GetAsync("/Organisation/Profile"));

        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        var reason = denied.Document.QuerySelector("#denied-reason")!.TextContent;
        Assert.Contains("不属于“推荐单位”的工作范围", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("激活", reason, StringComparison.Ordinal);
        Assert.Equal("/Recommender/Organisations", denied.Document.QuerySelector("main a.btn-primary")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_applicant_of_an_organisation_not_yet_active_is_told_it_waits_for_activation()
    {
        var (_, userName) = await Registration.RegisterAsync(app);
        var browser = await Browser.For(app).SignInAsync(userName, Registration.Password);

        var denied = await browser.FollowAsync(await browser.GetAsync("/Applications"));

        Assert.Contains("您的单位尚未激活", denied.Document.QuerySelector("#denied-reason")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_chinese()
    {
        var browser = Browser.For(app);

        var result = await browser.SubmitAsync(await browser.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = "hynu-admin", ["Input.Password"] = "wrong-password" });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("用户名或密码错误", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        var browser = Browser.For(app);
        for (var i = 0; i < 5; i++)
            await browser.SubmitAsync(await browser.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = "expert-zhang", ["Input.Password"] = "wrong-password" });

        var result = await browser.SubmitAsync(await browser.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = "expert-zhang", ["Input.Password"] = Shenbao.Data.Demo.DemoData.Password });

        Assert.Contains("账号已锁定30分钟", result.Text, StringComparison.Ordinal);
        var user = app.Db().Users.Single(u => u.UserName == "expert-zhang");
        Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));
    }

    [Fact]
    public async Task Empty_fields_are_explained_beside_the_field()
    {
        var browser = Browser.For(app);

        var result = await browser.SubmitAsync(await browser.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = "", ["Input.Password"] = "" });

        Assert.Contains("请填写用户名", result.Text, StringComparison.Ordinal);
        Assert.Contains("请填写密码", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_refused()
    {
        var response = await app.CreateClient().PostAsync(new Uri("/Account/Login", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "zhiheng-admin", ["Input.Password"] = Shenbao.Data.Demo.DemoData.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_private_page_sends_an_anonymous_visitor_to_the_login_page()
    {
        var page = await Browser.For(app).GetAsync("/Applications");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Account/Login?ReturnUrl=", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var browser = await Browser.For(app).SignInAsync("hynu-admin");
        var home = await browser.GetAsync("/");

        await browser.SubmitAsync(home, new Dictionary<string, string>(), "form[action='/Account/Logout']");

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Applications")).Status);
    }
}

public sealed class ProductionAccountTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task A_demo_account_is_refused_outside_demo_mode_even_with_its_published_password()
    {
        await using (var db = app.Db())
            await Shenbao.Data.Demo.DemoData.SeedAsync(db, Requests.Guide, Shenbao.Domain.TechSme.StandardLoader.LoadValidFile(Paths.TechSmeStandard), "演示批次", app.Clock.Now, Path.Combine(Path.GetTempPath(), "shenbao-demo-files"));
        var browser = Browser.For(app);

        var result = await browser.SubmitAsync(await browser.GetAsync("/Account/Login"),
            new Dictionary<string, string> { ["Input.UserName"] = "zhiheng-admin", ["Input.Password"] = Shenbao.Data.Demo.DemoData.Password });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("演示账号只能在演示模式下使用", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_demo_mode_there_is_no_demo_password_hint()
    {
        var page = await Browser.For(app).GetAsync("/Account/Login");

        Assert.DoesNotContain(Shenbao.Data.Demo.DemoData.Password, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("演示模式", page.Text, StringComparison.Ordinal);
    }
}
