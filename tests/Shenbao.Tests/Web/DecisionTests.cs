using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web;

/// <summary>
/// 立项与公示: proposals with amounts, the list published for its period, the public page and its objections (real
/// name and contact, or refused), the answer, 立项 only after the period, a decline upheld, and the exported list.
/// </summary>
public sealed class DecisionTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private const string Officer = "bureau-officer";

    private Task<Application> Stored(int id) => Lifecycle.StoredAsync(app, id);

    private static async Task<Browser.Page> PostAsync(Browser officer, string handler, int call, params (string Name, string Value)[] fields)
    {
        var page = await officer.GetAsync($"/Bureau/Decision?call={call}");
        return await officer.PostAsync($"/Bureau/Decision?handler={handler}&call={call}",
            [new("__RequestVerificationToken", Browser.Token(page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
    }

    private static async Task<string> MessageAfter(Browser officer, Browser.Page posted) =>
        (await officer.FollowAsync(posted)).Document.QuerySelector("#message")?.TextContent ?? "";

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The demo's list on 公示 is declined (an objection upheld), so that a test can publish its own.</summary>
    private async Task ClearPublicityAsync(Browser officer, int call)
    {
        foreach (var listed in app.Db().Applications.Where(a => a.CallId == call && a.Status == ApplicationStatus.Publicity).Select(a => a.Id).ToList())
            await PostAsync(officer, "Decline", call, ("id", Id(listed)), ("reason", "测试前清空公示名单"));
    }

    [Fact]
    public async Task A_whole_decision_propose_publish_object_answer_approve_and_export()
    {
        var (applicant, id) = await Lifecycle.ReviewedAsync(app);
        var call = (await Stored(id)).CallId;
        var officer = await Browser.For(app).SignInAsync(Officer);
        await ClearPublicityAsync(officer, call);

        // proposed with an amount: not nothing, not more than was asked (200,000)
        Assert.Contains("请填写拟资助金额", await MessageAfter(officer, await PostAsync(officer, "Propose", call, ("id", Id(id)), ("amount", ""))), StringComparison.Ordinal);
        Assert.Contains("不能超过申请的资助（200,000 元）", await MessageAfter(officer, await PostAsync(officer, "Propose", call, ("id", Id(id)), ("amount", "300000"))), StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Reviewed, (await Stored(id)).Status);
        Assert.Contains("已列入拟立项", await MessageAfter(officer, await PostAsync(officer, "Propose", call, ("id", Id(id)), ("amount", "150,000"))), StringComparison.Ordinal);
        Assert.Equal((ApplicationStatus.Proposed, (decimal?)150000m), ((await Stored(id)).Status, (await Stored(id)).ProposedAmount));
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.Propose && r.Details!.Contains("拟资助 150,000 元", StringComparison.Ordinal));

        // published for seven days: the public page lists it, with the period and how to object
        Assert.Contains("公示期应为1至60天", await MessageAfter(officer, await PostAsync(officer, "Publish", call, ("days", "0"))), StringComparison.Ordinal);
        Assert.Contains("已发布公示：1 项", await MessageAfter(officer, await PostAsync(officer, "Publish", call, ("days", "7"))), StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Publicity, (await Stored(id)).Status);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.PublishList && r.ObjectId == Id(call));
        var visitor = Browser.For(app);
        var publicity = await visitor.GetAsync("/Publicity");
        Assert.Equal(HttpStatusCode.OK, publicity.Status);
        var row = publicity.Document.QuerySelector($"table.publicity tr[data-application='{id}']")!;
        Assert.Contains("衡阳师范学院", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("150,000", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("公示期：", publicity.Text, StringComparison.Ordinal);
        Assert.Contains("匿名异议不予受理", publicity.Text, StringComparison.Ordinal);

        // an anonymous objection is refused; a named one with a contact is recorded, the trail and the notice without either
        var anonymous = await visitor.SubmitAsync(publicity, new Dictionary<string, string> { ["Input.Application"] = Id(id), ["Input.Text"] = "该项目与已立项项目重复" }, "#objection form");
        Assert.Equal(HttpStatusCode.OK, anonymous.Status);
        Assert.Contains("异议须实名提出", Registration.FieldError(anonymous, "Input.Name"), StringComparison.Ordinal);
        Assert.Contains("请留下联系方式", Registration.FieldError(anonymous, "Input.Contact"), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Db().Objections.ToList(), o => o.ApplicationId == id);
        var objected = await visitor.SubmitAsync(publicity, new Dictionary<string, string>
        {
            ["Input.Application"] = Id(id), ["Input.Name"] = "张三丰", ["Input.Contact"] = "13800000000", ["Input.Text"] = "该项目与已立项项目重复",
        }, "#objection form");
        Assert.Equal(HttpStatusCode.Redirect, objected.Status);
        var objection = Assert.Single(app.Db().Objections.Where(o => o.ApplicationId == id).ToList());
        Assert.Equal(("张三丰", "13800000000", id), (objection.Name, objection.Contact, objection.ApplicationId));
        Assert.DoesNotContain(AuditTrail.Rows(app), r => r.Details?.Contains("张三丰", StringComparison.Ordinal) == true || r.Details?.Contains("13800000000", StringComparison.Ordinal) == true);
        var objectNumber = (await Stored(id)).Number;
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.Objection && r.ObjectId == objectNumber);
        var notice = app.Db().Notifications.ToList().First(n => n.Subject.StartsWith("公示异议", StringComparison.Ordinal));
        Assert.DoesNotContain("张三丰", notice.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("13800000000", StringComparison.Ordinal) || line.Contains("张三丰", StringComparison.Ordinal));

        // the bureau reads and answers it
        var decision = await officer.GetAsync($"/Bureau/Decision?call={call}");
        Assert.Contains("张三丰", decision.Document.QuerySelector($"[data-objection='{objection.Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("已答复", await MessageAfter(officer, await PostAsync(officer, "Answer", call, ("objection", Id(objection.Id)), ("answer", "经核实，两项研究内容不同，异议不成立。"))), StringComparison.Ordinal);
        Assert.NotNull(app.Db().Objections.Single(o => o.Id == objection.Id).AnsweredAt);

        // 立项 only once the period has passed
        Assert.Contains("期满后才能立项", await MessageAfter(officer, await PostAsync(officer, "Approve", call)), StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Publicity, (await Stored(id)).Status);
        var now = app.Clock.Now;
        app.Clock.Now = now.AddDays(8);
        try
        {
            // eight days on, the idle session has long expired: the officer signs in again
            var later = await Browser.For(app).SignInAsync(Officer);
            Assert.Contains("已立项", await MessageAfter(later, await PostAsync(later, "Approve", call)), StringComparison.Ordinal);
        }
        finally
        {
            app.Clock.Now = now;
        }
        Assert.Equal(ApplicationStatus.Approved, (await Stored(id)).Status);
        Assert.Equal("立项", (await applicant.GetAsync($"/Applications/Details/{id}")).Document.QuerySelector("#status")!.TextContent);

        // the 立项 list, read back from the Excel file
        var export = await officer.Client.GetAsync(new Uri($"/Bureau/Decision?handler=Export&call={call}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        await using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var number = (await Stored(id)).Number;
        var listed = Assert.Single(rows, r => (string?)r["申报编号"] == number);
        Assert.Equal("衡阳师范学院", listed["申报单位"]);
        Assert.Equal(150000m, Convert.ToDecimal(listed["资助金额（元）"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_objection_upheld_declines_the_project_with_a_reason_the_applicant_reads()
    {
        var (applicant, id) = await Lifecycle.ReviewedAsync(app);
        var call = (await Stored(id)).CallId;
        var officer = await Browser.For(app).SignInAsync(Officer);
        await ClearPublicityAsync(officer, call);
        await PostAsync(officer, "Propose", call, ("id", Id(id)), ("amount", "100000"));
        await PostAsync(officer, "Publish", call, ("days", "5"));

        Assert.Contains("请填写不予立项的理由", await MessageAfter(officer, await PostAsync(officer, "Decline", call, ("id", Id(id)), ("reason", ""))), StringComparison.Ordinal);
        await PostAsync(officer, "Decline", call, ("id", Id(id)), ("reason", "经核实，公示异议成立：与已立项项目内容重复"));

        Assert.Equal(ApplicationStatus.Declined, (await Stored(id)).Status);
        Assert.Contains("公示异议成立", (await applicant.GetAsync($"/Applications/Details/{id}")).Document.QuerySelector("#decision-reason")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await Browser.For(app).GetAsync("/Publicity")).Document.QuerySelector($"tr[data-application='{id}']"));
    }

    [Fact]
    public async Task An_objection_to_a_project_not_on_the_list_is_refused_beside_the_field()
    {
        var visitor = Browser.For(app);
        var draft = app.Db().Applications.First(a => a.Status == ApplicationStatus.Draft).Id;
        var (_, id) = await Lifecycle.ReviewedAsync(app);
        var officer = await Browser.For(app).SignInAsync(Officer);
        var call = (await Stored(id)).CallId;
        await ClearPublicityAsync(officer, call);
        await PostAsync(officer, "Propose", call, ("id", Id(id)), ("amount", "100000"));
        await PostAsync(officer, "Publish", call, ("days", "5"));
        var page = await visitor.GetAsync("/Publicity");

        var refused = await visitor.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.Application"] = Id(draft), ["Input.Name"] = "李四", ["Input.Contact"] = "lisi@example.com", ["Input.Text"] = "异议",
        }, "#objection form");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("该项目不在公示中", Registration.FieldError(refused, "Input.Application"), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Db().Objections.ToList(), o => o.ApplicationId == draft);
        // cleanup for the class: decline what was published
        await PostAsync(officer, "Decline", call, ("id", Id(id)), ("reason", "测试结束"));
    }

    [Theory]
    [InlineData("zhuhui-recommender")]
    [InlineData("hynu-admin")]
    [InlineData("expert-zhang")]
    public async Task Only_the_bureau_opens_the_decision_page(string userName)
    {
        var browser = await Browser.For(app).SignInAsync(userName);

        var page = await browser.GetAsync("/Bureau/Decision");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Account/Denied", page.Location, StringComparison.Ordinal);
    }
}
