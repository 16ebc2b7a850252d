using Microsoft.EntityFrameworkCore;
using Shenbao.BrowserTests.Pages;
using Shenbao.BrowserTests.Support;
using Shenbao.Data.Demo;
using Shenbao.Domain.Applications;
using static Microsoft.Playwright.Assertions;

namespace Shenbao.BrowserTests.Journeys;

/// <summary>
/// An ineligible application is blocked: an enterprise (demo 衡阳智衡计量) starts 三、基础（应用）研究, which the guide
/// opens only to 驻衡高校、科研院所、医院. Every page says so, the submit button is disabled, and a post forced
/// past the disabled button is refused by the server too.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class IneligibleApplicationTests(BrowserFixture fixture)
{
    private const string Category = "basic-research";
    private const string Reason = "申报单位为企业，本类别支持对象为驻衡高校、科研院所、医院";

    [Fact]
    public Task An_enterprise_applying_for_basic_research_cannot_submit() =>
        Journey.RunAsync(fixture, "ineligible-blocked", async journey =>
        {
            var admin = await journey.PersonAsync("zhiheng-admin");
            await LoginPage.SignInAsync(admin, "zhiheng-admin", DemoData.Password);

            var create = await new CreateApplicationPage(admin).OpenAsync(Category);
            await Expect(create.CategoryBadge(Category)).ToHaveTextAsync("暂不符合");
            await Expect(create.CategoryLabel(Category)).ToContainTextAsync(Reason);
            await journey.StepAsync(admin, "create-shows-not-eligible");

            var form = await create.CreateAsync(Category);
            await form.FillAsync("project.title", "称重传感器弹性体材料疲劳机理研究");
            await Expect(form.Rule("basic-applicant")).ToHaveAttributeAsync("data-outcome", "fail");
            await Expect(form.Rule("basic-applicant")).ToContainTextAsync(Reason);
            await Expect(form.Verdict).ToHaveTextAsync("暂不符合申报条件");
            await journey.StepAsync(admin, "form-live-check-fails");
            var id = form.Id;

            var submit = await form.CheckAndSubmitAsync();
            await Expect(submit.Refusal).ToContainTextAsync("资格条件不符合");
            await Expect(submit.Refusal).ToContainTextAsync(Reason);
            await Expect(submit.Rule("basic-applicant")).ToHaveAttributeAsync("data-outcome", "fail");
            await Expect(submit.SubmitButton).ToBeDisabledAsync();
            await journey.StepAsync(admin, "submit-blocked");

            await submit.ForceSubmitAsync();
            await Expect(submit.Heading).ToHaveTextAsync("提交申报");
            await Expect(submit.Refusal).ToContainTextAsync(Reason);
            await journey.ShotAsync(admin, "forced-post-refused");
            var stored = fixture.Server.Query(db => db.Applications.AsNoTracking().Single(a => a.Id == id));
            Assert.Equal(ApplicationStatus.Draft, stored.Status);
            Assert.Null(stored.ReceiptNo);
        });
}
