using System.Net;
using Shenbao.Data;

namespace Shenbao.Tests.Web;

public sealed class OrganisationUsersTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    [Fact]
    public async Task The_admin_sees_the_users_of_its_own_organisation_with_their_roles()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");

        var page = await browser.GetAsync("/Organisation/Users");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("#users tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("zhiheng-admin", StringComparison.Ordinal) && r.Contains("申报单位管理员", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("zhiheng-leader", StringComparison.Ordinal) && r.Contains("项目负责人", StringComparison.Ordinal));
        Assert.Contains("zhiheng-admin", rows[0], StringComparison.Ordinal);   // the administrator first
        Assert.DoesNotContain("hynu-admin", page.Text, StringComparison.Ordinal);
    }

    /// <summary>Adds a leader through the page and sets their password through the link mailed to them.</summary>
    public static async Task<string> AddLeaderAsync(ShenbaoApp app, Browser admin, string displayName)
    {
        var userName = Registration.NewUserName();
        var posted = await admin.SubmitAsync(await admin.GetAsync("/Organisation/Users"), new Dictionary<string, string>
        {
            ["Input.UserName"] = userName, ["Input.DisplayName"] = displayName, ["Input.Email"] = $"{userName}@example.com",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        await Passwords.SetThroughMailAsync(app, $"{userName}@example.com", Registration.Password);
        return userName;
    }

    [Fact]
    public async Task The_admin_adds_a_project_leader_who_sets_a_password_from_the_mailed_link_signs_in_and_is_kept_out_of_this_page()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var userName = Registration.NewUserName();

        var posted = await admin.SubmitAsync(await admin.GetAsync("/Organisation/Users"), new Dictionary<string, string>
        {
            ["Input.UserName"] = userName, ["Input.DisplayName"] = "赵工", ["Input.Email"] = $"{userName}@example.com",
        });
        var after = await admin.FollowAsync(posted);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Contains($"已添加项目负责人赵工（用户名 {userName}）。设置密码的链接已发到 {userName}@example.com", after.Text, StringComparison.Ordinal);
        // no password until the person sets one: nobody else ever knew it
        using (var db = app.Db()) Assert.Null(db.Users.Single(u => u.UserName == userName).PasswordHash);
        Assert.Contains(after.Document.QuerySelectorAll("#users tbody tr"), r => r.TextContent.Contains(userName, StringComparison.Ordinal) && r.TextContent.Contains("待本人通过邮件链接设置密码", StringComparison.Ordinal));
        await Passwords.SetThroughMailAsync(app, $"{userName}@example.com", Registration.Password);
        Assert.Contains(after.Document.QuerySelectorAll("#users tbody tr"), r => r.TextContent.Contains(userName, StringComparison.Ordinal) && r.TextContent.Contains("项目负责人", StringComparison.Ordinal));
        using (var db = app.Db())
        {
            var leader = db.Users.Single(u => u.UserName == userName);
            Assert.Equal(db.Organisations.Single(o => o.CreditCode == "91430408MA7B2C3D4Y").Id, leader.OrganisationId);
            Assert.False(leader.IsDemo);
            Assert.Equal([Roles.ProjectLeader], (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == leader.Id select r.Name!).ToList());
        }

        var leaderBrowser = await Browser.For(app).SignInAsync(userName, Registration.Password);
        Assert.Equal(HttpStatusCode.OK, (await leaderBrowser.GetAsync("/Applications")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await leaderBrowser.FollowAsync(await leaderBrowser.GetAsync("/Organisation/Users"))).Status);
    }

    [Fact]
    public async Task A_project_leader_is_denied()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-leader");

        var response = await browser.GetAsync("/Organisation/Users");
        var page = await browser.FollowAsync(response);

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.StartsWith("http://localhost/Account/Denied", response.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("无权访问", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_of_a_pending_organisation_is_denied()
    {
        var (_, userName) = await Registration.RegisterAsync(app);
        var browser = await Browser.For(app).SignInAsync(userName, Registration.Password);

        var page = await browser.FollowAsync(await browser.GetAsync("/Organisation/Users"));

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    [Fact]
    public async Task A_recommender_is_denied_and_a_visitor_is_sent_to_sign_in()
    {
        var recommender = await Browser.For(app).SignInAsync("gaoxin-recommender");

        var denied = await recommender.FollowAsync(await recommender.GetAsync("/Organisation/Users"));
        var visitor = await Browser.For(app).GetAsync("/Organisation/Users");

        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.StartsWith("http://localhost/Account/Login", visitor.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_or_a_taken_user_name_is_explained_beside_its_field_and_nobody_is_added()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var before = app.Db().Users.Count();

        var weak = await admin.SubmitAsync(await admin.GetAsync("/Organisation/Users"), new Dictionary<string, string>
        {
            ["Input.UserName"] = "bad name!", ["Input.DisplayName"] = "钱工", ["Input.Email"] = "qian@example.com",
        });
        var taken = await admin.SubmitAsync(await admin.GetAsync("/Organisation/Users"), new Dictionary<string, string>
        {
            ["Input.UserName"] = "hynu-admin", ["Input.DisplayName"] = "钱工", ["Input.Email"] = "qian@example.com",
        });

        Assert.Equal(HttpStatusCode.OK, weak.Status);
        Assert.Equal("用户名“bad name!”无效：只能包含字母、数字和 - . _ @", Registration.FieldError(weak, "Input.UserName"));
        Assert.Equal("用户名“hynu-admin”已被使用", Registration.FieldError(taken, "Input.UserName"));
        Assert.Contains("zhiheng-leader", taken.Text, StringComparison.Ordinal);   // the list is still shown
        Assert.Equal(before, app.Db().Users.Count());
    }

    [Fact]
    public async Task Missing_fields_are_explained_beside_them()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");

        var page = await admin.SubmitAsync(await admin.GetAsync("/Organisation/Users"), new Dictionary<string, string>
        {
            ["Input.UserName"] = "", ["Input.DisplayName"] = "", ["Input.Email"] = "",
        });

        Assert.Equal("请填写用户名", Registration.FieldError(page, "Input.UserName"));
        Assert.Equal("请填写姓名", Registration.FieldError(page, "Input.DisplayName"));
        Assert.Equal("请填写邮箱", Registration.FieldError(page, "Input.Email"));
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_refused()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var userName = Registration.NewUserName();

        var posted = await admin.PostAsync("/Organisation/Users", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName, ["Input.DisplayName"] = "孙工", ["Input.Email"] = "sun@example.com",
        });

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.False(app.Db().Users.Any(u => u.UserName == userName));
    }
}
