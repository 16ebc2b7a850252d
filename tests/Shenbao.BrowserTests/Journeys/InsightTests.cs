using MiniExcelLibs;
using Shenbao.BrowserTests.Pages;
using Shenbao.BrowserTests.Support;
using Shenbao.Data.Demo;
using static Microsoft.Playwright.Assertions;

namespace Shenbao.BrowserTests.Journeys;

/// <summary>
/// Insight in chromium: the bureau reads the call's statistics (charts with their tables), runs a what-if that raises
/// the IUR payment share and sees the application it flips with the rule, exports that list, and compares the current
/// guide with a 2026 file it has just received.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class InsightTests(BrowserFixture fixture)
{
    [Fact]
    public Task The_bureau_reads_the_statistics_tries_a_threshold_and_compares_a_new_guide() =>
        Journey.RunAsync(fixture, "insight", async journey =>
        {
            var officer = await journey.PersonAsync("bureau");
            await LoginPage.SignInAsync(officer, "bureau-officer", DemoData.Password);

            // 1. the statistics: each figure drawn and tabled
            await officer.GotoAsync("/Bureau/Statistics");
            await Expect(officer.Locator("#by-category svg[role=img]")).ToBeVisibleAsync();
            await Expect(officer.Locator("#by-category .figure-table")).ToContainTextAsync("二、重点研发");
            await Expect(officer.Locator("#per-day svg")).ToBeVisibleAsync();
            await journey.StepAsync(officer, "statistics");

            // 2. what if the IUR contract had to be half paid?
            await officer.GotoAsync("/Bureau/WhatIf");
            await officer.Locator("#path-0").SelectOptionAsync("iur-cooperation.iur-payment.minimum");
            await officer.Locator("#value-0").FillAsync("0.5");
            await journey.StepAsync(officer, "whatif-form");
            await officer.Locator("#whatif-form button[type=submit]").ClickAsync();
            await Expect(officer.Locator("#whatif-counts")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var flipped = officer.Locator("#whatif-changes tr[data-number='HENGYANG-2025-00003']");
            await Expect(flipped).ToContainTextAsync("合同支付比例（iur-payment）");
            await Expect(officer.Locator("#whatif-counts tr[data-category='iur-cooperation'] td").Nth(5)).ToHaveTextAsync("1");
            await journey.StepAsync(officer, "whatif-result");
            var download = await officer.RunAndWaitForDownloadAsync(() => officer.Locator("#whatif-export").ClickAsync());
            var sheet = Path.Combine(journey.Folder, "whatif.xlsx");
            await download.SaveAsAsync(sheet);
            var rows = MiniExcel.Query(sheet, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal("HENGYANG-2025-00003", Assert.Single(rows)["申报编号"]);

            // 3. the 2026 guide arrives: what changed?
            var received = Path.Combine(journey.Folder, "hengyang-2026.yaml");
            await File.WriteAllTextAsync(received, (await File.ReadAllTextAsync(Path.Combine(Repository.Guides, "hengyang-2025.yaml")))
                .Replace("year: 2025", "year: 2026", StringComparison.Ordinal).Replace("        minimum: 0.2\n", "        minimum: 0.3\n", StringComparison.Ordinal));
            await officer.GotoAsync("/Bureau/GuideDiff");
            await officer.Locator("#file").SetInputFilesAsync(received);
            await officer.Locator("#diff-upload button[type=submit]").ClickAsync();
            await Expect(officer.Locator("#diff-total")).ToContainTextAsync("共 2 处变化");
            await Expect(officer.Locator(".diff-area[data-area='参数']")).ToContainTextAsync("合同支付比例");
            await journey.StepAsync(officer, "guide-diff");
        });
}
