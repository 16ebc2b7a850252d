using System.Text.RegularExpressions;
using Shenbao.BrowserTests.Pages;
using Shenbao.BrowserTests.Support;
using Shenbao.Data.Demo;
using static Microsoft.Playwright.Assertions;

namespace Shenbao.BrowserTests.Journeys;

/// <summary>
/// The three administrators apart (三员分立): the 系统管理员 posts a maintenance notice and opens an officer's account;
/// the 安全管理员 makes passwords longer and gives the account its role; the new officer sets a password that must meet
/// the new rule, enrols the second factor and sees the notice; the 审计管理员 finds each of these in the trail. At the
/// end the notice and the policy are set back, so that the journeys after this one meet the defaults.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed partial class AdministratorsTests(BrowserFixture fixture)
{
    [GeneratedRegex(@"/Account/ResetPassword\?\S+")]
    private static partial Regex SetPasswordLink();

    [Fact]
    public Task The_three_administrators_each_do_their_part_and_the_auditor_sees_it() =>
        Journey.RunAsync(fixture, "administrators", async journey =>
        {
            var suffix = TestData.Suffix();
            var (userName, address) = ($"officer-{suffix}", $"officer{suffix}@kjj.example");
            const string Notice = "本周六 22:00 至 24:00 系统维护，请提前保存草稿。";

            // 1. the 系统管理员: the notice and the support contact, then the officer's account
            var sysadmin = await journey.PersonAsync("sysadmin");
            await LoginPage.SignInAsync(sysadmin, "sysadmin", DemoData.Password);
            await sysadmin.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "系统设置" }).ClickAsync();
            await sysadmin.Locator("#Input_Notice").FillAsync(Notice);
            await sysadmin.Locator("#Input_SupportPhone").FillAsync("0734-12345678");
            await sysadmin.Locator("#Input_SupportMail").FillAsync("not a mailbox");
            await sysadmin.Locator("#settings-form button[type=submit]").ClickAsync();
            await Expect(sysadmin.Locator("#error-summary")).ToContainTextAsync("技术支持邮箱格式不正确");
            await journey.StepAsync(sysadmin, "settings-refused");
            await sysadmin.Locator("#Input_SupportMail").FillAsync("support@kjj.example");
            await sysadmin.Locator("#Input_SupportHours").FillAsync("工作日 8:30–17:30");
            await sysadmin.Locator("#settings-form button[type=submit]").ClickAsync();
            await Expect(sysadmin.Locator("#message")).ToContainTextAsync("系统设置已保存");
            await Expect(sysadmin.Locator("#site-notice")).ToContainTextAsync(Notice);
            await Expect(sysadmin.Locator("#site-support")).ToContainTextAsync("0734-12345678");
            await journey.StepAsync(sysadmin, "settings-saved");

            await sysadmin.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "用户管理" }).ClickAsync();
            await sysadmin.Locator("#Input_UserName").FillAsync(userName);
            await sysadmin.Locator("#Input_DisplayName").FillAsync("评审处 周工");
            await sysadmin.Locator("#Input_Email").FillAsync(address);
            await sysadmin.Locator("#create-account button[type=submit]").ClickAsync();
            await Expect(sysadmin.Locator($"#accounts tr[data-user='{userName}'] .state")).ToHaveTextAsync("待本人设置密码");
            await journey.StepAsync(sysadmin, "account-opened");

            // 2. the 安全管理员: passwords of at least 12 characters, and the account's role
            var secadmin = await journey.PersonAsync("secadmin");
            await LoginPage.SignInAsync(secadmin, "secadmin", DemoData.Password);
            await secadmin.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "安全策略" }).ClickAsync();
            await secadmin.Locator("#f-MinimumLength").FillAsync("12");
            await secadmin.Locator("#policy-form button[type=submit]").ClickAsync();
            await Expect(secadmin.Locator("#message")).ToContainTextAsync("密码最短长度 8→12位");
            await journey.StepAsync(secadmin, "policy-stricter");
            await secadmin.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "角色与权限" }).ClickAsync();
            var row = secadmin.Locator($"#roles tr[data-user='{userName}']");
            await row.Locator("select[name=role]").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "市科技局" });
            await row.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "授予" }).ClickAsync();
            await Expect(secadmin.Locator($"#roles tr[data-user='{userName}']")).ToContainTextAsync("市科技局");
            await journey.StepAsync(secadmin, "role-granted");

            // 3. the officer: the mailed link, a password that the new rule refuses and one it takes, the second factor
            var mail = Assert.Single(await fixture.Server.MailsToAsync(address));
            var link = SetPasswordLink().Match(mail.TextBody ?? "").Value;
            Assert.NotEmpty(link);
            var officer = await journey.PersonAsync("officer");
            await new SitePage(officer).GoToAsync(link);
            await Expect(officer.Locator("#site-notice")).ToContainTextAsync(Notice);
            await officer.Locator("#Input_Password").FillAsync("Pingshen-25");
            await officer.Locator("#Input_ConfirmPassword").FillAsync("Pingshen-25");
            await officer.Locator("main form button[type=submit]").ClickAsync();
            await Expect(officer.Locator(".field-validation-error")).ToContainTextAsync("密码至少12位");
            await journey.StepAsync(officer, "password-too-short");
            await officer.Locator("#Input_Password").FillAsync("Pingshen-2025!zhou");
            await officer.Locator("#Input_ConfirmPassword").FillAsync("Pingshen-2025!zhou");
            await officer.Locator("main form button[type=submit]").ClickAsync();
            await Expect(officer.Locator("main .alert-success")).ToContainTextAsync("密码已设置");
            await new LoginPage(officer).SignInAsync(userName, "Pingshen-2025!zhou");
            await Expect(officer.Locator(SitePage.Selectors.SignedInName)).ToContainTextAsync("周工");
            await Expect(officer.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "形式审查" })).ToBeVisibleAsync();
            await Expect(officer.Locator("#site-support")).ToContainTextAsync("support@kjj.example");
            await journey.StepAsync(officer, "officer-signed-in");

            // 4. the 审计管理员 finds each administrator's change
            var auditor = await journey.PersonAsync("auditor");
            await LoginPage.SignInAsync(auditor, "auditadmin", DemoData.Password);
            await auditor.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "审计日志" }).ClickAsync();
            var rows = auditor.Locator("#audit-rows tbody tr");
            await Expect(rows.Filter(new() { HasText = "修改系统设置" }).First).ToContainTextAsync("sysadmin");
            await Expect(rows.Filter(new() { HasText = "修改安全策略" }).First).ToContainTextAsync("密码最短长度 8→12位");
            await Expect(rows.Filter(new() { HasText = "授予角色" }).First).ToContainTextAsync("secadmin");
            await journey.StepAsync(auditor, "audit-administrators");

            // 5. back to the defaults: the policy, then the notice
            await secadmin.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "安全策略" }).ClickAsync();
            await secadmin.Locator("#f-MinimumLength").FillAsync("8");
            await secadmin.Locator("#policy-form button[type=submit]").ClickAsync();
            await Expect(secadmin.Locator("#message")).ToContainTextAsync("密码最短长度 12→8位");
            await sysadmin.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "系统设置" }).ClickAsync();
            await sysadmin.Locator("#Input_Notice").FillAsync("");
            await sysadmin.Locator("#settings-form button[type=submit]").ClickAsync();
            await Expect(sysadmin.Locator("#message")).ToContainTextAsync("系统公告已清除");
            await Expect(sysadmin.Locator("#site-notice")).ToHaveCountAsync(0);
        });
}
