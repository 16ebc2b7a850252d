using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shenbao.BrowserTests.Pages;
using Shenbao.BrowserTests.Support;
using Shenbao.Data.Demo;
using static Microsoft.Playwright.Assertions;

namespace Shenbao.BrowserTests.Journeys;

/// <summary>
/// Expert review in chromium: the bureau imports experts from Excel (a file with a wrong row first, refused whole),
/// the new expert sets a password through the mailed link; the bureau assigns experts with a seed; two experts declare
/// no conflict before seeing anything and score, one saving a draft first; the third does not answer, and the bureau
/// ends the review without it, with a reason; the ranking flags it; the decision page proposes it with its rank beside it.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed partial class ExpertReviewTests(BrowserFixture fixture)
{
    private const string Reviewed = "有色金属冶炼烟气余热回收";

    [GeneratedRegex(@"/Account/ResetPassword\?\S+")]
    private static partial Regex SetPasswordLink();

    private static byte[] Sheet(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Expert(string name, string id, string email) => new()
    {
        ["姓名"] = name, ["身份证号"] = id, ["工作单位"] = "中南大学冶金学院", ["职称"] = "教授", ["专业领域"] = "有色金属冶炼及深加工、新材料",
        ["手机"] = "13907341111", ["邮箱"] = email, ["回避单位"] = "湖南有色金属研究院",
    };

    private static string WithCheck(string body) => body + Shenbao.Domain.Experts.IdentityNumber.CheckCharacterOf(body);

    [Fact]
    public Task An_officer_imports_experts_assigns_them_two_review_and_the_ranking_feeds_the_proposal() =>
        Journey.RunAsync(fixture, "expert-review", async journey =>
        {
            var id = fixture.Server.Query(db => db.Applications.AsNoTracking().Single(a => a.Title == Reviewed).Id);
            var call = fixture.Server.Query(db => db.Applications.AsNoTracking().Single(a => a.Id == id).CallId);
            var files = Path.Combine(journey.Folder, "files");
            Directory.CreateDirectory(files);

            // 1. the bureau imports the pool: a wrong check character refuses the whole file, row and column named
            var officer = await journey.PersonAsync("bureau");
            await LoginPage.SignInAsync(officer, "bureau-officer", DemoData.Password);
            var bureau = new OfficialPages(officer);
            await officer.GotoAsync("/Bureau/Experts");
            await journey.StepAsync(officer, "pool");
            var good = WithCheck("43040419740601201");
            var bad = good[..17] + (good[17] == '3' ? "4" : "3");
            var badFile = Path.Combine(files, "专家名单-有误.xlsx");
            File.WriteAllBytes(badFile, Sheet(Expert("欧阳明", bad, "ouyang@example.com")));
            await officer.Locator("#file").SetInputFilesAsync(badFile);
            await bureau.PostAsync(officer.Locator("#import-form button[type=submit]"));
            await Expect(officer.Locator("#import-errors")).ToContainTextAsync("第2行：身份证号校验位错误");
            await journey.StepAsync(officer, "import-refused");
            Assert.Equal(0, fixture.Server.Query(db => db.Experts.Count(e => e.Email == "ouyang@example.com")));

            var goodFile = Path.Combine(files, "专家名单.xlsx");
            File.WriteAllBytes(goodFile, Sheet(Expert("欧阳明", good, "ouyang@example.com")));
            await officer.Locator("#file").SetInputFilesAsync(goodFile);
            await bureau.PostAsync(officer.Locator("#import-form button[type=submit]"));
            await Expect(bureau.Message).ToContainTextAsync("已导入 1 位专家");
            await Expect(officer.Locator("#experts")).ToContainTextAsync($"430404********{good[14..]}");
            await Expect(officer.Locator("#experts")).Not.ToContainTextAsync(good);
            await journey.StepAsync(officer, "imported");

            // 2. the new expert sets a password through the mailed one-time link
            var mail = Assert.Single(await fixture.Server.MailsToAsync("ouyang@example.com"));
            var link = SetPasswordLink().Match(mail.TextBody ?? "").Value;
            var newcomer = await journey.PersonAsync("new-expert");
            await new SitePage(newcomer).GoToAsync(link);
            await newcomer.Locator("#Input_Password").FillAsync("Ouyang-Expert-2025!");
            await newcomer.Locator("#Input_ConfirmPassword").FillAsync("Ouyang-Expert-2025!");
            await newcomer.Locator("main form button[type=submit]").ClickAsync();
            await Expect(newcomer.Locator("main .alert-success")).ToContainTextAsync("密码已设置");

            // 3. the assignment, with a seed: three experts of the field, 周国平 kept off (he declared 衡阳师范学院 a unit to avoid)
            await officer.GotoAsync($"/Bureau/Assign?call={call}");
            await officer.Locator("#seed").FillAsync("2025");
            await bureau.ConfirmAsync(officer.Locator("#run-form button[type=submit]"));
            await Expect(bureau.Message).ToContainTextAsync("随机种子 2025");
            var row = officer.Locator($"#assignments tr[data-application='{id}']");
            await Expect(row.Locator("[data-review]")).ToHaveCountAsync(3);
            await row.Locator("details summary").Last.ClickAsync();
            await Expect(row.Locator(".exclusions")).ToContainTextAsync("周国平：专家声明回避");
            await journey.StepAsync(officer, "assigned");
            var experts = fixture.Server.Query(db => db.ExpertReviews.Where(r => r.ApplicationId == id).OrderBy(r => r.Id).Select(r => r.Expert.User.UserName!).ToList());
            Assert.Contains("ouyang@example.com", experts);
            var others = experts.Where(e => e != "ouyang@example.com").ToList();

            // 4. the new expert: the declaration comes before anything of the content; a draft, then the submission
            await new LoginPage(newcomer).OpenAsync();
            await new LoginPage(newcomer).SignInAsync("ouyang@example.com", "Ouyang-Expert-2025!");
            await newcomer.GotoAsync("/Expert");
            await journey.StepAsync(newcomer, "my-reviews");
            await newcomer.Locator($"#reviews tr[data-application='{id}'] a").ClickAsync();
            await Expect(newcomer.Locator("#declaration")).ToBeVisibleAsync();
            await Expect(newcomer.Locator("#attachments")).ToHaveCountAsync(0);
            await journey.StepAsync(newcomer, "declaration");
            await newcomer.Locator("#conflict-none").CheckAsync();
            await newcomer.Locator("#certify").CheckAsync();
            await new OfficialPages(newcomer).PostAsync(newcomer.Locator("#declaration button[type=submit]"));
            await Expect(newcomer.Locator("#score-form")).ToBeVisibleAsync();
            await Expect(newcomer.Locator("#attachments")).ToBeVisibleAsync();
            await ScoreAsync(newcomer, [26, 21, 13, 17, 8], draftFirst: true);
            await journey.StepAsync(newcomer, "scored");

            // 5. a second expert of the demo pool scores
            var second = await journey.PersonAsync("second-expert");
            await LoginPage.SignInAsync(second, others[0], DemoData.Password);
            await second.GotoAsync($"/Expert/Review/{id}");
            await second.Locator("#conflict-none").CheckAsync();
            await second.Locator("#certify").CheckAsync();
            await new OfficialPages(second).PostAsync(second.Locator("#declaration button[type=submit]"));
            await ScoreAsync(second, [24, 20, 12, 16, 7], draftFirst: false);

            // 6. the third does not answer: the ranking flags it, and the bureau ends this review without it, with a reason
            await officer.GotoAsync($"/Bureau/Ranking?call={call}");
            var line = officer.Locator($".ranking tr[data-application='{id}']");
            await Expect(line.Locator(".flags")).ToContainTextAsync("缺评");
            await Expect(line.Locator(".score")).ToHaveTextAsync("82");
            await journey.StepAsync(officer, "ranking");
            await line.Locator("[data-finish-one] summary").ClickAsync();
            await line.Locator("[data-finish-one] textarea").FillAsync("第三位专家逾期未提交，两份评审意见一致");
            await bureau.PostAsync(line.Locator("[data-finish-one] button[type=submit]"));
            await Expect(bureau.Message).ToContainTextAsync("已结束评审（缺评 1 份");

            // 7. the decision lists it by its rank, and it is proposed with an amount
            await officer.GotoAsync($"/Bureau/Decision?call={call}");
            var decision = bureau.DecisionRow(id);
            await Expect(decision.Locator(".ranking")).ToContainTextAsync("82分");
            await Expect(decision.Locator(".ranking")).ToContainTextAsync("缺评");
            await decision.Locator("input[name=amount]").FillAsync("200000");
            await bureau.PostAsync(decision.Locator("button", new() { HasText = "列入拟立项" }));
            await Expect(bureau.DecisionRow(id).Locator(".proposed")).ToHaveTextAsync("200,000");
            await journey.StepAsync(officer, "proposed");

            // the third expert's task is closed, not left open
            var third = await journey.PersonAsync("third-expert");
            await LoginPage.SignInAsync(third, others[1], DemoData.Password);
            await third.GotoAsync($"/Expert/Review/{id}");
            await Expect(third.Locator("#closed")).ToBeVisibleAsync();
        });

    private static async Task ScoreAsync(IPage expert, int[] scores, bool draftFirst)
    {
        var criteria = expert.Locator("[data-criterion]");
        for (var i = 0; i < scores.Length; i++)
            await criteria.Nth(i).Locator("input").FillAsync(scores[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        await criteria.First.Locator("textarea").FillAsync("余热回收方案成熟，效益测算依据充分。");
        var page = new OfficialPages(expert);
        if (draftFirst)
        {
            await page.PostAsync(expert.Locator("button[name=submit][value=false]"));
            await Expect(page.Message).ToContainTextAsync("草稿已保存");
            await Expect(criteria.First.Locator("input")).ToHaveValueAsync(scores[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await expert.Locator("#opinion").FillAsync("建议支持。");
        await page.ConfirmAsync(expert.Locator("button[name=submit][value=true]"));
        await Expect(page.Message).ToContainTextAsync("评审意见已提交");
        await Expect(criteria.First.Locator("input")).ToBeDisabledAsync();
    }
}
