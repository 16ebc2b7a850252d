using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shenbao.Data.Experts;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web.Experts;

/// <summary>
/// The expert's side and the officers' around it: an application not assigned is not found; nothing of the content
/// before the declaration; a declared conflict sends it back, to be replaced with a reason; a draft, then a locked
/// submission reopened only by an officer with a reason; no expert sees another's scores; the files follow the
/// declaration; the assignment records its seed and every 回避; the ranking ends review and feeds the decision.
/// </summary>
public sealed class ExpertReviewTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(int Id, int Call, List<string> Experts)> AssignedAsync(Dictionary<string, string>? submitted = null)
    {
        var (_, id) = await Lifecycle.AcceptedAsync(app, submitted: submitted);
        var call = (await Lifecycle.StoredAsync(app, id)).CallId;
        await Lifecycle.AssignAsync(await Browser.For(app).SignInAsync("bureau-officer"), call, seed: 11);
        Assert.Equal(ApplicationStatus.ExpertReview, (await Lifecycle.StoredAsync(app, id)).Status);
        var experts = await Lifecycle.ExpertsOfAsync(app, id);
        Assert.Equal(3, experts.Count);
        return (id, call, experts);
    }

    private async Task<string> UnassignedExpertAsync(int id)
    {
        var assigned = await Lifecycle.ExpertsOfAsync(app, id);
        await using var db = app.Db();
        return (await db.Experts.Include(e => e.User).Where(e => e.Organisation != "衡阳师范学院").Select(e => e.User.UserName!).ToListAsync())
            .First(u => u.StartsWith("expert-", StringComparison.Ordinal) && !assigned.Contains(u));
    }

    [Fact]
    public async Task The_assignment_gives_experts_of_the_field_records_its_seed_and_every_exclusion_and_never_the_applicant_s_own()
    {
        var (id, call, experts) = await AssignedAsync();
        await using var db = app.Db();
        var run = await db.AssignmentRuns.AsNoTracking().Include(r => r.Exclusions).OrderByDescending(r => r.Id).FirstAsync(r => r.CallId == call);
        Assert.Equal(11, run.Seed);
        // 孙海燕 works at 衡阳师范学院 itself: excluded with the reason, as every exclusion is
        var sun = await db.Experts.SingleAsync(e => e.Name == "孙海燕");
        var exclusion = Assert.Single(run.Exclusions, x => x.ApplicationId == id && x.ExpertId == sun.Id);
        Assert.Equal(Shenbao.Domain.Experts.ExclusionReason.OwnOrganisation, exclusion.Reason);
        Assert.DoesNotContain("expert-sun", experts);
        Assert.All(await db.ExpertReviews.Where(r => r.ApplicationId == id).Select(r => r.Expert.Fields).ToListAsync(), f => Assert.Contains("|新材料|", f, StringComparison.Ordinal));
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.AssignExperts && r.Details!.Contains("种子 11", StringComparison.Ordinal));
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.StartReview && r.ObjectId == (db.Applications.Single(a => a.Id == id).Number));

        // the officers read it on the page, with the exclusion's reason
        var page = await (await Browser.For(app).SignInAsync("bureau-officer")).GetAsync($"/Bureau/Assign?call={call}");
        var row = page.Document.QuerySelector($"#assignments tr[data-application='{id}']")!;
        Assert.Equal(3, row.QuerySelectorAll("[data-review]").Length);
        Assert.Contains("孙海燕：本单位回避", row.QuerySelector(".exclusions")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("随机种子 11", page.Document.QuerySelector("#last-run")!.TextContent, StringComparison.Ordinal);

        // each expert hears of the task
        var first = await db.Users.SingleAsync(u => u.UserName == experts[0]);
        Assert.Contains(db.Notifications, n => n.UserId == first.Id && n.Subject.StartsWith("新的评审任务", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_people_an_applicant_names_on_the_submit_page_are_kept_off_its_review_and_a_half_filled_line_is_refused()
    {
        // a unit without a name: said beside the fields, and nothing submitted
        var (applicant, draft) = await BasicResearch.SubmittableAsync(app);
        var page = await applicant.GetAsync($"/Applications/Submit/{draft}");
        var refused = await applicant.SubmitAsync(page, new Dictionary<string, string> { ["AvoidUnits[0]"] = "南华大学" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("第1行：请填写姓名", refused.Document.QuerySelector("#avoid-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Draft, (await Lifecycle.StoredAsync(app, draft)).Status);
        await using (var db = app.Db())
            await db.Applications.Where(a => a.Id == draft).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ApplicationStatus.Withdrawn));

        // 张建华 of 南华大学 is kept off, with the reason; a 李明远 of another unit is not the pool's 李明远
        var (id, call, experts) = await AssignedAsync(new() { ["AvoidNames[0]"] = "张建华", ["AvoidUnits[0]"] = "南华大学", ["AvoidNames[1]"] = "李明远", ["AvoidUnits[1]"] = "湘潭大学" });
        Assert.Equal([("张建华", "南华大学"), ("李明远", "湘潭大学")],
            Shenbao.Data.Experts.ReviewRounds.AvoidedOf((await Lifecycle.StoredAsync(app, id)).AvoidExperts).Select(p => (p.Name, p.Organisation!)));
        Assert.DoesNotContain("expert-zhang", experts);
        Assert.Contains("expert-li", experts);
        var row = (await (await Browser.For(app).SignInAsync("bureau-officer")).GetAsync($"/Bureau/Assign?call={call}")).Document.QuerySelector($"#assignments tr[data-application='{id}']")!;
        var reasons = row.QuerySelector(".exclusions")!.TextContent;
        Assert.Contains("张建华：申报单位申请回避", reasons, StringComparison.Ordinal);
        Assert.DoesNotContain("李明远：", reasons, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_adds_an_expert_by_hand_to_an_application_short_of_them_with_a_reason()
    {
        var (id, call, experts) = await AssignedAsync();
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        // full: adding one more is refused
        var add = await officer.GetAsync($"/Bureau/Assign?call={call}&add={id}");
        var full = await officer.SubmitAsync(add, new Dictionary<string, string> { ["reason"] = "补充专家" }, "#by-hand form");
        Assert.Contains("达到评分标准规定的 3 位", (await officer.FollowAsync(full)).Document.QuerySelector("#error")!.TextContent, StringComparison.Ordinal);

        // one replaced by the officer leaves it short; 添加专家 from the shortfall list, with a reason
        await using (var db = app.Db())
            await db.ExpertReviews.Where(r => r.ApplicationId == id && r.Expert.User.UserName == experts[0]).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReviewState.Conflict));
        var page = await officer.GetAsync($"/Bureau/Assign?call={call}");
        Assert.NotNull(page.Document.QuerySelector($"#shortfalls [data-short='{id}'] a[href*='add={id}']"));
        add = await officer.GetAsync($"/Bureau/Assign?call={call}&add={id}");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(add, new Dictionary<string, string> { ["reason"] = "原专家回避后补充" }, "#by-hand form")).Status);
        Assert.Equal(3, (await Lifecycle.ExpertsOfAsync(app, id)).Count);
        Assert.DoesNotContain(experts[0], await Lifecycle.ExpertsOfAsync(app, id));
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.ReplaceExpert && r.Details!.Contains("人工添加专家；理由：原专家回避后补充", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_application_not_assigned_to_an_expert_is_not_found_and_nothing_shows_before_the_declaration()
    {
        var (id, _, experts) = await AssignedAsync();
        var outsider = await Browser.For(app).SignInAsync(await UnassignedExpertAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Expert/Review/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/Expert/Review/999999")).Status);
        Assert.Null((await outsider.GetAsync("/Expert")).Document.QuerySelector($"a[href='/Expert/Review/{id}']"));

        var expert = await Browser.For(app).SignInAsync(experts[0]);
        var before = await expert.GetAsync($"/Expert/Review/{id}");
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Contains("衡阳师范学院", before.Document.QuerySelector("#applicant")!.TextContent, StringComparison.Ordinal);
        // the content — the summary, the files, the check — only after the declaration
        Assert.Null(before.Document.QuerySelector("#attachments"));
        Assert.Null(before.Document.QuerySelector("#score-form"));
        Assert.DoesNotContain("研究功能金属有机框架材料的可控合成方法", before.Text, StringComparison.Ordinal);
        var file = app.Db().Attachments.AsNoTracking().First(a => a.ApplicationId == id);
        Assert.Equal(HttpStatusCode.NotFound, (await expert.GetAsync($"/Files/{file.Id}")).Status);

        // a declaration needs its promise ticked
        var unticked = await expert.SubmitAsync(before, new Dictionary<string, string> { ["conflict"] = "none" });
        Assert.Contains("请勾选声明", unticked.Document.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await expert.SubmitAsync(before, new Dictionary<string, string> { ["conflict"] = "none", ["certify"] = "true" })).Status);
        var after = await expert.GetAsync($"/Expert/Review/{id}");
        Assert.NotNull(after.Document.QuerySelector("#attachments"));
        Assert.Contains("研究功能金属有机框架材料的可控合成方法", after.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await expert.GetAsync($"/Files/{file.Id}")).Status);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.DeclareNoConflict && r.UserName == experts[0]);
        // still not another application's files
        var other = app.Db().Attachments.AsNoTracking().First(a => a.ApplicationId != null && a.ApplicationId != id);
        Assert.Equal(HttpStatusCode.NotFound, (await expert.GetAsync($"/Files/{other.Id}")).Status);
    }

    [Fact]
    public async Task A_draft_is_kept_a_submission_is_locked_and_only_an_officer_reopens_it_with_a_reason()
    {
        var (id, call, experts) = await AssignedAsync();
        var expert = await Browser.For(app).SignInAsync(experts[0]);
        var declaration = await expert.GetAsync($"/Expert/Review/{id}");
        await expert.SubmitAsync(declaration, new Dictionary<string, string> { ["conflict"] = "none", ["certify"] = "true" });

        var form = await expert.GetAsync($"/Expert/Review/{id}");
        // out of range, not a half point, and missing on submission: each said, nothing saved
        var refused = await expert.SubmitAsync(form, new Dictionary<string, string> { ["score[innovation]"] = "31", ["score[feasibility]"] = "12.3", ["submit"] = "true" }, "#score-form");
        var problems = refused.Document.QuerySelectorAll("#errors li").Select(li => li.TextContent).ToList();
        Assert.Contains(problems, p => p.StartsWith("“创新性与先进性”的评分应为 0 到 30", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("“技术路线与可行性”的评分应为", StringComparison.Ordinal));
        Assert.Contains("请为“团队与基础条件”评分", problems);
        Assert.Contains("请填写总体评价意见", problems);
        // what was typed stays on the page
        Assert.Equal("31", refused.Document.QuerySelector("#score-innovation")!.GetAttribute("value"));
        Assert.Equal("{}", app.Db().ExpertReviews.AsNoTracking().Single(r => r.ApplicationId == id && r.Expert.User.UserName == experts[0]).ScoresJson);

        var draft = await expert.SubmitAsync(form, new Dictionary<string, string> { ["score[innovation]"] = "25.5", ["comment[innovation]"] = "创新点明确", ["submit"] = "false" }, "#score-form");
        Assert.Equal(HttpStatusCode.Redirect, draft.Status);
        var reopened = await expert.GetAsync($"/Expert/Review/{id}");
        Assert.Equal("25.5", reopened.Document.QuerySelector("#score-innovation")!.GetAttribute("value"));
        Assert.Equal("创新点明确", reopened.Document.QuerySelector("#comment-innovation")!.TextContent);

        var full = new Dictionary<string, string> { ["score[innovation]"] = "25.5", ["score[feasibility]"] = "20", ["score[team]"] = "12", ["score[benefit]"] = "16", ["score[budget]"] = "8", ["opinion"] = "建议支持。", ["submit"] = "true" };
        Assert.Equal(HttpStatusCode.Redirect, (await expert.SubmitAsync(reopened, full, "#score-form")).Status);
        var stored = app.Db().ExpertReviews.AsNoTracking().Single(r => r.ApplicationId == id && r.Expert.User.UserName == experts[0]);
        Assert.Equal((ReviewState.Submitted, (decimal?)81.5m), (stored.State, stored.Total));
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.SubmitReview && r.UserName == experts[0]);

        // locked: the page's form is disabled, and a post (a stale tab) changes nothing
        var locked = await expert.GetAsync($"/Expert/Review/{id}");
        Assert.True(locked.Document.QuerySelector("#score-innovation")!.HasAttribute("disabled"));
        var again = await expert.SubmitAsync(reopened, new Dictionary<string, string>(full) { ["score[innovation]"] = "30" }, "#score-form");
        Assert.Contains("已提交，不能再修改", again.Document.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(81.5m, app.Db().ExpertReviews.AsNoTracking().Single(r => r.Id == stored.Id).Total);

        // the officer reopens it: a reason is required, and the expert reads it
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var assign = await officer.GetAsync($"/Bureau/Assign?call={call}");
        var noReason = await officer.SubmitAsync(assign, new Dictionary<string, string>(), $"form[action*='handler=Reopen'][action*='review={stored.Id}']");
        Assert.Contains("请填写退回重评的理由", (await officer.GetAsync($"/Bureau/Assign?call={call}")).Document.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, noReason.Status);
        await officer.SubmitAsync(assign, new Dictionary<string, string> { ["reason"] = "可行性评分与意见不符，请复核" }, $"form[action*='handler=Reopen'][action*='review={stored.Id}']");
        Assert.Equal(ReviewState.Declared, app.Db().ExpertReviews.AsNoTracking().Single(r => r.Id == stored.Id).State);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.ReopenReview && r.Details!.Contains("可行性评分与意见不符", StringComparison.Ordinal));
        Assert.Contains("可行性评分与意见不符", (await expert.GetAsync($"/Expert/Review/{id}")).Document.QuerySelector("#reopened")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expert_never_sees_another_expert_s_scores_or_name()
    {
        var (id, _, experts) = await AssignedAsync();
        await Lifecycle.ScoreAsync(await Browser.For(app).SignInAsync(experts[0]), id, 90);
        var firstName = app.Db().Experts.AsNoTracking().Single(e => e.User.UserName == experts[0]).Name;
        var second = await Browser.For(app).SignInAsync(experts[1]);
        var declaration = await second.GetAsync($"/Expert/Review/{id}");
        await second.SubmitAsync(declaration, new Dictionary<string, string> { ["conflict"] = "none", ["certify"] = "true" });
        foreach (var page in new[] { await second.GetAsync($"/Expert/Review/{id}"), await second.GetAsync("/Expert") })
        {
            Assert.DoesNotContain(firstName, page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("建议支持。", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("90 分", page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_declared_conflict_sends_it_back_and_an_officer_replaces_the_expert_with_a_reason()
    {
        var (id, call, experts) = await AssignedAsync();
        var expert = await Browser.For(app).SignInAsync(experts[2]);
        var declaration = await expert.GetAsync($"/Expert/Review/{id}");
        var noNote = await expert.SubmitAsync(declaration, new Dictionary<string, string> { ["conflict"] = "conflict" });
        Assert.Contains("请简要说明存在的利益冲突", noNote.Document.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await expert.SubmitAsync(declaration, new Dictionary<string, string> { ["conflict"] = "conflict", ["note"] = "项目负责人是本人的博士导师" })).Status);
        var after = await expert.GetAsync($"/Expert/Review/{id}");
        Assert.NotNull(after.Document.QuerySelector("#conflict"));
        Assert.Null(after.Document.QuerySelector("#attachments"));
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.DeclareConflict);

        // the officers see it short, with why, and replace the expert
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var assign = await officer.GetAsync($"/Bureau/Assign?call={call}");
        Assert.Contains("声明利益冲突", assign.Document.QuerySelector($"#shortfalls [data-short='{id}']")!.TextContent, StringComparison.Ordinal);
        var conflict = app.Db().ExpertReviews.AsNoTracking().Single(r => r.ApplicationId == id && r.State == ReviewState.Conflict);
        var replace = await officer.GetAsync($"/Bureau/Assign?call={call}&replace={conflict.Id}");
        var candidates = replace.Document.QuerySelectorAll("#by-hand select[name=expert] option").Select(o => o.TextContent).ToList();
        Assert.NotEmpty(candidates);
        Assert.DoesNotContain(candidates, c => c.Contains("衡阳师范学院", StringComparison.Ordinal));
        var noReason = await officer.SubmitAsync(replace, new Dictionary<string, string>(), "#by-hand form");
        Assert.Contains("请填写更换专家的理由", (await officer.FollowAsync(noReason)).Document.QuerySelector("#error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(replace, new Dictionary<string, string> { ["reason"] = "原专家声明利益冲突" }, "#by-hand form")).Status);
        Assert.Equal(3, (await Lifecycle.ExpertsOfAsync(app, id)).Count);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.ReplaceExpert && r.Details!.Contains("原专家声明利益冲突", StringComparison.Ordinal));
        // the same replacement again (a stale tab) adds nobody
        await officer.SubmitAsync(replace, new Dictionary<string, string> { ["reason"] = "再次更换" }, "#by-hand form");
        Assert.Equal(3, (await Lifecycle.ExpertsOfAsync(app, id)).Count);
    }

    [Fact]
    public async Task The_ranking_ends_review_when_the_reviews_are_in_and_the_decision_lists_by_rank()
    {
        var (id, call, experts) = await AssignedAsync();
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        foreach (var expert in experts.Take(2)) await Lifecycle.ScoreAsync(await Browser.For(app).SignInAsync(expert), id, 70);
        var ranking = await officer.GetAsync($"/Bureau/Ranking?call={call}");
        var row = ranking.Document.QuerySelector($".ranking tr[data-application='{id}']")!;
        Assert.Contains("缺评", row.QuerySelector(".flags")!.TextContent, StringComparison.Ordinal);
        // the rules it ranks by are on the page: the tie-breaks, and each category's rubric figures from the guide
        var rules = ranking.Document.QuerySelector("#rules")!.TextContent;
        Assert.All(Shenbao.Domain.Experts.Ranking.TieBreaks, t => Assert.Contains(t, rules, StringComparison.Ordinal));
        Assert.Contains("5 份及以上去掉最高最低分，离群：距中位数超过 20 分", ranking.Document.QuerySelector("[data-category='basic-research'] h2")!.TextContent, StringComparison.Ordinal);
        // not all in: the batch leaves it, the application's own end needs a reason
        await officer.SubmitAsync(ranking, new Dictionary<string, string>(), "form[action*=Finish]");
        Assert.Equal(ApplicationStatus.ExpertReview, (await Lifecycle.StoredAsync(app, id)).Status);

        await Lifecycle.ScoreAsync(await Browser.For(app).SignInAsync(experts[2]), id, 40);
        ranking = await officer.GetAsync($"/Bureau/Ranking?call={call}");
        row = ranking.Document.QuerySelector($".ranking tr[data-application='{id}']")!;
        // 70, 70 and 40: the median is 70, and 40 is 30 from it
        Assert.Contains("离群分", row.QuerySelector(".flags")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(ranking, new Dictionary<string, string>(), "form[action*=Finish]")).Status);
        Assert.Equal(ApplicationStatus.Reviewed, (await Lifecycle.StoredAsync(app, id)).Status);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.FinishReview);

        // the expert can no longer change anything
        var expert0 = await Browser.For(app).SignInAsync(experts[0]);
        Assert.True((await expert0.GetAsync($"/Expert/Review/{id}")).Document.QuerySelector("#score-innovation")!.HasAttribute("disabled"));

        var decision = await officer.GetAsync($"/Bureau/Decision?call={call}");
        Assert.Matches(@"第\d+名 · \d+(\.\d+)?分", decision.Document.QuerySelector($"#decisions tr[data-application='{id}'] .ranking")!.TextContent);

        // the ranking as Excel: one row per application, no expert named, no one review's score
        var export = await officer.Client.GetAsync(new Uri($"/Bureau/Ranking?handler=Export&call={call}", UriKind.Relative));
        var sheet = ExpertSheets.Read(await export.Content.ReadAsByteArrayAsync());
        var line = sheet.Single(r => (string?)r["申报编号"] == app.Db().Applications.Single(a => a.Id == id).Number);
        Assert.Equal(3d, Convert.ToDouble(line["已评份数"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("离群分", (string?)line["需关注"], StringComparison.Ordinal);
        Assert.DoesNotContain(sheet.SelectMany(r => r.Keys), k => k.Contains("专家", StringComparison.Ordinal));
        var names = app.Db().Experts.Select(e => e.Name).ToList();
        Assert.DoesNotContain(sheet.SelectMany(r => r.Values).OfType<string>(), v => names.Any(n => v.Contains(n, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Review_reminders_reach_each_expert_with_open_reviews_once_before_the_deadline()
    {
        var (id, call, experts) = await AssignedAsync();
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var deadline = app.Clock.Now.AddDays(2);
        var page = await officer.GetAsync($"/Bureau/Assign?call={call}");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(page, new Dictionary<string, string> { ["deadline"] = Shenbao.Web.Pages.Bureau.CallsModel.Local(deadline) }, "form[action*=Deadline]")).Status);
        var reminders = app.Services.GetRequiredService<Shenbao.Web.Experts.ReviewReminders>();
        Assert.True(await reminders.RunOnceAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, await reminders.RunOnceAsync(CancellationToken.None));
        var user = app.Db().Users.Single(u => u.UserName == experts[0]);
        Assert.Single(app.Db().Notifications.Where(n => n.UserId == user.Id).AsEnumerable(), n => n.Subject.StartsWith("评审截止提醒", StringComparison.Ordinal));
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.ReminderSent && r.ObjectType == "expert");
    }

    [Fact]
    public async Task Invitations_of_experts_imported_from_the_command_line_are_sent_by_the_site()
    {
        await using (var db = app.Db())
        {
            var row = new Shenbao.Domain.Experts.ExpertRow(2, "褚十二", Shenbao.Tests.Domain.Experts.ExpertSheetTests.Id("43040419650808701"), "湖南大学", null, ["禁毒"], "13907340012", "chu12@example.com", []);
            await ExpertPool.StageAsync(db, [row], "命令行", app.Clock.Now, CancellationToken.None);
            await db.SaveChangesAsync();
        }
        var invitations = app.Services.GetRequiredService<Shenbao.Web.Experts.ExpertInvitations>();
        Assert.True(await invitations.RunOnceAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, await invitations.RunOnceAsync(CancellationToken.None));
        await Passwords.SetThroughMailAsync(app, "chu12@example.com", "Chu-Expert-2025!");
    }
}
