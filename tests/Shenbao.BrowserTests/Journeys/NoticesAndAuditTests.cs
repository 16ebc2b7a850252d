using System.Text.RegularExpressions;
using MiniExcelLibs;
using Shenbao.BrowserTests.Pages;
using Shenbao.BrowserTests.Support;
using Shenbao.Data.Demo;
using static Microsoft.Playwright.Assertions;

namespace Shenbao.BrowserTests.Journeys;

/// <summary>
/// The people a change concerns hear of it (a badge in the navigation, the inbox, a mail), a new account's first
/// password is set from a mailed link, and the 审计管理员 finds all of it in the trail and exports it; the 系统管理员
/// cannot.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed partial class NoticesAndAuditTests(BrowserFixture fixture)
{
    private const string District = "衡阳高新技术产业开发区";

    [GeneratedRegex(@"/Account/ResetPassword\?\S+")]
    private static partial Regex SetPasswordLink();

    [Fact]
    public Task A_registration_reaches_the_recommender_activation_reaches_the_organisation_and_the_auditor_sees_both() =>
        Journey.RunAsync(fixture, "notices-and-audit", async journey =>
        {
            var suffix = TestData.Suffix();
            var organisation = new RegisterPage.Organisation(
                CreditCode: TestData.NewCreditCode(), Name: $"衡阳通知测试科技有限公司{suffix}", Kind: "enterprise", District: District,
                ContactName: "孙女士", ContactPhone: "0734-8885678", ContactEmail: $"sun{suffix}@tongzhi.example",
                UserName: $"tongzhi-{suffix}", DisplayName: "孙女士（通知测试）", Password: "Tongzhi-2025!secure");

            var admin = await journey.PersonAsync("admin");
            var register = await new RegisterPage(admin).OpenAsync();
            await register.FillAsync(organisation);
            await register.SubmitAsync();

            // the 推荐单位 sees a count in the navigation and the request in its inbox, and goes from there to activate
            var recommender = await journey.PersonAsync("recommender");
            await LoginPage.SignInAsync(recommender, "gaoxin-recommender", DemoData.Password);
            await Expect(recommender.Locator("#unread-count")).ToBeVisibleAsync();
            await journey.StepAsync(recommender, "recommender-unread-badge");
            await recommender.Locator("#inbox-link").ClickAsync();
            var notice = recommender.Locator("#notices li").Filter(new() { HasText = organisation.Name });
            await Expect(notice).ToContainTextAsync("待激活");
            await journey.StepAsync(recommender, "recommender-inbox");
            await notice.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "查看" }).ClickAsync();
            var activation = new RecommenderOrganisationsPage(recommender);
            await Expect(activation.Heading).ToHaveTextAsync("单位激活");
            await activation.ActivateAsync(organisation.Name);

            // the organisation hears of it in the inbox and by mail
            // (the first mail confirmed the registration itself)
            var mails = await fixture.Server.MailsToAsync(organisation.ContactEmail);
            Assert.Equal(2, mails.Count);
            Assert.Contains(mails, m => m.Subject == "单位注册已提交");
            var mail = Assert.Single(mails, m => m.Subject == "单位已激活");
            await LoginPage.SignInAsync(admin, organisation.UserName, organisation.Password);
            await Expect(admin.Locator("#unread-count")).ToContainTextAsync("1");
            await admin.Locator("#inbox-link").ClickAsync();
            await Expect(admin.Locator("#notices")).ToContainTextAsync("单位已激活");
            await journey.StepAsync(admin, "admin-inbox-activated");

            // the 审计管理员 finds the organisation's registration and sign-in, and the activation, and exports them
            var auditor = await journey.PersonAsync("auditor");
            await LoginPage.SignInAsync(auditor, "auditadmin", DemoData.Password);
            await auditor.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "审计日志" }).ClickAsync();
            await Expect(auditor.Locator("main h1")).ToHaveTextAsync("审计日志");
            await journey.StepAsync(auditor, "audit-all");
            await auditor.Locator("#Person").FillAsync(organisation.UserName);
            await auditor.Locator("#audit-filter button[type=submit]").ClickAsync();
            var rows = auditor.Locator("#audit-rows tbody tr");
            await Expect(rows.Filter(new() { HasText = "单位注册" })).ToHaveCountAsync(1);
            await Expect(rows.Filter(new() { HasText = "登录" })).Not.ToHaveCountAsync(0);
            await journey.StepAsync(auditor, "audit-filtered-by-person");
            var download = await auditor.RunAndWaitForDownloadAsync(() => auditor.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { NameRegex = new Regex("导出 Excel") }).ClickAsync());
            var path = Path.Combine(journey.Folder, "audit-export.xlsx");
            await download.SaveAsAsync(path);
            var sheet = MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.NotEmpty(sheet);
            Assert.All(sheet, r => Assert.Equal(organisation.UserName, r["用户名"]));
            Assert.Contains(sheet, r => (string?)r["操作"] == "单位注册");

            // the 系统管理员 runs the system, not its audit
            var sysadmin = await journey.PersonAsync("sysadmin");
            await LoginPage.SignInAsync(sysadmin, "sysadmin", DemoData.Password);
            var denied = new SitePage(sysadmin);
            Assert.Equal(403, await denied.GoToAsync("/Audit"));
            await Expect(denied.Heading).ToHaveTextAsync("无权访问");
            await journey.StepAsync(sysadmin, "sysadmin-audit-denied");
        });

    [Fact]
    public Task A_project_leader_sets_the_first_password_from_the_mailed_link_and_the_link_works_once() =>
        Journey.RunAsync(fixture, "first-sign-in-by-mail", async journey =>
        {
            var suffix = TestData.Suffix();
            var (userName, address) = ($"leader-{suffix}", $"leader{suffix}@zhiheng.example");

            var admin = await journey.PersonAsync("admin");
            await LoginPage.SignInAsync(admin, "zhiheng-admin", DemoData.Password);
            await new SitePage(admin).GoToAsync("/Organisation/Users");
            await admin.Locator("#Input_UserName").FillAsync(userName);
            await admin.Locator("#Input_DisplayName").FillAsync("钱工");
            await admin.Locator("#Input_Email").FillAsync(address);
            await journey.StepAsync(admin, "add-leader");
            await admin.Locator("main form button[type=submit]").Filter(new() { HasText = "添加" }).ClickAsync();
            await Expect(new SitePage(admin).SuccessAlert).ToContainTextAsync($"设置密码的链接已发到 {address}");
            await journey.StepAsync(admin, "leader-added");

            var mail = Assert.Single(await fixture.Server.MailsToAsync(address));
            var link = SetPasswordLink().Match(mail.TextBody ?? "").Value;
            Assert.NotEmpty(link);
            var leader = await journey.PersonAsync("leader");
            await new SitePage(leader).GoToAsync(link);
            await Expect(leader.Locator("main h1")).ToHaveTextAsync("设置密码");
            await Expect(leader.Locator("main")).ToContainTextAsync(userName);
            await leader.Locator("#Input_Password").FillAsync("Qiangong-2025!secure");
            await leader.Locator("#Input_ConfirmPassword").FillAsync("Qiangong-2025!secure");
            await journey.StepAsync(leader, "set-password");
            await leader.Locator("main form button[type=submit]").ClickAsync();
            await Expect(leader.Locator("main .alert-success")).ToContainTextAsync("密码已设置");
            await journey.StepAsync(leader, "password-set-sign-in");
            await new LoginPage(leader).SignInAsync(userName, "Qiangong-2025!secure");
            await Expect(leader.Locator(SitePage.Selectors.SignedInName)).ToContainTextAsync("钱工");

            // the link has been spent
            var stranger = await journey.PersonAsync("stranger");
            await new SitePage(stranger).GoToAsync(link);
            await Expect(stranger.Locator("#link-problem")).ToContainTextAsync("该链接已失效");
            await journey.StepAsync(stranger, "link-spent");
        });
}
