using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Requests;

namespace Shenbao.Tests.Web;

public sealed class RegistrationTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    [Fact]
    public async Task An_organisation_registers_waits_for_its_recommender_and_then_its_admin_reaches_the_users_page()
    {
        var code = Registration.NewCreditCode();
        var userName = Registration.NewUserName();
        var visitor = Browser.For(app);

        var posted = await visitor.SubmitAsync(await visitor.GetAsync("/Account/Register"), Registration.Form(code, userName));
        var confirmation = await visitor.FollowAsync(posted);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.StartsWith("/Account/Registered", posted.Location, StringComparison.Ordinal);
        Assert.Contains("等待衡阳高新技术产业开发区的推荐单位审核激活", confirmation.Text, StringComparison.Ordinal);
        using (var db = app.Db())
        {
            var organisation = db.Organisations.Single(o => o.CreditCode == code);
            Assert.Equal(OrganisationStatus.Pending, organisation.Status);
            Assert.Equal(Registration.Gaoxin, organisation.District);
            Assert.Equal("enterprise", organisation.Kind);
            var admin = db.Users.Single(u => u.UserName == userName);
            Assert.Equal(organisation.Id, admin.OrganisationId);
            Assert.Equal([Roles.OrgAdmin], RolesOf(db, admin.Id));
        }

        // pending: the admin signs in, but the applicant pages are closed
        var pendingAdmin = await Browser.For(app).SignInAsync(userName, Registration.Password);
        var denied = await pendingAdmin.FollowAsync(await pendingAdmin.GetAsync("/Organisation/Users"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Contains("无权访问", denied.Text, StringComparison.Ordinal);

        // the 推荐单位 of the district activates it
        var recommender = await Browser.For(app).SignInAsync("gaoxin-recommender");
        var list = await recommender.GetAsync("/Recommender/Organisations");
        var id = app.Db().Organisations.Single(o => o.CreditCode == code).Id;
        var activated = await recommender.SubmitAsync(list, new Dictionary<string, string>(), $"form[data-organisation='{id}']");
        Assert.Equal(HttpStatusCode.Redirect, activated.Status);
        Assert.Equal(OrganisationStatus.Active, app.Db().Organisations.Single(o => o.Id == id).Status);

        // a fresh sign-in carries the organisation
        var admin2 = await Browser.For(app).SignInAsync(userName, Registration.Password);
        var users = await admin2.GetAsync("/Organisation/Users");
        Assert.Equal(HttpStatusCode.OK, users.Status);
        Assert.Contains(userName, users.Text, StringComparison.Ordinal);
        Assert.Contains("申报单位管理员", users.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pending_admin_is_told_on_the_home_page_that_the_organisation_is_not_active_yet()
    {
        var (_, userName) = await Registration.RegisterAsync(app);
        var pendingAdmin = await Browser.For(app).SignInAsync(userName, Registration.Password);
        var activeAdmin = await Browser.For(app).SignInAsync("zhiheng-admin");

        Assert.Contains("单位尚未激活", (await pendingAdmin.GetAsync("/")).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("单位尚未激活", (await activeAdmin.GetAsync("/")).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("91430408MA7B2C3D4X", "统一社会信用代码校验位错误：第18位应为“Y”，实际为“X”")]
    [InlineData("91430408MA7B2C3D4", "统一社会信用代码应为18位，实际为17位")]
    [InlineData("91430408MA7B2C3D4YY", "统一社会信用代码应为18位，实际为19位")]
    [InlineData("91430408MA7B2C3DIY", "不允许的字符“I”")]
    [InlineData("91430408MA7B2C3D4Y", "该统一社会信用代码已注册")]
    [InlineData(" 91430408ma7b2c3d4y ", "该统一社会信用代码已注册")]
    public async Task A_wrong_or_taken_credit_code_is_explained_beside_the_field_and_nothing_is_saved(string code, string message)
    {
        var before = app.Db().Organisations.Count();

        var page = await Registration.SubmitAsync(app, Registration.Form(code, Registration.NewUserName()));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, Registration.FieldError(page, "Input.CreditCode"), StringComparison.Ordinal);
        Assert.Equal(before, app.Db().Organisations.Count());
    }

    [Fact]
    public async Task Mismatched_passwords_are_explained_beside_the_confirmation()
    {
        var form = Registration.Form(Registration.NewCreditCode(), Registration.NewUserName());
        form["Input.ConfirmPassword"] = "Another-2025!";

        var page = await Registration.SubmitAsync(app, form);

        Assert.Equal("两次输入的密码不一致", Registration.FieldError(page, "Input.ConfirmPassword"));
    }

    [Fact]
    public async Task A_weak_password_is_refused_beside_the_password_and_the_organisation_is_not_kept()
    {
        var code = Registration.NewCreditCode();
        var userName = Registration.NewUserName();
        var form = Registration.Form(code, userName);
        form["Input.Password"] = form["Input.ConfirmPassword"] = "abc";
        var before = app.Db().Organisations.Count();

        var page = await Registration.SubmitAsync(app, form);

        var error = Registration.FieldError(page, "Input.Password");
        Assert.Contains("密码至少8位", error, StringComparison.Ordinal);
        Assert.Contains("至少三类", error, StringComparison.Ordinal);
        Assert.Equal(before, app.Db().Organisations.Count());
        Assert.False(app.Db().Organisations.Any(o => o.CreditCode == code));
        Assert.False(app.Db().Users.Any(u => u.UserName == userName));
        // what was typed comes back, except the password
        Assert.Equal(code, page.Document.QuerySelector("#Input_CreditCode")?.GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(page.Document.QuerySelector("#Input_Password")?.GetAttribute("value")));
    }

    [Fact]
    public async Task A_taken_user_name_is_answered_as_a_registration_is_and_only_the_mailbox_typed_in_learns_it()
    {
        var (code, fresh) = (Registration.NewCreditCode(), Registration.NewUserName());
        var before = app.Db().Organisations.Count();

        var taken = await Registration.SubmitAsync(app, Registration.Form(code, "sysadmin"));
        var registered = await Registration.SubmitAsync(app, Registration.Form(Registration.NewCreditCode(), fresh));

        // the page says nothing of the name (the probe read "用户名“sysadmin”已被使用" here)
        Assert.Equal(HttpStatusCode.Redirect, taken.Status);
        Assert.Equal(registered.Location, taken.Location);
        Assert.DoesNotContain("已被使用", taken.Text, StringComparison.Ordinal);
        Assert.Equal(before + 1, app.Db().Organisations.Count());
        Assert.False(app.Db().Organisations.Any(o => o.CreditCode == code));
        await app.DeliverMailAsync();
        var toProber = Assert.Single(await app.MailsToAsync("sysadmin@example.com"));
        Assert.Equal("单位注册未完成", toProber.Subject);
        Assert.Contains("用户名“sysadmin”已被其他账号使用", toProber.TextBody, StringComparison.Ordinal);
        Assert.Equal("单位注册已提交", Assert.Single(await app.MailsToAsync($"{fresh}@example.com"), m => m.Subject?.StartsWith("单位注册", StringComparison.Ordinal) == true).Subject);
        Assert.Contains(AuditTrail.Rows(app), r => r.UserName == "sysadmin" && r.Action == Shenbao.Domain.Audit.AuditAction.Register && r.Outcome == Shenbao.Domain.Audit.AuditOutcome.Refused);
    }

    [Fact]
    public async Task A_taken_user_name_with_a_weak_password_is_told_only_of_the_password()
    {
        var form = Registration.Form(Registration.NewCreditCode(), "zhiheng-admin");
        form["Input.Password"] = form["Input.ConfirmPassword"] = "weak";

        var page = await Registration.SubmitAsync(app, form);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("", Registration.FieldError(page, "Input.UserName"));
        Assert.Contains("密码至少8位", Registration.FieldError(page, "Input.Password"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_missing_field_is_explained_beside_it()
    {
        var empty = Registration.Form("", "").ToDictionary(p => p.Key, _ => "");

        var page = await Registration.SubmitAsync(app, empty);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("请填写统一社会信用代码", Registration.FieldError(page, "Input.CreditCode"));
        Assert.Equal("请填写单位名称", Registration.FieldError(page, "Input.Name"));
        Assert.Equal("请选择单位类型", Registration.FieldError(page, "Input.Kind"));
        Assert.Equal("请选择所在县市区/园区", Registration.FieldError(page, "Input.District"));
        Assert.Equal("请填写联系人", Registration.FieldError(page, "Input.ContactName"));
        Assert.Equal("请填写联系电话", Registration.FieldError(page, "Input.ContactPhone"));
        Assert.Equal("", Registration.FieldError(page, "Input.ContactEmail"));
        Assert.Equal("请填写用户名", Registration.FieldError(page, "Input.UserName"));
        Assert.Equal("请填写管理员姓名", Registration.FieldError(page, "Input.DisplayName"));
        Assert.Equal("请填写管理员邮箱", Registration.FieldError(page, "Input.Email"));
        Assert.Equal("请设置密码", Registration.FieldError(page, "Input.Password"));
        Assert.Equal("请再次输入密码", Registration.FieldError(page, "Input.ConfirmPassword"));
    }

    [Theory]
    [InlineData("Input.District", "火星区", "“火星区”不在本系统的县市区/园区列表中，请从列表中选择")]
    [InlineData("Input.Kind", "startup", "请从列表中选择单位类型")]
    [InlineData("Input.ContactPhone", "call me", "联系电话只能包含数字、空格和 + - ( )，7至30位")]
    [InlineData("Input.ContactEmail", "not-an-email", "联系邮箱格式不正确")]
    public async Task A_value_outside_the_lists_or_badly_formed_is_explained_beside_its_field(string field, string value, string message)
    {
        var form = Registration.Form(Registration.NewCreditCode(), Registration.NewUserName());
        form[field] = value;

        var page = await Registration.SubmitAsync(app, form);

        Assert.Equal(message, Registration.FieldError(page, field));
    }

    [Fact]
    public async Task The_form_offers_the_configured_districts_and_the_organisation_kinds()
    {
        var page = await Browser.For(app).GetAsync("/Account/Register");

        var districts = page.Document.QuerySelectorAll("#Input_District option").Select(o => o.TextContent).ToList();
        var kinds = page.Document.QuerySelectorAll("#Input_Kind option").Select(o => o.GetAttribute("value") ?? "").ToList();
        Assert.Contains("珠晖区", districts);
        Assert.Contains(Registration.Gaoxin, districts);
        Assert.Equal(Vocabulary.OrganisationKinds.Values.Prepend(""), kinds);
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_refused()
    {
        var before = app.Db().Organisations.Count();

        var response = await app.CreateClient().PostAsync(new Uri("/Account/Register", UriKind.Relative),
            new FormUrlEncodedContent(Registration.Form(Registration.NewCreditCode(), Registration.NewUserName())));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, app.Db().Organisations.Count());
    }

    private static List<string> RolesOf(AppDbContext db, string userId) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToList();
}

public sealed class ProductionRegistrationTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task Outside_demo_mode_registration_still_gives_the_admin_its_role()
    {
        var (code, userName) = await Registration.RegisterAsync(app);

        using var db = app.Db();
        var admin = await db.Users.SingleAsync(u => u.UserName == userName);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == admin.Id select r.Name).ToListAsync();
        Assert.Equal([Roles.OrgAdmin], roles);
        Assert.Equal(OrganisationStatus.Pending, (await db.Organisations.SingleAsync(o => o.CreditCode == code)).Status);
        await Browser.For(app).SignInAsync(userName, Registration.Password);
    }
}

/// <summary>Registration through the page, as a person does it, with credit codes and user names no other test uses.</summary>
internal static class Registration
{
    public const string Password = "Xincai-2025!";
    public const string Gaoxin = "衡阳高新技术产业开发区";

    private static int next;

    /// <summary>A valid code that no test has used: a fresh 17-character prefix and its GB 32100 check character.</summary>
    public static string NewCreditCode()
    {
        var prefix = "91430408" + Interlocked.Increment(ref next).ToString("D9", CultureInfo.InvariantCulture);
        return prefix + CreditCode.CheckCharacter(prefix);
    }

    public static string NewUserName() => "user-" + Interlocked.Increment(ref next).ToString(CultureInfo.InvariantCulture);

    public static Dictionary<string, string> Form(string creditCode, string userName, string district = Gaoxin) => new()
    {
        ["Input.CreditCode"] = creditCode,
        ["Input.Name"] = $"衡阳测试科技有限公司{creditCode}",
        ["Input.Kind"] = "enterprise",
        ["Input.District"] = district,
        ["Input.ContactName"] = "周女士",
        ["Input.ContactPhone"] = "0734-8881234",
        ["Input.ContactEmail"] = "",
        ["Input.UserName"] = userName,
        ["Input.DisplayName"] = "周女士",
        ["Input.Email"] = $"{userName}@example.com",
        ["Input.Password"] = Password,
        ["Input.ConfirmPassword"] = Password,
    };

    public static async Task<Browser.Page> SubmitAsync(ShenbaoApp app, IReadOnlyDictionary<string, string> form)
    {
        var browser = Browser.For(app);
        return await browser.SubmitAsync(await browser.GetAsync("/Account/Register"), form);
    }

    /// <summary>Registers a pending organisation in the district; returns its credit code and its admin's user name.</summary>
    public static async Task<(string CreditCode, string UserName)> RegisterAsync(ShenbaoApp app, string district = Gaoxin)
    {
        var (code, userName) = (NewCreditCode(), NewUserName());
        var result = await SubmitAsync(app, Form(code, userName, district));
        return result.Status == HttpStatusCode.Redirect ? (code, userName) : throw new InvalidOperationException($"registration failed: {result.Text.Trim()}");
    }

    /// <summary>The message shown beside a field ("" when there is none).</summary>
    public static string FieldError(Browser.Page page, string field) =>
        page.Document.QuerySelector($"span[data-valmsg-for='{field}']")?.TextContent.Trim()
        ?? throw new InvalidOperationException($"no message slot for {field} on the page");

    /// <summary>Follows a redirect, as a browser would.</summary>
    public static Task<Browser.Page> FollowAsync(this Browser browser, Browser.Page page) =>
        browser.GetAsync(new Uri(new Uri("http://localhost"), page.Location ?? throw new InvalidOperationException("not a redirect")).PathAndQuery);
}
