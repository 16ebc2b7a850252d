using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web;

/// <summary>
/// 推荐审核: the 珠晖区 推荐单位 over 衡阳师范学院's 基础研究 applications — its queue, the frozen report, 推荐 / 不予推荐 /
/// 退回修改 with reasons the applicant reads and notes it never reads, quotas, batches, and who may not act.
/// </summary>
public sealed class RecommendationTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private const string Officer = "zhuhui-recommender";

    /// <summary>A freshly submitted application; earlier tests' applications on the same platform are given up first (限报2项).</summary>
    private async Task<(Browser Applicant, int Id)> SubmittedAsync()
    {
        await using (var db = app.Db())
            await db.Applications.Where(a => a.PlatformId == "lab" && a.Status != ApplicationStatus.Draft && a.Status != ApplicationStatus.Withdrawn)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ApplicationStatus.Withdrawn));
        var (browser, id) = await BasicResearch.SubmittableAsync(app);
        Assert.Equal(HttpStatusCode.Redirect, (await BasicResearch.SubmitAsync(browser, id)).Status);
        return (browser, id);
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Application Stored(int id) => app.Db().Applications.AsNoTracking().Include(a => a.Events).Single(a => a.Id == id);

    private static async Task<Browser.Page> AnswerAsync(Browser officer, int id, string answer, string reason = "", string note = "")
    {
        var page = await officer.GetAsync($"/Recommender/Review/{id}");
        return await officer.PostAsync($"/Recommender/Review/{id}",
            [new("__RequestVerificationToken", Browser.Token(page)), new("answer", answer), new("Reason", reason), new("InternalNote", note)]);
    }

    [Fact]
    public async Task The_queue_lists_the_districts_submitted_applications_and_the_review_shows_the_frozen_report_and_files()
    {
        var (_, id) = await SubmittedAsync();
        var officer = await Browser.For(app).SignInAsync(Officer);

        var queue = await officer.GetAsync("/Recommender/Applications");
        Assert.Equal(HttpStatusCode.OK, queue.Status);
        Assert.NotNull(queue.Document.QuerySelector($"#waiting tr[data-application='{id}']"));
        var review = await officer.GetAsync($"/Recommender/Review/{id}");
        Assert.Equal(HttpStatusCode.OK, review.Status);
        Assert.Equal(Stored(id).ReceiptNo, review.Document.QuerySelector("#receipt-no")!.TextContent);
        Assert.NotNull(review.Document.QuerySelector("[data-rule='basic-documents']"));
        var file = review.Document.QuerySelector("#attachments a[href^='/Files/']")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(file)).Status);

        // another district's officer: not in its queue, and the page and the file are simply not found
        var other = await Browser.For(app).SignInAsync("gaoxin-recommender");
        Assert.Null((await other.GetAsync("/Recommender/Applications")).Document.QuerySelector($"tr[data-application='{id}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Recommender/Review/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(file)).Status);
        var otherToken = Browser.Token(await other.GetAsync("/Recommender/Organisations"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/Recommender/Review/{id}", [new("__RequestVerificationToken", otherToken), new("answer", "Recommend")])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/Recommender/Review/{id}", [new("__RequestVerificationToken", otherToken), new("answer", "Return"), new("Reason", "越权")])).Status);
        Assert.Equal(ApplicationStatus.Submitted, Stored(id).Status);
    }

    [Fact]
    public async Task Recommending_moves_it_on_records_who_and_tells_the_applicant_who_can_no_longer_withdraw()
    {
        var (applicant, id) = await SubmittedAsync();
        var officer = await Browser.For(app).SignInAsync(Officer);

        var posted = await AnswerAsync(officer, id, "Recommend");

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Contains("已推荐", (await officer.FollowAsync(posted)).Document.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);
        var application = Stored(id);
        Assert.Equal(ApplicationStatus.Recommended, application.Status);
        var step = application.Events.Single(e => e.Action == ApplicationAction.Recommend);
        Assert.Equal((ActorRole.Recommender, ApplicationStatus.Submitted, ApplicationStatus.Recommended), (step.Role, step.From, step.To));
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.Recommend && r.ObjectId == application.Number && r.UserName == Officer);
        Assert.Contains(app.Db().Notifications, n => n.Subject == $"已推荐：{application.Title}" && n.Link == $"/Applications/Details/{id}");
        var details = await applicant.GetAsync($"/Applications/Details/{id}");
        Assert.Equal("已推荐", details.Document.QuerySelector("#status")!.TextContent);
        Assert.Null(details.Document.QuerySelector("form[action*=Withdraw]"));
        Assert.IsType<ChainCheck.Holds>(AuditTrail.Verify(app));
    }

    [Fact]
    public async Task A_return_needs_a_reason_the_applicant_reads_while_the_internal_note_never_reaches_it_and_the_correction_gets_a_new_receipt()
    {
        var (applicant, id) = await SubmittedAsync();
        var officer = await Browser.For(app).SignInAsync(Officer);
        var firstReceipt = Stored(id).ReceiptNo;

        var refused = await AnswerAsync(officer, id, "Return");
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("请填写退回的理由", refused.Document.QuerySelector("#refused")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Submitted, Stored(id).Status);

        var returned = await AnswerAsync(officer, id, "Return", reason: "请补充平台近三年的运行情况", note: "内部：该平台去年评估为良");
        Assert.Equal(HttpStatusCode.Redirect, returned.Status);
        var application = Stored(id);
        Assert.Equal((ApplicationStatus.Returned, ApplicationStatus.Submitted), (application.Status, application.ReturnedFrom));
        Assert.Contains("内部：该平台去年评估为良", (await officer.GetAsync($"/Recommender/Review/{id}")).Document.QuerySelector(".event-internal-note")!.TextContent, StringComparison.Ordinal);
        var details = await applicant.GetAsync($"/Applications/Details/{id}");
        Assert.Contains("请补充平台近三年的运行情况", details.Document.QuerySelector("#decision-reason")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("该平台去年评估为良", details.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Db().Notifications.ToList(), n => n.Body.Contains("该平台去年评估为良", StringComparison.Ordinal));
        Assert.DoesNotContain(AuditTrail.Rows(app), r => r.Details?.Contains("该平台去年评估为良", StringComparison.Ordinal) == true);

        // the applicant edits and resubmits: back to the 推荐单位, with a new receipt
        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync($"/Applications/Edit/{id}")).Status);
        await applicant.SubmitAsync(await applicant.GetAsync($"/Applications/Edit/{id}"), new Dictionary<string, string> { ["F[narrative__team]"] = "刘教授等6人，平台运行情况见附件" }, "#application-form");
        Assert.Equal(HttpStatusCode.Redirect, (await BasicResearch.SubmitAsync(applicant, id)).Status);
        application = Stored(id);
        Assert.Equal((ApplicationStatus.Submitted, (ApplicationStatus?)null), (application.Status, application.ReturnedFrom));
        Assert.NotEqual(firstReceipt, application.ReceiptNo);
        Assert.EndsWith("-2", application.ReceiptNo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_recommending_needs_a_reason_and_ends_the_application_with_it()
    {
        var (applicant, id) = await SubmittedAsync();
        var officer = await Browser.For(app).SignInAsync(Officer);

        Assert.Contains("请填写不予推荐的理由", (await AnswerAsync(officer, id, "NotRecommend", reason: "   ")).Document.QuerySelector("#refused")!.TextContent, StringComparison.Ordinal);
        var posted = await AnswerAsync(officer, id, "NotRecommend", reason: "与本辖区产业方向不符");

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Equal(ApplicationStatus.NotRecommended, Stored(id).Status);
        Assert.Contains("与本辖区产业方向不符", (await applicant.GetAsync($"/Applications/Details/{id}")).Document.QuerySelector("#decision-reason")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await officer.GetAsync($"/Recommender/Review/{id}")).Document.QuerySelector("#answer"));
    }

    [Fact]
    public async Task A_quota_is_shown_as_used_and_left_and_the_one_past_it_is_refused_in_a_batch_as_alone()
    {
        var (_, first) = await SubmittedAsync();
        var (applicant, second) = await BasicResearch.DraftAsync(app);
        await BasicResearch.UploadAsync(applicant, second, "platform-approval", "平台批复.pdf", BasicResearch.Approval);
        await BasicResearch.UploadAsync(applicant, second, "recommendation-letter", "推荐函.pdf", BasicResearch.Letter);
        Assert.Equal(HttpStatusCode.Redirect, (await BasicResearch.SubmitAsync(applicant, second)).Status);
        var callId = Stored(first).CallId;
        await using (var db = app.Db())
        {
            db.RecommendationQuotas.Add(new RecommendationQuota { CallId = callId, District = "珠晖区", Category = "basic-research", Limit = 1 });
            await db.SaveChangesAsync();
        }
        try
        {
            var officer = await Browser.For(app).SignInAsync(Officer);
            var queue = await officer.GetAsync("/Recommender/Applications");
            Assert.Equal("1", queue.Document.QuerySelector("tr[data-quota='basic-research'] .remaining")!.TextContent);

            var batch = await officer.PostAsync($"/Recommender/Applications?handler=Batch&call={callId}",
                [new("__RequestVerificationToken", Browser.Token(queue)), new("ids", Id(first)), new("ids", Id(second))]);

            var after = await officer.FollowAsync(batch);
            var message = after.Document.QuerySelector("#message")!.TextContent;
            Assert.Contains("已推荐", message, StringComparison.Ordinal);
            Assert.Contains("推荐名额已用完（限1项，已推荐1项）", message, StringComparison.Ordinal);
            Assert.Equal([ApplicationStatus.Submitted, ApplicationStatus.Recommended], new[] { Stored(first).Status, Stored(second).Status }.Order());
            Assert.Equal("0", after.Document.QuerySelector("tr[data-quota='basic-research'] .remaining")!.TextContent);
            var waiting = new[] { first, second }.Single(x => Stored(x).Status == ApplicationStatus.Submitted);
            Assert.Contains("推荐名额已用完", (await officer.GetAsync($"/Recommender/Review/{waiting}")).Document.QuerySelector("#recommend-refusal")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            await using var db = app.Db();
            await db.RecommendationQuotas.Where(q => q.CallId == callId).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task The_guides_platform_limit_is_judged_again_at_recommendation_over_the_calls_live_applications()
    {
        var (_, first) = await SubmittedAsync();
        var (applicant, second) = await BasicResearch.DraftAsync(app);
        await BasicResearch.UploadAsync(applicant, second, "platform-approval", "平台批复.pdf", BasicResearch.Approval);
        await BasicResearch.UploadAsync(applicant, second, "recommendation-letter", "推荐函.pdf", BasicResearch.Letter);
        Assert.Equal(HttpStatusCode.Redirect, (await BasicResearch.SubmitAsync(applicant, second)).Status);
        // a third on the same platform lodged since (as a migration or another channel could leave it): the platform is now full
        var (_, third) = await BasicResearch.DraftAsync(app);
        await using (var db = app.Db())
            await db.Applications.Where(a => a.Id == third).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ApplicationStatus.Submitted));
        var officer = await Browser.For(app).SignInAsync(Officer);

        var page = await officer.GetAsync($"/Recommender/Review/{second}");
        var refused = await AnswerAsync(officer, second, "Recommend");

        Assert.Contains("已达每个平台限报2项的名额", page.Document.QuerySelector("#recommend-refusal")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("已达每个平台限报2项的名额", refused.Document.QuerySelector("#refused")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Submitted, Stored(second).Status);
    }

    [Fact]
    public async Task Two_recommendations_at_once_cannot_both_take_the_last_place_of_a_quota()
    {
        var (_, first) = await SubmittedAsync();
        var (applicant, second) = await BasicResearch.DraftAsync(app);
        await BasicResearch.UploadAsync(applicant, second, "platform-approval", "平台批复.pdf", BasicResearch.Approval);
        await BasicResearch.UploadAsync(applicant, second, "recommendation-letter", "推荐函.pdf", BasicResearch.Letter);
        Assert.Equal(HttpStatusCode.Redirect, (await BasicResearch.SubmitAsync(applicant, second)).Status);
        var callId = Stored(first).CallId;
        await using (var db = app.Db())
        {
            db.RecommendationQuotas.Add(new RecommendationQuota { CallId = callId, District = "珠晖区", Category = "basic-research", Limit = 1 });
            await db.SaveChangesAsync();
        }
        try
        {
            var (one, two) = (await Browser.For(app).SignInAsync(Officer), await Browser.For(app).SignInAsync(Officer));
            var (pageOne, pageTwo) = (await one.GetAsync($"/Recommender/Review/{first}"), await two.GetAsync($"/Recommender/Review/{second}"));

            await Task.WhenAll(
                one.PostAsync($"/Recommender/Review/{first}", [new("__RequestVerificationToken", Browser.Token(pageOne)), new("answer", "Recommend")]),
                two.PostAsync($"/Recommender/Review/{second}", [new("__RequestVerificationToken", Browser.Token(pageTwo)), new("answer", "Recommend")]));

            Assert.Single(new[] { first, second }, id => Stored(id).Status == ApplicationStatus.Recommended);
        }
        finally
        {
            await using var db = app.Db();
            await db.RecommendationQuotas.Where(q => q.CallId == callId).ExecuteDeleteAsync();
        }
    }

    [Theory]
    [InlineData("hynu-admin")]
    [InlineData("bureau-officer")]
    [InlineData("expert-zhang")]
    public async Task Only_a_recommender_opens_the_queue_or_a_review(string userName)
    {
        var (_, id) = await SubmittedAsync();
        var browser = await Browser.For(app).SignInAsync(userName);

        foreach (var path in new[] { "/Recommender/Applications", $"/Recommender/Review/{id}" })
        {
            var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            Assert.StartsWith("http://localhost/Account/Denied", page.Location, StringComparison.Ordinal);
        }
        Assert.StartsWith("http://localhost/Account/Login", (await Browser.For(app).GetAsync("/Recommender/Applications")).Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_answer_is_refused_as_a_bad_request_and_changes_nothing()
    {
        var (_, id) = await SubmittedAsync();
        var officer = await Browser.For(app).SignInAsync(Officer);

        Assert.Equal(HttpStatusCode.BadRequest, (await AnswerAsync(officer, id, "Approve")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await AnswerAsync(officer, id, "不存在")).Status);
        Assert.Equal(ApplicationStatus.Submitted, Stored(id).Status);
    }
}
