using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web;

/// <summary>
/// 形式审查 by the 市科技局: the call's list with its filters, the manual checklist, 不予受理 resting on clauses, a return
/// that comes back to the bureau, cross-application checks on crafted duplicates, batch pass for clean cases, and
/// who may not act.
/// </summary>
public sealed class FormalReviewTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private const string Officer = "bureau-officer";

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Application Stored(int id) => app.Db().Applications.AsNoTracking().Include(a => a.Events).Single(a => a.Id == id);

    private Task<(Browser Applicant, int Id)> RecommendedAsync(Dictionary<string, string>? form = null, bool clearOthers = true) =>
        Lifecycle.RecommendedAsync(app, form, clearOthers);

    private static Task<Browser.Page> AnswerAsync(Browser officer, int id, string answer, params (string Name, string Value)[] fields) =>
        Lifecycle.AnswerAsync(officer, id, answer, fields);

    [Fact]
    public async Task The_list_filters_on_status_verdict_and_category_and_finds_by_number()
    {
        var (_, id) = await RecommendedAsync();
        var number = Stored(id).Number;
        var officer = await Browser.For(app).SignInAsync(Officer);

        Assert.NotNull((await officer.GetAsync("/Bureau/Applications?status=recommended&category=basic-research")).Document.QuerySelector($"tr[data-application='{id}']"));
        Assert.Null((await officer.GetAsync("/Bureau/Applications?status=accepted")).Document.QuerySelector($"tr[data-application='{id}']"));
        Assert.Null((await officer.GetAsync("/Bureau/Applications?category=key-rd")).Document.QuerySelector($"tr[data-application='{id}']"));
        var found = await officer.GetAsync($"/Bureau/Applications?q={number}");
        Assert.Equal("1", found.Document.QuerySelector("#total")!.TextContent);
        Assert.NotNull((await officer.GetAsync("/Bureau/Applications?q=有机框架")).Document.QuerySelector($"tr[data-application='{id}']"));
        Assert.NotNull((await officer.GetAsync("/Bureau/Applications?q=刘教授")).Document.QuerySelector($"tr[data-application='{id}']"));
        Assert.Null((await officer.GetAsync("/Bureau/Applications?q=HENGYANG-2025-99999")).Document.QuerySelector($"tr[data-application='{id}']"));
        var verdict = Stored(id).Verdict;
        Assert.NotNull((await officer.GetAsync($"/Bureau/Applications?verdict={verdict}")).Document.QuerySelector($"tr[data-application='{id}']"));
        var unknown = await officer.GetAsync("/Bureau/Applications?status=nonsense");
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Contains("状态“nonsense”不存在", unknown.Text, StringComparison.Ordinal);

    }

    [Fact]
    public async Task A_pass_needs_every_manual_item_ticked_and_the_checklist_stays_the_officials_own()
    {
        var (applicant, id) = await RecommendedAsync();
        var officer = await Browser.For(app).SignInAsync(Officer);
        var page = await officer.GetAsync($"/Bureau/Review/{id}");
        var item = page.Document.QuerySelector("#manual-items input[name=Checked]")!.GetAttribute("value")!;

        var refused = await AnswerAsync(officer, id, "Accept");
        Assert.Contains("请逐项核查人工审核项后再通过", refused.Document.QuerySelector("#refused")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Recommended, Stored(id).Status);

        var passed = await AnswerAsync(officer, id, "Accept", ("Checked", item), ($"ManualNotes[{item}]", "已核对产业分类"));
        Assert.Equal(HttpStatusCode.Redirect, passed.Status);
        var application = Stored(id);
        Assert.Equal(ApplicationStatus.Accepted, application.Status);
        Assert.Contains("已核对产业分类", application.Events.Single(e => e.Action == ApplicationAction.Accept).InternalNote, StringComparison.Ordinal);
        Assert.DoesNotContain("已核对产业分类", (await applicant.GetAsync($"/Applications/Details/{id}")).Text, StringComparison.Ordinal);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.Accept && r.ObjectId == application.Number && r.UserName == Officer);

        // expert review is no longer an answer of this page: it starts with the assignment of experts
        var answers = (await officer.GetAsync($"/Bureau/Review/{id}")).Document.QuerySelectorAll("button[name=answer]").Select(b => b.GetAttribute("value")).ToList();
        Assert.DoesNotContain("StartReview", answers);
        Assert.Equal(HttpStatusCode.BadRequest, (await AnswerAsync(officer, id, "StartReview")).Status);
        Assert.Equal(ApplicationStatus.Accepted, Stored(id).Status);
    }

    [Fact]
    public async Task A_refusal_rests_on_clauses_the_applicant_reads_linked_to_the_guide()
    {
        var (applicant, id) = await RecommendedAsync();
        var officer = await Browser.For(app).SignInAsync(Officer);
        var clause = (await officer.GetAsync($"/Bureau/Review/{id}")).Document.QuerySelector("#clauses input[name=Cited]")!.GetAttribute("value")!;

        var noClause = await AnswerAsync(officer, id, "Refuse", ("Reason", "平台不在支持范围内"));
        Assert.Contains("不予受理须选择所依据的指南条款", noClause.Document.QuerySelector("#refused")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await AnswerAsync(officer, id, "Refuse", ("Reason", "x"), ("Cited", "不存在的条款"))).Status);
        Assert.Equal(ApplicationStatus.Recommended, Stored(id).Status);

        var refused = await AnswerAsync(officer, id, "Refuse", ("Reason", "平台不在支持范围内"), ("Cited", clause));
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.Equal(ApplicationStatus.Refused, Stored(id).Status);
        var details = await applicant.GetAsync($"/Applications/Details/{id}");
        Assert.Contains("平台不在支持范围内", details.Document.QuerySelector("#decision-reason")!.TextContent, StringComparison.Ordinal);
        var link = details.Document.QuerySelector("#decision-clauses a")!;
        Assert.Equal(clause, link.TextContent);
        Assert.EndsWith("#" + Uri.EscapeDataString(clause), link.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_by_the_bureau_comes_back_to_formal_review_when_corrected()
    {
        var (applicant, id) = await RecommendedAsync();
        var officer = await Browser.For(app).SignInAsync(Officer);

        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(officer, id, "Return", ("Reason", "预算表缺少明细"))).Status);
        Assert.Equal((ApplicationStatus.Returned, (ApplicationStatus?)ApplicationStatus.Recommended), (Stored(id).Status, Stored(id).ReturnedFrom));
        await applicant.SubmitAsync(await applicant.GetAsync($"/Applications/Edit/{id}"), new Dictionary<string, string> { ["F[narrative__team]"] = "刘教授等5人，预算明细见附件" }, "#application-form");
        Assert.Equal(HttpStatusCode.Redirect, (await BasicResearch.SubmitAsync(applicant, id)).Status);

        Assert.Equal(ApplicationStatus.Recommended, Stored(id).Status);
    }

    [Fact]
    public async Task Near_duplicate_summaries_and_one_leader_on_two_applications_are_shown_linked_and_a_distinct_one_shows_none()
    {
        var summary = "研究功能金属有机框架材料的可控合成方法，建立从前驱体设计到晶体生长的完整工艺，形成可用于气体分离和催化的新材料体系。";
        var (_, first) = await RecommendedAsync(new(BasicResearch.Form) { ["F[narrative__summary]"] = summary, ["F[project__title]"] = "框架材料甲" });
        var (_, second) = await RecommendedAsync(new(BasicResearch.Form)
        {
            ["F[narrative__summary]"] = summary.Replace("气体分离和催化", "气体分离与催化", StringComparison.Ordinal),
            ["F[project__title]"] = "完全不同的另一个题目名称",
        }, clearOthers: false);
        var officer = await Browser.For(app).SignInAsync(Officer);

        var page = await officer.GetAsync($"/Bureau/Review/{second}");

        var similar = page.Document.QuerySelector($"#cross-checks [data-finding='SimilarSummary'][data-other='{first}']")!;
        Assert.Contains("项目简介与之相似", similar.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/Bureau/Review/{first}", similar.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(page.Document.QuerySelector($"#cross-checks [data-finding='Leader'][data-other='{first}']"));
        Assert.Null(page.Document.QuerySelector("#cross-checks [data-finding='SimilarTitle']"));

        var (_, distinct) = await RecommendedAsync(new(BasicResearch.Form)
        {
            ["F[narrative__summary]"] = "面向湘江流域的重金属污染土壤开展原位修复技术研究。", ["F[project__title]"] = "重金属污染土壤修复", ["F[application__leader__name]"] = "王研究员",
        });
        Assert.Contains("未发现", (await officer.GetAsync($"/Bureau/Review/{distinct}")).Document.QuerySelector("#cross-checks")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_contract_registration_number_in_two_applications_is_shown_on_both()
    {
        var (_, first) = await RecommendedAsync();
        var (_, second) = await RecommendedAsync(clearOthers: false);
        await using (var db = app.Db())
            await db.Applications.Where(a => a.Id == first || a.Id == second).ExecuteUpdateAsync(s => s.SetProperty(a => a.ContractRegistrationNo, "2025430400009999"));
        var officer = await Browser.For(app).SignInAsync(Officer);

        foreach (var (id, other) in new[] { (first, second), (second, first) })
            Assert.Contains("技术合同登记编号 2025430400009999 也用于",
                (await officer.GetAsync($"/Bureau/Review/{id}")).Document.QuerySelector($"[data-finding='ContractNumber'][data-other='{other}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_recommended_application_passes_in_a_batch_and_one_with_a_manual_item_does_not()
    {
        var demo = app.Db().Applications.AsNoTracking().Single(a => a.Organisation.Name == "衡阳智衡计量科技有限公司" && a.Status == ApplicationStatus.Submitted);
        var recommender = await Browser.For(app).SignInAsync("gaoxin-recommender");
        var review = await recommender.GetAsync($"/Recommender/Review/{demo.Id}");
        Assert.Equal(HttpStatusCode.Redirect, (await recommender.PostAsync($"/Recommender/Review/{demo.Id}", [new("__RequestVerificationToken", Browser.Token(review)), new("answer", "Recommend")])).Status);
        var (_, manual) = await RecommendedAsync();
        var officer = await Browser.For(app).SignInAsync(Officer);
        var list = await officer.GetAsync("/Bureau/Applications?status=recommended");
        Assert.NotNull(list.Document.QuerySelector($"tr[data-application='{demo.Id}'] input[name=ids]"));
        Assert.Null(list.Document.QuerySelector($"tr[data-application='{manual}'] input[name=ids]"));

        var batch = await officer.PostAsync($"/Bureau/Applications?handler=Batch&call={demo.CallId}",
            [new("__RequestVerificationToken", Browser.Token(list)), new("ids", Id(demo.Id)), new("ids", Id(manual))]);

        var message = (await officer.FollowAsync(batch)).Document.QuerySelector("#message")!.TextContent;
        Assert.Contains("已形式审查通过", message, StringComparison.Ordinal);
        Assert.Contains("未批量通过", message, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Accepted, Stored(demo.Id).Status);
        Assert.Equal(ApplicationStatus.Recommended, Stored(manual).Status);
    }

    [Fact]
    public async Task An_application_withdrawn_to_draft_leaves_the_officials_sight_and_its_new_files_stay_the_applicants()
    {
        await using (var db = app.Db())
            await db.Applications.Where(a => a.PlatformId == "lab" && a.Status != ApplicationStatus.Draft && a.Status != ApplicationStatus.Withdrawn)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ApplicationStatus.Withdrawn));
        var (applicant, id) = await BasicResearch.SubmittableAsync(app);
        await BasicResearch.SubmitAsync(applicant, id);
        Assert.Equal(HttpStatusCode.Redirect, (await applicant.SubmitAsync(await applicant.GetAsync($"/Applications/Details/{id}"), new Dictionary<string, string>(), "form[action*=Withdraw]")).Status);
        await BasicResearch.UploadAsync(applicant, id, "platform-approval", "修改中的批复.pdf", Shenbao.Tests.Domain.FileKindsTests.Pdf("修改中 " + Guid.NewGuid().ToString("N")));
        var newFile = app.Db().Attachments.Where(a => a.ApplicationId == id).OrderBy(a => a.Id).Select(a => a.Id).ToList().Last();
        var officer = await Browser.For(app).SignInAsync(Officer);
        var recommender = await Browser.For(app).SignInAsync("zhuhui-recommender");

        Assert.Null((await officer.GetAsync("/Bureau/Applications")).Document.QuerySelector($"tr[data-application='{id}']"));
        Assert.Null((await officer.GetAsync("/Bureau/Applications?status=draft")).Document.QuerySelector($"tr[data-application='{id}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Bureau/Review/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await recommender.GetAsync($"/Recommender/Review/{id}")).Status);
        Assert.Null((await recommender.GetAsync("/Recommender/Applications")).Document.QuerySelector($"tr[data-application='{id}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await recommender.GetAsync($"/Files/{newFile}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Files/{newFile}")).Status);
    }

    [Fact]
    public async Task The_bureau_opens_the_files_of_an_application_it_reviews()
    {
        var (_, id) = await RecommendedAsync();
        var officer = await Browser.For(app).SignInAsync(Officer);

        var page = await officer.GetAsync($"/Bureau/Review/{id}");
        var file = page.Document.QuerySelector("#attachments a[href^='/Files/']")!.GetAttribute("href")!;

        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(file)).Status);
    }

    [Theory]
    [InlineData("zhuhui-recommender")]
    [InlineData("hynu-admin")]
    [InlineData("expert-zhang")]
    [InlineData("auditadmin")]
    public async Task Only_the_bureau_opens_formal_review(string userName)
    {
        var browser = await Browser.For(app).SignInAsync(userName);
        var any = app.Db().Applications.First(a => a.SubmittedAt != null).Id;

        foreach (var path in new[] { "/Bureau/Applications", $"/Bureau/Review/{any}" })
        {
            var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            Assert.StartsWith("http://localhost/Account/Denied", page.Location, StringComparison.Ordinal);
        }
        Assert.StartsWith("http://localhost/Account/Login", (await Browser.For(app).GetAsync("/Bureau/Applications")).Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_is_not_found_and_an_unknown_answer_is_a_bad_request()
    {
        var officer = await Browser.For(app).SignInAsync(Officer);
        var draft = app.Db().Applications.First(a => a.SubmittedAt == null).Id;
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Bureau/Review/{draft}")).Status);
        var (_, id) = await RecommendedAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await AnswerAsync(officer, id, "Recommend")).Status);
        Assert.Equal(ApplicationStatus.Recommended, Stored(id).Status);
    }
}
