using Shenbao.BrowserTests.Pages;
using Shenbao.BrowserTests.Support;
using Shenbao.Data.Demo;
using static Microsoft.Playwright.Assertions;

namespace Shenbao.BrowserTests.Journeys;

/// <summary>
/// On a phone (390 px): the list keeps titles readable, the editor keeps the live check's verdict in view while a
/// field at the top is typed, and the profile's figures are not cut off.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class PhoneTests(BrowserFixture fixture)
{
    [Fact]
    public Task A_project_leader_on_a_phone_reads_the_list_types_in_the_editor_and_sees_the_verdict() =>
        Journey.RunAsync(fixture, "phone", async journey =>
        {
            var phone = await journey.PersonAsync("zhiheng-leader", phone: true);
            await LoginPage.SignInAsync(phone, "zhiheng-leader", DemoData.Password);

            // 我的申报: a title keeps its width; the table scrolls sideways instead of squeezing it to a column of characters
            await phone.GotoAsync("/Applications");
            var title = phone.Locator("table.applications td.title").First;
            var width = (await title.BoundingBoxAsync())!.Width;
            Assert.True(width >= 150, $"the title column is {width} px wide on a phone");
            await journey.StepAsync(phone, "list");

            // the editor: type into the first field; the verdict is on screen, and the bar leads to the whole panel
            await title.Locator("a").ClickAsync();
            var form = new EditApplicationPage(phone);
            await form.ChangeAndWaitForAutosaveAsync("project.title", "高精度智能衡器称重传感器关键技术研发（手机修改）");
            var bar = phone.Locator("#verdict-bar");
            await Expect(bar).ToBeInViewportAsync();
            await Expect(bar).ToContainTextAsync(await form.Verdict.InnerTextAsync());
            await journey.StepAsync(phone, "editor-typing");
            await bar.ClickAsync();
            await Expect(form.Verdict).ToBeInViewportAsync();
            await journey.ShotAsync(phone, "editor-panel");

            // the profile's figures: an amount is shown whole in its input
            await phone.GotoAsync("/Organisation/Profile#finance");
            var revenue = phone.Locator("input[aria-label='2024年度营业收入（元）']");
            await Expect(revenue).ToHaveValueAsync("21,000,000");
            var cut = await revenue.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth + 1");
            Assert.False(cut, "the 2024 revenue is cut off in its input on a phone");
            await journey.StepAsync(phone, "profile-finance");
        });
}
