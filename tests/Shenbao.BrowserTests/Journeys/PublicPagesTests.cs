using Shenbao.BrowserTests.Pages;
using Shenbao.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace Shenbao.BrowserTests.Journeys;

/// <summary>
/// Without an account: the anonymous self-check answers which categories a university may apply for, and a failed
/// condition's clause link opens the guide page at that clause, highlighted; the contents jump to any clause.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class PublicPagesTests(BrowserFixture fixture)
{
    [Fact]
    public Task A_visitor_checks_eligibility_and_follows_a_clause_into_the_guide() =>
        Journey.RunAsync(fixture, "self-check-and-guide", async journey =>
        {
            var visitor = await journey.PersonAsync("visitor");
            var selfCheck = await new SelfCheckPage(visitor).OpenAsync();
            await journey.StepAsync(visitor, "self-check");

            await selfCheck.AnswerAsUniversityAsync(platformType: "key-lab", platformLevel: "provincial");
            await selfCheck.CheckAsync();
            await Expect(selfCheck.Summary("basic-research")).ToHaveTextAsync("可以申报");
            await Expect(selfCheck.Summary("major-project")).ToContainTextAsync("暂不符合");
            await journey.StepAsync(visitor, "self-check-results");

            // a failed condition of 一、科技重大专项 cites its clause; the link opens the guide there
            var failed = selfCheck.FailedClauseLinks("major-project").First;
            var clause = (await failed.InnerTextAsync()).Trim();
            await failed.ClickAsync();
            await visitor.WaitForURLAsync("**/Guide/hengyang-2025#*");
            var guide = new GuidePage(visitor);
            Assert.Equal(clause, Uri.UnescapeDataString(new Uri(visitor.Url).Fragment.TrimStart('#')));
            await Expect(guide.Clause(clause)).ToBeInViewportAsync();
            await Expect(guide.Clause(clause)).ToHaveCSSAsync("background-color", "rgb(255, 243, 205)");
            await journey.StepAsync(visitor, "guide-at-clause");

            // the contents jump to 四（一）具体条件3, the clause the iur-payment rule implements
            await guide.TocLink("四（一）具体条件3").ClickAsync();
            await Expect(guide.Clause("四（一）具体条件3")).ToBeInViewportAsync();
            await Expect(guide.ClauseRules("四（一）具体条件3")).ToContainTextAsync(["合同支付比例"]);
            await journey.ShotAsync(visitor, "guide-toc-jump");
        });
}
