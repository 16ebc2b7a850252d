using System.Globalization;
using System.Net;
using Shenbao.Data;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web;

/// <summary>A 推荐单位 returns a registration with its reason; the organisation corrects it and resubmits; each side hears of the other.</summary>
public sealed class RegistrationReturnTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private const string Reason = "单位名称与营业执照不一致，请按执照填写全称";

    [Fact]
    public async Task A_returned_registration_is_corrected_resubmitted_and_then_activated()
    {
        var (code, userName) = await Registration.RegisterAsync(app);
        var id = IdOf(code);
        var recommender = await Browser.For(app).SignInAsync("gaoxin-recommender");

        // the 推荐单位 returns it with a reason
        var returned = await recommender.SubmitAsync(await recommender.GetAsync("/Recommender/Organisations"),
            new Dictionary<string, string> { ["reason"] = "  " + Reason + "\n" }, $"form[data-return='{id}']");
        Assert.Equal(HttpStatusCode.Redirect, returned.Status);
        var list = await recommender.FollowAsync(returned);
        Assert.Contains($"已退回：衡阳测试科技有限公司{code}", list.Text, StringComparison.Ordinal);
        Assert.Null(list.Document.QuerySelector("#pending")!.QuerySelector($"form[data-organisation='{id}']"));
        var returnedRow = list.Document.QuerySelector($"#returned tr[data-returned='{id}']")!;
        Assert.Contains(Reason, returnedRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("高新区科技局", returnedRow.TextContent, StringComparison.Ordinal);
        using (var db = app.Db())
        {
            var organisation = db.Organisations.Single(o => o.Id == id);
            Assert.Equal((OrganisationStatus.Returned, Reason, "高新区科技局", 1), (organisation.Status, organisation.ReturnReason, organisation.ReturnedBy, organisation.Version));
            var admin = db.Users.Single(u => u.UserName == userName);
            var notice = db.Notifications.Single(n => n.UserId == admin.Id && n.Subject == "单位注册被退回");
            Assert.Contains(Reason, notice.Body, StringComparison.Ordinal);
            Assert.Equal("/Account/Registration", notice.Link);
            Assert.Contains(db.Outbox, m => m.ToAddress == admin.Email && m.Subject == "单位注册被退回" && m.Body.Contains(Reason, StringComparison.Ordinal));
        }
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.ReturnRegistration && r.ObjectId == Id(id) && r.UserName == "gaoxin-recommender"
            && r.Details!.Contains(Reason, StringComparison.Ordinal));

        // the administrator lands on the registration, reads the reason, corrects the name and resubmits
        var admin2 = Browser.For(app);
        var signedIn = await admin2.SubmitAsync(await admin2.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = Registration.Password });
        Assert.Equal("/Account/Registration", signedIn.Location);
        var page = await admin2.GetAsync("/Account/Registration");
        Assert.Equal(Reason, page.Document.QuerySelector("#return-reason")!.TextContent);
        Assert.Contains("注册已被退回", (await admin2.GetAsync("/")).Document.QuerySelector("#pending-notice")!.TextContent, StringComparison.Ordinal);
        var resubmitted = await admin2.SubmitAsync(page, new Dictionary<string, string> { ["Input.Name"] = $"衡阳测试科技股份有限公司{code}" }, "#registration-form");
        Assert.Equal(HttpStatusCode.Redirect, resubmitted.Status);
        Assert.Contains("已重新提交，等待衡阳高新技术产业开发区的推荐单位审核激活", (await admin2.FollowAsync(resubmitted)).Text, StringComparison.Ordinal);
        using (var db = app.Db())
        {
            var organisation = db.Organisations.Single(o => o.Id == id);
            Assert.Equal((OrganisationStatus.Pending, $"衡阳测试科技股份有限公司{code}", 2), (organisation.Status, organisation.Name, organisation.Version));
            var officer = db.Users.Single(u => u.UserName == "gaoxin-recommender");
            Assert.Contains(db.Notifications, n => n.UserId == officer.Id && n.Subject == $"重新提交待激活：衡阳测试科技股份有限公司{code}");
        }
        var change = AuditTrail.Rows(app).Last(r => r.Action == AuditAction.RegistrationChange && r.ObjectId == Id(id));
        Assert.Equal("退回后重新提交；修改了单位名称", change.Details);
        Assert.Equal(userName, change.UserName);

        // back in the 推荐单位's queue, with what it had asked; activation works as for any registration
        list = await recommender.GetAsync("/Recommender/Organisations");
        var row = list.Document.QuerySelector($"form[data-organisation='{id}']")!.Closest("tr")!;
        Assert.Contains(Reason, row.QuerySelector(".returned-before")!.TextContent, StringComparison.Ordinal);
        var activated = await recommender.SubmitAsync(list, new Dictionary<string, string>(), $"form[data-organisation='{id}']");
        Assert.Equal(HttpStatusCode.Redirect, activated.Status);
        Assert.Equal(OrganisationStatus.Active, app.Db().Organisations.Single(o => o.Id == id).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("太长")]
    public async Task A_return_without_a_reason_or_with_too_long_a_one_is_refused_beside_the_field_and_changes_nothing(string reason)
    {
        if (reason == "太长") reason = new string('长', Shenbao.Data.Organisation.ReturnReasonLimit + 1);
        var (code, _) = await Registration.RegisterAsync(app);
        var id = IdOf(code);
        var recommender = await Browser.For(app).SignInAsync("gaoxin-recommender");

        var refused = await recommender.SubmitAsync(await recommender.GetAsync("/Recommender/Organisations"), new Dictionary<string, string> { ["reason"] = reason }, $"form[data-return='{id}']");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        var error = refused.Document.QuerySelector($"#reason-{id}-error")!.TextContent;
        Assert.Contains(reason.Trim().Length == 0 ? "请填写退回原因" : "退回原因不能超过500个字（现有501个字）", error, StringComparison.Ordinal);
        Assert.NotNull(refused.Document.QuerySelector($"form[data-return='{id}']")!.Closest("details")!.GetAttribute("open"));
        Assert.Equal(reason.Trim(), refused.Document.QuerySelector($"#reason-{id}")!.TextContent);
        var organisation = app.Db().Organisations.Single(o => o.Id == id);
        Assert.Equal((OrganisationStatus.Pending, null, 0), (organisation.Status, organisation.ReturnReason, organisation.Version));
        Assert.DoesNotContain(AuditTrail.Rows(app), r => r.Action == AuditAction.ReturnRegistration && r.ObjectId == Id(id));
    }

    [Fact]
    public async Task An_active_organisation_cannot_be_returned()
    {
        var zhiheng = app.Db().Organisations.Single(o => o.CreditCode == "91430408MA7B2C3D4Y");
        var browser = await Browser.For(app).SignInAsync("gaoxin-recommender");
        var token = Browser.Token(await browser.GetAsync("/Recommender/Organisations"));

        var posted = await browser.PostAsync($"/Recommender/Organisations?handler=Return&id={zhiheng.Id}", [new("__RequestVerificationToken", token), new("reason", Reason)]);

        Assert.Contains("已经激活，不能退回", (await browser.FollowAsync(posted)).Text, StringComparison.Ordinal);
        var after = app.Db().Organisations.Single(o => o.Id == zhiheng.Id);
        Assert.Equal((OrganisationStatus.Active, null, zhiheng.Version), (after.Status, after.ReturnReason, after.Version));
    }

    [Fact]
    public async Task Another_districts_recommender_cannot_return_it_and_a_returned_one_cannot_be_activated_before_it_is_resubmitted()
    {
        var (code, _) = await Registration.RegisterAsync(app);
        var id = IdOf(code);
        var other = await Browser.For(app).SignInAsync("zhuhui-recommender");
        var otherToken = Browser.Token(await other.GetAsync("/Recommender/Organisations"));

        var foreign = await other.PostAsync($"/Recommender/Organisations?handler=Return&id={id}", [new("__RequestVerificationToken", otherToken), new("reason", Reason)]);
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal(OrganisationStatus.Pending, app.Db().Organisations.Single(o => o.Id == id).Status);

        var own = await Browser.For(app).SignInAsync("gaoxin-recommender");
        var token = Browser.Token(await own.GetAsync("/Recommender/Organisations"));
        await own.PostAsync($"/Recommender/Organisations?handler=Return&id={id}", [new("__RequestVerificationToken", token), new("reason", Reason), new("version", "0")]);
        var activate = await own.PostAsync($"/Recommender/Organisations?handler=Activate&id={id}", [new("__RequestVerificationToken", token)]);
        Assert.Contains("等待单位修改后重新提交，暂不能激活", (await own.FollowAsync(activate)).Text, StringComparison.Ordinal);
        Assert.Equal(OrganisationStatus.Returned, app.Db().Organisations.Single(o => o.Id == id).Status);
    }

    [Fact]
    public async Task A_correction_is_checked_as_registration_is_and_a_taken_code_is_refused_beside_its_field()
    {
        var (code, userName) = await Registration.RegisterAsync(app);
        var admin = await Browser.For(app).SignInAsync(userName, Registration.Password);
        var page = await admin.GetAsync("/Account/Registration");
        Assert.Contains("等待审核", page.Document.QuerySelector("#registration-status")!.TextContent, StringComparison.Ordinal);

        var refused = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.CreditCode"] = "91430408MA7B2C3D4Y",   // 衡阳智衡计量's
            ["Input.ContactPhone"] = "电话",
            ["Input.District"] = "长沙市",
        }, "#registration-form");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("该统一社会信用代码已注册", Registration.FieldError(refused, "Input.CreditCode"));
        Assert.Contains("7至30位", Registration.FieldError(refused, "Input.ContactPhone"), StringComparison.Ordinal);
        Assert.Contains("不在本系统的县市区/园区列表中", Registration.FieldError(refused, "Input.District"), StringComparison.Ordinal);
        Assert.Contains("有 3 处需要修改", refused.Document.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        var organisation = app.Db().Organisations.Single(o => o.CreditCode == code);
        Assert.Equal(("0734-8881234", Registration.Gaoxin, 0), (organisation.ContactPhone, organisation.District, organisation.Version));
    }

    [Fact]
    public async Task A_pending_registration_moved_to_another_district_is_announced_there_and_leaves_the_old_queue()
    {
        var (code, userName) = await Registration.RegisterAsync(app);
        var admin = await Browser.For(app).SignInAsync(userName, Registration.Password);

        var saved = await admin.SubmitAsync(await admin.GetAsync("/Account/Registration"), new Dictionary<string, string> { ["Input.District"] = "珠晖区" }, "#registration-form");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Contains("注册信息已保存", (await admin.FollowAsync(saved)).Text, StringComparison.Ordinal);
        using (var db = app.Db())
        {
            var zhuhui = db.Users.Single(u => u.UserName == "zhuhui-recommender");
            Assert.Contains(db.Notifications, n => n.UserId == zhuhui.Id && n.Subject == $"待激活：衡阳测试科技有限公司{code}");
        }
        var id = IdOf(code);
        Assert.Null((await (await Browser.For(app).SignInAsync("gaoxin-recommender")).GetAsync("/Recommender/Organisations")).Document.QuerySelector($"form[data-organisation='{id}']"));
        Assert.NotNull((await (await Browser.For(app).SignInAsync("zhuhui-recommender")).GetAsync("/Recommender/Organisations")).Document.QuerySelector($"form[data-organisation='{id}']"));
        Assert.Equal("修改了所在县市区/园区", AuditTrail.Rows(app).Last(r => r.Action == AuditAction.RegistrationChange && r.ObjectId == Id(id)).Details);
    }

    [Fact]
    public async Task A_correction_posted_after_the_recommender_decided_is_refused_and_the_decision_stands()
    {
        var (code, userName) = await Registration.RegisterAsync(app);
        var id = IdOf(code);
        var admin = await Browser.For(app).SignInAsync(userName, Registration.Password);
        var open = await admin.GetAsync("/Account/Registration");
        var recommender = await Browser.For(app).SignInAsync("gaoxin-recommender");
        await recommender.SubmitAsync(await recommender.GetAsync("/Recommender/Organisations"), new Dictionary<string, string> { ["reason"] = Reason }, $"form[data-return='{id}']");

        var late = await admin.SubmitAsync(open, new Dictionary<string, string> { ["Input.ContactName"] = "王先生" }, "#registration-form");

        Assert.Contains("您的修改没有保存", (await admin.FollowAsync(late)).Text, StringComparison.Ordinal);
        var organisation = app.Db().Organisations.Single(o => o.Id == id);
        Assert.Equal((OrganisationStatus.Returned, "周女士"), (organisation.Status, organisation.ContactName));
    }

    [Fact]
    public async Task A_registration_corrected_after_the_recommender_read_it_is_not_activated_unseen()
    {
        var (code, userName) = await Registration.RegisterAsync(app);
        var id = IdOf(code);
        var recommender = await Browser.For(app).SignInAsync("gaoxin-recommender");
        var read = await recommender.GetAsync("/Recommender/Organisations");
        var admin = await Browser.For(app).SignInAsync(userName, Registration.Password);
        await admin.SubmitAsync(await admin.GetAsync("/Account/Registration"), new Dictionary<string, string> { ["Input.ContactName"] = "王先生" }, "#registration-form");

        var stale = await recommender.SubmitAsync(read, new Dictionary<string, string>(), $"form[data-organisation='{id}']");

        Assert.Contains("注册信息刚被单位更正，请按最新信息重新核对", (await recommender.FollowAsync(stale)).Text, StringComparison.Ordinal);
        Assert.Equal(OrganisationStatus.Pending, app.Db().Organisations.Single(o => o.Id == id).Status);
        using var db = app.Db();
        var officer = db.Users.Single(u => u.UserName == "gaoxin-recommender");
        Assert.Contains(db.Notifications, n => n.UserId == officer.Id && n.Subject == $"注册信息已更正：衡阳测试科技有限公司{code}");
    }

    [Fact]
    public async Task A_reason_with_line_breaks_is_counted_as_the_browser_counted_it()
    {
        var (code, _) = await Registration.RegisterAsync(app);
        var id = IdOf(code);
        var recommender = await Browser.For(app).SignInAsync("gaoxin-recommender");
        var reason = string.Join("\r\n", Enumerable.Repeat(new string('改', 99), 5));   // 495 characters and 4 line breaks as the form counts them

        var returned = await recommender.SubmitAsync(await recommender.GetAsync("/Recommender/Organisations"), new Dictionary<string, string> { ["reason"] = reason }, $"form[data-return='{id}']");

        Assert.Equal(HttpStatusCode.Redirect, returned.Status);
        Assert.Equal(reason.Replace("\r\n", "\n", StringComparison.Ordinal), app.Db().Organisations.Single(o => o.Id == id).ReturnReason);
    }

    [Fact]
    public async Task An_active_organisations_admin_sees_the_registration_without_a_form_and_cannot_post_one()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var before = app.Db().Organisations.Single(o => o.CreditCode == "91430408MA7B2C3D4Y");

        var page = await admin.GetAsync("/Account/Registration");
        Assert.Contains("贵单位已激活", page.Document.QuerySelector("#registration-status")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("#registration-form"));
        var posted = await admin.PostAsync("/Account/Registration", [new("__RequestVerificationToken", Browser.Token(page)), new("Input.Name", "别的名字"), new("Version", Id(before.Version))]);

        Assert.Contains("贵单位已激活，注册信息不能再在此修改", (await admin.FollowAsync(posted)).Text, StringComparison.Ordinal);
        Assert.Equal(before.Name, app.Db().Organisations.Single(o => o.Id == before.Id).Name);
    }

    [Theory]
    [InlineData("zhiheng-leader")]
    [InlineData("gaoxin-recommender")]
    [InlineData("bureau-officer")]
    [InlineData("sysadmin")]
    public async Task Only_an_organisations_administrator_may_open_the_registration(string userName)
    {
        var browser = await Browser.For(app).SignInAsync(userName);

        var page = await browser.GetAsync("/Account/Registration");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Account/Denied", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in()
    {
        var page = await Browser.For(app).GetAsync("/Account/Registration");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Account/Login", page.Location, StringComparison.Ordinal);
    }

    private int IdOf(string code) => app.Db().Organisations.Single(o => o.CreditCode == code).Id;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
