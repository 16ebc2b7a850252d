using Microsoft.EntityFrameworkCore;
using Shenbao.BrowserTests.Pages;
using Shenbao.BrowserTests.Support;
using Shenbao.Data.Demo;
using Shenbao.Domain.Applications;
using static Microsoft.Playwright.Assertions;

namespace Shenbao.BrowserTests.Journeys;

/// <summary>
/// Role isolation as people meet it: another organisation's application is 页面不存在 (not even its existence is
/// confirmed), a 推荐单位 gets 无权访问 on the applicants' pages and an applicant on the 推荐单位's, and an anonymous
/// visitor is sent to the login page.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class RoleIsolationTests(BrowserFixture fixture)
{
    private const string ZhihengCode = "91430408MA7B2C3D4Y";

    [Fact]
    public Task Each_role_sees_only_its_own_pages_and_records() =>
        Journey.RunAsync(fixture, "role-isolation", async journey =>
        {
            var (id, title) = fixture.Server.Query(db => db.Applications.AsNoTracking()
                .Where(a => a.Organisation.CreditCode == ZhihengCode && a.Status == ApplicationStatus.Submitted)
                .Select(a => new { a.Id, a.FormJson }).AsEnumerable()
                .Select(a => (a.Id, Title: System.Text.Json.JsonDocument.Parse(a.FormJson).RootElement.GetProperty("project.title").GetString()!))
                .First());

            // zhiheng sees its own submitted application…
            var zhiheng = await journey.PersonAsync("zhiheng-admin");
            await LoginPage.SignInAsync(zhiheng, "zhiheng-admin", DemoData.Password);
            var own = new ApplicationDetailsPage(zhiheng);
            Assert.Equal(200, await own.GoToAsync($"/Applications/Details/{id}"));
            await Expect(own.Heading).ToHaveTextAsync(title);
            await journey.StepAsync(zhiheng, "zhiheng-own-application");

            // …and is no 推荐单位
            Assert.Equal(403, await own.GoToAsync("/Recommender/Organisations"));
            await Expect(own.Heading).ToHaveTextAsync("无权访问");
            await journey.StepAsync(zhiheng, "zhiheng-recommender-page-denied");

            // 衡阳师范学院 opens the same addresses: nothing there
            var hynu = await journey.PersonAsync("hynu-admin");
            await LoginPage.SignInAsync(hynu, "hynu-admin", DemoData.Password);
            var other = new SitePage(hynu);
            foreach (var path in new[] { $"/Applications/Details/{id}", $"/Applications/Edit/{id}", $"/Applications/Submit/{id}" })
            {
                Assert.Equal(404, await other.GoToAsync(path));
                await Expect(other.Heading).ToHaveTextAsync("页面不存在");
                await Expect(other.Main).Not.ToContainTextAsync(title);
            }
            await journey.StepAsync(hynu, "hynu-opens-zhiheng-application");

            // the 推荐单位 is no applicant
            var recommender = await journey.PersonAsync("recommender");
            await LoginPage.SignInAsync(recommender, "gaoxin-recommender", DemoData.Password);
            var denied = new SitePage(recommender);
            Assert.Equal(403, await denied.GoToAsync("/Applications"));
            await Expect(denied.Heading).ToHaveTextAsync("无权访问");
            await journey.StepAsync(recommender, "recommender-applications-denied");
            Assert.Equal(403, await denied.GoToAsync($"/Applications/Details/{id}"));
            await Expect(denied.Heading).ToHaveTextAsync("无权访问");
            Assert.Equal(403, await denied.GoToAsync("/Organisation/Profile"));
            await Expect(denied.Heading).ToHaveTextAsync("无权访问");

            // nobody signed in: the login page, which comes back to the address afterwards
            var anonymous = await journey.PersonAsync("anonymous");
            var login = new LoginPage(anonymous);
            Assert.Equal(200, await login.GoToAsync("/Applications"));
            await Expect(login.Heading).ToHaveTextAsync("登录");
            Assert.Contains("ReturnUrl=%2FApplications", anonymous.Url, StringComparison.Ordinal);
            await journey.StepAsync(anonymous, "anonymous-sent-to-login");
        });
}
