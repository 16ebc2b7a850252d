using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shenbao.BrowserTests.Pages;
using Shenbao.BrowserTests.Support;
using Shenbao.Data.Demo;
using Shenbao.Domain.Applications;
using static Microsoft.Playwright.Assertions;

namespace Shenbao.BrowserTests.Journeys;

/// <summary>
/// The issue's journey, in a real browser: an enterprise registers, the 推荐单位 of its district activates it, its
/// administrator declares it a 高新技术企业 in the profile, starts a 四（一）产学研合作 application, watches the live
/// check follow the paid amount, uploads the proofs, submits, and keeps the receipt.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed partial class FullSubmissionTests(BrowserFixture fixture)
{
    private const string District = "衡阳高新技术产业开发区";
    private const string Category = "iur-cooperation";

    [Fact]
    public Task An_enterprise_registers_is_activated_fills_its_profile_and_submits_an_iur_cooperation_application() =>
        Journey.RunAsync(fixture, "full-submission", async journey =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var suffix = TestData.Suffix();
            var organisation = new RegisterPage.Organisation(
                CreditCode: TestData.NewCreditCode(), Name: $"衡阳衡测智能装备有限公司{suffix}", Kind: "enterprise", District: District,
                ContactName: "周经理", ContactPhone: "0734-8881234", ContactEmail: $"contact{suffix}@hengce.example",
                UserName: $"hengce-{suffix}", DisplayName: "周经理（衡测智能）", Password: "Hengce-2025!secure");

            // 1. the enterprise registers; it waits for the 推荐单位 of its district
            var admin = await journey.PersonAsync("admin");
            var register = await new RegisterPage(admin).OpenAsync();
            await register.FillAsync(organisation);
            await journey.StepAsync(admin, "register-filled");
            await register.SubmitAsync();
            await Expect(register.Heading).ToHaveTextAsync("注册已提交");
            await Expect(register.RegisteredNotice).ToContainTextAsync($"{District}的推荐单位");
            await journey.StepAsync(admin, "registered");

            // before activation its administrator can sign in but not fill anything in
            var login = await new LoginPage(admin).OpenAsync();
            await journey.StepAsync(admin, "login");
            await login.SignInAsync(organisation.UserName, organisation.Password);
            Assert.Equal(403, await login.GoToAsync("/Organisation/Profile"));
            await Expect(login.Heading).ToHaveTextAsync("无权访问");
            await journey.StepAsync(admin, "pending-admin-denied");
            await login.SignOutAsync();

            // 2. the 推荐单位 of 高新区 first returns it with a reason…
            const string reason = "联系人请填写经办人全名，以便核对";
            var recommender = await journey.PersonAsync("recommender");
            await LoginPage.SignInAsync(recommender, "gaoxin-recommender", DemoData.Password);
            var organisations = await new RecommenderOrganisationsPage(recommender).OpenAsync();
            await Expect(organisations.PendingRow(organisation.Name)).ToContainTextAsync(organisation.CreditCode);
            await journey.StepAsync(recommender, "recommender-pending");
            Assert.Contains("修改后重新提交", await organisations.ReturnAsync(organisation.Name, reason), StringComparison.Ordinal);
            await Expect(organisations.ReturnedRow(organisation.Name)).ToContainTextAsync(reason);
            await journey.StepAsync(recommender, "recommender-returned");

            // …its administrator, signing in, lands on the registration with the reason, corrects it and resubmits…
            await LoginPage.SignInAsync(admin, organisation.UserName, organisation.Password);
            await admin.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Account/Registration");
            var registration = new RegistrationPage(admin);
            await Expect(registration.ReturnReason).ToHaveTextAsync(reason);
            await journey.StepAsync(admin, "registration-returned");
            await registration.FillAsync("ContactName", "周建国");
            await registration.SubmitAsync($"已重新提交，等待{District}的推荐单位审核激活");
            await Expect(registration.Status).ToContainTextAsync("等待审核");
            await journey.StepAsync(admin, "registration-resubmitted");
            await registration.SignOutAsync();

            // …and, seeing the correction with what it had asked, activates it
            await organisations.OpenAsync();
            await Expect(organisations.PendingRow(organisation.Name)).ToContainTextAsync("周建国");
            await Expect(organisations.PendingRow(organisation.Name).Locator(RecommenderOrganisationsPage.Selectors.ReturnedBefore)).ToContainTextAsync(reason);
            await journey.StepAsync(recommender, "recommender-resubmitted");
            // activation cannot be taken back: the browser asks first, and a "no" sends nothing
            await organisations.DeclineActivationAsync(organisation.Name);
            await Expect(organisations.PendingRow(organisation.Name)).ToContainTextAsync(organisation.CreditCode);
            Assert.Contains("此操作不能撤销", await organisations.ActivateAsync(organisation.Name), StringComparison.Ordinal);
            await Expect(organisations.ActiveRow(organisation.Name)).ToContainTextAsync(organisation.CreditCode);
            await Expect(organisations.PendingRow(organisation.Name)).ToHaveCountAsync(0);
            await journey.StepAsync(recommender, "recommender-activated");

            // 3. its administrator signs in again and declares the enterprise a 高新技术企业, with a proof
            await LoginPage.SignInAsync(admin, organisation.UserName, organisation.Password);
            var profile = await new ProfilePage(admin).OpenAsync();
            await Expect(profile.Main).ToContainTextAsync(organisation.CreditCode);
            await journey.StepAsync(admin, "profile-empty");
            await profile.FillHighTechEnterpriseAsync(
                employees: 120, certificateNo: "GR202543001234", validTo: today.AddYears(2),
                finance:
                [
                    new(2022, Output: 18_000_000, Revenue: 17_000_000, Tax: 500_000),
                    new(2023, Output: 21_000_000, Revenue: 20_000_000, Tax: 650_000),
                    new(2024, Output: 26_000_000, Revenue: 25_000_000, Tax: 900_000, Assets: 48_000_000),
                ]);
            await journey.ShotAsync(admin, "profile-filled");
            await profile.SaveAsync();
            await profile.UploadProofAsync("highTech", TestData.Pdf("高新技术企业证书.pdf"));
            await Expect(profile.Proofs("highTech")).ToContainTextAsync("高新技术企业证书.pdf");
            await journey.StepAsync(admin, "profile-saved-with-proof");

            // 3a. the guide asks a 高新技术企业 within the 科技型中小企业 standard to assess itself in the system: until it
            // has, the finder refuses the category, saying so
            var before = await new FinderPage(admin).OpenAsync();
            await Expect(before.Summary(Category)).ToHaveTextAsync("暂不符合");
            await Expect(before.Rule(Category, "tech-sme-self-assessment")).ToContainTextAsync("须在系统内完成2025年度自评");
            await journey.StepAsync(admin, "finder-before-self-assessment");
            var techSme = await new TechSmePage(admin).OpenAsync();
            await Expect(techSme.Conclusion).ToHaveTextAsync("信息不全，尚不能判断");
            await journey.StepAsync(admin, "tech-sme-empty");
            await techSme.RecordAsync();
            await Expect(techSme.Errors.First).ToContainTextAsync("自评尚未完成，未记录");
            await journey.StepAsync(admin, "tech-sme-refused-incomplete");
            await techSme.ChooseAsync("resident", yes: true);
            await techSme.ChooseAsync("industry", yes: false);
            await techSme.ChooseAsync("integrity", yes: false);
            await techSme.FillAsync("techStaff", "40");
            await techSme.FillAsync("rdExpense", "1,500,000");
            await techSme.FillAsync("costs", "20,000,000");
            await techSme.FillAsync("class1", "1");
            await techSme.FillAsync("class2", "3");
            await techSme.ChooseAsync("national-award", yes: false);
            await techSme.ChooseAsync("rd-institution", yes: true);
            await techSme.ChooseAsync("standard", yes: false);
            await techSme.AttachAsync("rd-institution", TestData.Pdf("省级工程技术研究中心认定文件.pdf"));
            await journey.ShotAsync(admin, "tech-sme-filled");
            await techSme.RecordAsync();
            await Expect(techSme.SuccessAlert).ToHaveTextAsync("已记录2025年度科技型中小企业自评：符合科技型中小企业标准（直接认定）");
            // 40 of 120 staff, 1.5 million of 25 million revenue (6%), an invention patent: 20 + 50 + 30
            await Expect(techSme.Indicator("staff")).ToContainTextAsync("科技人员 40 人，占职工总数 120 人的33.3%，不低于30%，得20分");
            await Expect(techSme.Page.Locator("#result .total")).ToHaveTextAsync("100分");
            await Expect(techSme.History).ToHaveCountAsync(1);
            await Expect(techSme.Page.Locator("[data-proof='rd-institution'] ul.proofs")).ToContainTextAsync("省级工程技术研究中心认定文件.pdf");
            await journey.StepAsync(admin, "tech-sme-recorded");

            // 4. the finder says 产学研合作 is open to it; it starts an application
            var finder = await new FinderPage(admin).OpenAsync();
            await Expect(finder.Summary(Category)).ToHaveTextAsync("可以申报");
            await journey.StepAsync(admin, "finder");
            var create = await finder.StartAsync(Category);
            await Expect(create.Category(Category)).ToBeCheckedAsync();
            await Expect(create.CategoryBadge(Category)).ToHaveTextAsync("可以申报");
            await journey.StepAsync(admin, "create");
            var form = await create.CreateAsync(Category);
            await Expect(form.Verdict).ToHaveTextAsync("暂不符合申报条件");
            await journey.StepAsync(admin, "form-new");

            // 5. the form: everything but the paid amount
            await form.FillAsync("project.title", "智能称重传感器数据平台产学研合作");
            await form.FillAsync("application.field", "电子信息");
            await form.FillAsync("project.period", "2026年1月—2027年12月");
            await form.FillAsync("application.leader.name", "周工");
            await form.ChooseAsync("application.leader.title", "senior");
            await form.ChooseAsync("application.tier", "general");
            await form.ChooseAsync("application.contract.counterpartyKind", "university");
            await form.FillAsync("project.contract.counterparty", "南华大学");
            await form.ChooseAsync("application.contract.type", "development");
            await form.FillAsync("application.contract.amount", "800000");
            await form.FillAsync("application.contract.signedOn", Iso(today.AddDays(-60)));
            await form.FillAsync("application.contract.effectiveOn", Iso(today.AddDays(-60)));
            await form.FillAsync("application.contract.endsOn", Iso(today.AddDays(500)));
            await form.YesNoAsync("application.contract.registered", yes: true);
            await form.FillAsync("application.contract.registrationNo", "2026430400001234");
            await form.YesNoAsync("application.contract.relatedParty", yes: false);
            await form.FillAsync("narrative.summary", "与南华大学合作开发称重传感器数据采集与分析平台，形成可推广的智能衡器物联网解决方案。");
            await form.FillAsync("narrative.budget.total", "1500000");
            await form.FillAsync("narrative.budget.requested", "300000");
            await form.FillAsync("narrative.team", "周工（项目负责人，正高级工程师）等6人");

            // the live check follows the paid amount: 10万 of 80万 is 12.5 %, below the guide's 20 %…
            await form.ChangeAndWaitForAutosaveAsync("application.contract.paid", "100000");
            await Expect(form.Rule("iur-payment")).ToHaveAttributeAsync("data-outcome", "fail");
            await Expect(form.RuleBadge("iur-payment")).ToHaveTextAsync("不符合");
            await Expect(form.Rule("iur-payment")).ToContainTextAsync("低于");
            await Expect(form.SaveStatus).ToContainTextAsync("已自动保存");
            await journey.StepAsync(admin, "live-check-paid-below-20-percent");

            // …and 20万 (25 %) meets it
            await form.ChangeAndWaitForAutosaveAsync("application.contract.paid", "200000");
            await Expect(form.Rule("iur-payment")).ToHaveAttributeAsync("data-outcome", "pass");
            await Expect(form.RuleBadge("iur-payment")).ToHaveTextAsync("符合");
            await Expect(form.Rule("iur-payment")).ToContainTextAsync("不低于");
            await journey.ShotAsync(admin, "live-check-paid-raised");

            // 6. the proofs the guide asks for (each upload reloads the form from what was saved); a change typed just
            // before 上传, inside the autosave's pause, is saved with the file, not lost
            await form.FillAsync("narrative.team", "周工（项目负责人，正高级工程师）等7人");
            foreach (var (type, file) in new[] { ("tech-contract", "技术合同.pdf"), ("contract-registration", "技术合同认定登记证明.pdf"), ("bank-receipt", "银行进账单.pdf"), ("invoice", "发票.pdf") })
            {
                await form.UploadAsync(type, TestData.Pdf(file));
                await Expect(form.AttachmentFiles(type)).ToHaveTextAsync(file);
            }
            await Expect(form.Field("application.contract.paid")).ToHaveValueAsync("200000");
            await Expect(form.Field("narrative.team")).ToHaveValueAsync("周工（项目负责人，正高级工程师）等7人");
            await Expect(form.Rule("iur-payment-proof")).ToHaveAttributeAsync("data-outcome", "pass");
            await Expect(form.Rule("iur-registration")).ToHaveAttributeAsync("data-outcome", "pass");
            await Expect(form.Verdict).ToHaveAttributeAsync("data-verdict", "eligible");
            await Expect(form.Completeness).ToContainTextAsync("100%");
            await journey.StepAsync(admin, "form-complete");

            // 7. submit, and the receipt
            var applicationId = form.Id;
            var submit = await form.CheckAndSubmitAsync();
            await Expect(submit.Passed).ToContainTextAsync("已通过提交前检查");
            await Expect(submit.Refusal).ToHaveCountAsync(0);
            await Expect(submit.SubmitButton).ToBeEnabledAsync();
            await journey.StepAsync(admin, "submit-check");
            var details = await submit.SubmitAsync();
            await Expect(details.SuccessAlert).ToContainTextAsync("提交成功");
            await Expect(details.Status).ToHaveTextAsync("已提交");
            await Expect(details.ReceiptNo).ToHaveTextAsync(ReceiptNumber());
            await Expect(details.ReceiptHash).ToHaveTextAsync(Sha256());
            await Expect(details.Timeline).ToHaveCountAsync(2);
            await journey.StepAsync(admin, "receipt");

            var stored = fixture.Server.Query(db => db.Applications.AsNoTracking().Single(a => a.Id == applicationId));
            Assert.Equal(ApplicationStatus.Submitted, stored.Status);
            Assert.Equal(stored.ReceiptNo, (await details.ReceiptNo.InnerTextAsync()).Trim());
            Assert.Equal(stored.ContentHash, (await details.ReceiptHash.InnerTextAsync()).Trim());
            // the receipt stands for the frozen snapshot: the profile's proofs are among the files it relies on
            var snapshot = fixture.Server.Query(db => db.Snapshots.AsNoTracking().Single(s => s.ApplicationId == applicationId)).ToSnapshot();
            Assert.Equal(stored.ContentHash, snapshot.Hash());
            Assert.Contains(snapshot.FileRefs, f => f.Purpose.StartsWith("proof:", StringComparison.Ordinal));
        });

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^HENGYANG-2025-\d{5}-1$")]
    private static partial Regex ReceiptNumber();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
