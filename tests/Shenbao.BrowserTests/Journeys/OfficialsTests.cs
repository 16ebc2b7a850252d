using Microsoft.EntityFrameworkCore;
using Shenbao.BrowserTests.Pages;
using Shenbao.BrowserTests.Support;
using Shenbao.Data.Demo;
using static Microsoft.Playwright.Assertions;

namespace Shenbao.BrowserTests.Journeys;

/// <summary>
/// A call run by its officials in chromium: the 推荐单位 recommends a submitted application and the bureau passes it in
/// formal review (its expert review is the expert journey's); the bureau proposes an application the experts have
/// reviewed with an amount and publishes the list; a visitor objects on the public page and the bureau answers; after
/// the period it is 立项. Beside it the bureau refuses another, citing a clause, and the applicant reads the refusal with
/// the clause linked to the guide.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class OfficialsTests(BrowserFixture fixture)
{
    private const string Recommended = "湘江流域重金属污染土壤原位修复技术";
    private const string Funded = "现代物流园区智能调度系统";
    private const string Refused = "输变电装备绝缘材料老化监测技术";
    private const string Listed = "中医药特色制剂质量标准研究";

    private int IdOf(string title) => fixture.Server.Query(db => db.Applications.AsNoTracking().Single(a => a.Title == title).Id);

    [Fact]
    public Task A_call_is_run_from_recommendation_to_立项_with_an_objection_on_the_way_and_a_refusal_the_applicant_reads() =>
        Journey.RunAsync(fixture, "officials", async journey =>
        {
            var (recommended, funded, refused, listed) = (IdOf(Recommended), IdOf(Funded), IdOf(Refused), IdOf(Listed));

            // 1. the 推荐单位 of 珠晖区 recommends the submitted application from its queue
            var recommender = await journey.PersonAsync("recommender");
            await LoginPage.SignInAsync(recommender, "zhuhui-recommender", DemoData.Password);
            await recommender.GotoAsync("/Recommender/Applications");
            await journey.StepAsync(recommender, "recommender-queue");
            await recommender.Locator($"#waiting tr[data-application='{recommended}'] a").ClickAsync();
            var review = new OfficialPages(recommender);
            await Expect(review.Status).ToHaveTextAsync("已提交");
            await journey.StepAsync(recommender, "recommender-review");
            await review.AnswerAsync("Recommend");
            await Expect(review.Message).ToContainTextAsync("已推荐");

            // 2. the bureau passes it in formal review: it waits for its experts (the expert journey assigns them)
            var officer = await journey.PersonAsync("bureau");
            await LoginPage.SignInAsync(officer, "bureau-officer", DemoData.Password);
            var bureau = new OfficialPages(officer);
            await officer.GotoAsync("/Bureau/Applications?status=recommended");
            await journey.StepAsync(officer, "formal-review-list");
            await officer.GotoAsync($"/Bureau/Review/{recommended}");
            await journey.StepAsync(officer, "formal-review-application");
            await Expect(officer.Locator(OfficialPages.Selectors.AnswerButton("StartReview"))).ToHaveCountAsync(0);
            await bureau.AnswerAsync("Accept");
            await officer.GotoAsync($"/Bureau/Review/{recommended}");
            await Expect(bureau.Status).ToHaveTextAsync("形式审查通过");

            // 3. another recommended application is refused, resting on a clause of the guide
            await officer.GotoAsync($"/Bureau/Review/{refused}");
            await officer.Locator("#clauses input[name=Cited]").First.CheckAsync();
            await journey.ShotAsync(officer, "refusal-with-clause");
            await bureau.AnswerAsync("Refuse", "项目负责人职称证明与申报信息不符");
            await Expect(bureau.Message).ToContainTextAsync("已不予受理");

            // 4. the demo's list on 公示 is declined (its objection upheld), an application the experts reviewed proposed, with its rank beside it, and published
            await officer.GotoAsync("/Bureau/Decision");
            await journey.StepAsync(officer, "decision-before");
            var listedRow = bureau.DecisionRow(listed);
            await listedRow.Locator("summary").ClickAsync();
            await listedRow.Locator("textarea[name=reason]").FillAsync("经核实，公示异议成立：与已立项项目内容重复");
            await bureau.ConfirmAsync(listedRow.Locator("button[type=submit]", new() { HasText = "确认不予立项" }));
            await Expect(bureau.Message).ToContainTextAsync("已不予立项");
            await Expect(bureau.DecisionRow(funded).Locator(".ranking")).ToContainTextAsync("分");
            await bureau.DecisionRow(funded).Locator("input[name=amount]").FillAsync("250000");
            await bureau.PostAsync(bureau.DecisionRow(funded).Locator("button", new() { HasText = "列入拟立项" }));
            await Expect(bureau.DecisionRow(funded).Locator(".proposed")).ToHaveTextAsync("250,000");
            await bureau.ConfirmAsync(officer.Locator("#publish-form button[type=submit]"));
            await Expect(bureau.Message).ToContainTextAsync("已发布公示");
            await journey.StepAsync(officer, "published");

            // 5. a visitor reads the public list and objects, with a real name and a contact
            var visitor = await journey.PersonAsync("visitor");
            await visitor.GotoAsync("/Publicity");
            await Expect(visitor.Locator(OfficialPages.Selectors.PublicityRows, new() { HasText = Funded })).ToContainTextAsync("250,000");
            var form = visitor.Locator(OfficialPages.Selectors.ObjectionForm);
            await form.Locator("select[name='Input.Application']").SelectOptionAsync(funded.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await form.Locator("[name='Input.Name']").FillAsync("刘某");
            await form.Locator("[name='Input.Contact']").FillAsync("liu@example.com");
            await form.Locator("[name='Input.Text']").FillAsync("该项目的示范基地与另一已立项项目重合，请核实。");
            await journey.StepAsync(visitor, "publicity-objection");
            await new OfficialPages(visitor).PostAsync(form.Locator("button[type=submit]"));
            await Expect(new OfficialPages(visitor).Message).ToContainTextAsync("异议已收到");

            // 6. the bureau answers it
            await officer.GotoAsync("/Bureau/Decision");
            var objection = officer.Locator("#objections [data-objection]", new() { HasText = "刘某" });
            await objection.Locator("textarea[name=answer]").FillAsync("经核实，两个项目的示范基地不同，异议不成立。");
            await bureau.PostAsync(objection.Locator("button[type=submit]"));
            await Expect(bureau.Message).ToContainTextAsync("已答复");

            // 7. eight days on the period is over: 立项, and the list exports
            fixture.Server.Clock.Offset = TimeSpan.FromDays(8);
            try
            {
                var later = await journey.PersonAsync("bureau-later");
                await LoginPage.SignInAsync(later, "bureau-officer", DemoData.Password);
                await later.GotoAsync("/Bureau/Decision");
                var decision = new OfficialPages(later);
                await decision.ConfirmAsync(later.Locator("#approve-form button[type=submit]"));
                await Expect(decision.Message).ToContainTextAsync("已立项");
                await Expect(decision.DecisionRow(funded).Locator(".status")).ToContainTextAsync("立项");
                await Expect(later.Locator("#export")).ToBeVisibleAsync();
                await journey.StepAsync(later, "approved");

                // 8. the applicant sees 立项 on the one, and the refusal with its clause on the other
                var applicant = await journey.PersonAsync("applicant");
                await LoginPage.SignInAsync(applicant, "hynu-admin", DemoData.Password);
                await applicant.GotoAsync($"/Applications/Details/{funded}");
                await Expect(new OfficialPages(applicant).Status).ToHaveTextAsync("立项");
                await applicant.GotoAsync($"/Applications/Details/{refused}");
                await Expect(applicant.Locator("#decision-reason")).ToContainTextAsync("项目负责人职称证明与申报信息不符");
                await Expect(applicant.Locator("#decision-clauses a").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/Guide/"));
                await journey.StepAsync(applicant, "applicant-refusal");
            }
            finally
            {
                fixture.Server.Clock.Offset = TimeSpan.Zero;
            }
        });
}
