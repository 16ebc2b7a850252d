using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shenbao.BrowserTests.Pages;
using Shenbao.BrowserTests.Support;
using Shenbao.Data.Demo;
using static Microsoft.Playwright.Assertions;

namespace Shenbao.BrowserTests.Journeys;

/// <summary>
/// Documents in chromium: the bureau imports the HTE list and formal review flags the certificate it lists under
/// another credit code; the bureau exports its filtered list to Excel; the applicant downloads its 申报书 PDF; a visitor
/// opens the link its QR code holds and is told only that the receipt is genuine and when it was issued.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class DocumentsTests(BrowserFixture fixture)
{
    private const string Title = "智能衡器物联网平台产学研合作";

    [Fact]
    public Task An_official_list_flags_a_claim_a_list_exports_and_the_申报书_verifies() =>
        Journey.RunAsync(fixture, "documents", async journey =>
        {
            var (id, receiptNo, hash) = fixture.Server.Query(db =>
            {
                var application = db.Applications.AsNoTracking().Single(a => a.Title == Title);
                var snapshot = db.Snapshots.AsNoTracking().Where(s => s.ApplicationId == application.Id).OrderByDescending(s => s.Id).First();
                return (application.Id, snapshot.ReceiptNo, snapshot.Hash);
            });
            var files = Path.Combine(journey.Folder, "files");
            Directory.CreateDirectory(files);

            // 1. the bureau imports the HTE list; it lists the applicant's certificate under another credit code
            var officer = await journey.PersonAsync("bureau");
            await LoginPage.SignInAsync(officer, "bureau-officer", DemoData.Password);
            var bureau = new OfficialPages(officer);
            await officer.GotoAsync("/Bureau/Lists");
            var list = Path.Combine(files, "高新技术企业名单.xlsx");
            MiniExcel.SaveAs(list, new[]
            {
                new Dictionary<string, object?> { ["证书编号"] = "GR202443000321", ["企业名称"] = "衡阳新材科技有限公司", ["统一社会信用代码"] = "91430400MA4L0X0X1H", ["发证日期"] = "2024-12-01", ["有效期至"] = "2027-11-30" },
            });
            await officer.Locator("#file-HteCertificates").SetInputFilesAsync(list);
            await bureau.PostAsync(officer.Locator("#import-HteCertificates button[type=submit]"));
            await Expect(bureau.Message).ToContainTextAsync("已导入高新技术企业名单第");
            await journey.StepAsync(officer, "lists");

            // 2. formal review shows the mismatch, citing the list and its version
            await officer.GotoAsync($"/Bureau/Review/{id}");
            await Expect(officer.Locator("#list-checks li[data-flagged=true]")).ToContainTextAsync("登记于统一社会信用代码 91430400MA4L0X0X1H");
            await journey.StepAsync(officer, "review-list-check");

            // 3. the filtered list exports to Excel, every row of the filter
            await officer.GotoAsync("/Bureau/Applications?category=iur-cooperation");
            var total = int.Parse(await officer.Locator("#total").TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            var export = await officer.RunAndWaitForDownloadAsync(() => officer.Locator("#export-applications").ClickAsync());
            var sheet = Path.Combine(journey.Folder, "formal-review.xlsx");
            await export.SaveAsAsync(sheet);
            Assert.Equal(total, MiniExcel.Query(sheet, useHeaderRow: true).Count());

            // 4. the applicant downloads its 申报书
            var applicant = await journey.PersonAsync("applicant");
            await LoginPage.SignInAsync(applicant, "zhiheng-leader", DemoData.Password);
            await applicant.GotoAsync($"/Applications/Details/{id}");
            await journey.StepAsync(applicant, "details-with-pdf");
            var download = await applicant.RunAndWaitForDownloadAsync(() => applicant.Locator("#paper-pdf").ClickAsync());
            var pdf = Path.Combine(journey.Folder, "申报书.pdf");
            await download.SaveAsAsync(pdf);
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 4));

            // 5. a visitor opens the QR code's link: the receipt is genuine, and nothing of the application is shown
            var visitor = await journey.PersonAsync("visitor");
            await visitor.GotoAsync($"/Receipts/Verify?no={receiptNo}&hash={hash}");
            await Expect(visitor.Locator("#verify-result[data-found=true]")).ToContainTextAsync("核验通过");
            await Expect(visitor.Locator("main")).Not.ToContainTextAsync(Title);
            await journey.StepAsync(visitor, "verify");
        });
}
