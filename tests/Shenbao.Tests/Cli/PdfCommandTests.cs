using Microsoft.EntityFrameworkCore;

namespace Shenbao.Tests.Cli;

/// <summary>pdf --application NUMBER --out FILE on the demo database: the same 申报书 the pages download, read back.</summary>
public sealed class PdfCommandTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    [Fact]
    public void A_submitted_application_prints_from_its_frozen_submission_with_the_QR_code_to_the_given_address()
    {
        using var db = demo.Open();
        var application = db.Applications.AsNoTracking().Single(a => a.Number == "HENGYANG-2025-00003");
        var snapshot = db.Snapshots.AsNoTracking().Single(s => s.ApplicationId == application.Id);
        var file = demo.File("submitted.pdf");

        var run = CliRunner.Invoke("pdf", "--db", demo.Path, "--application", application.Number, "--out", file, "--base-url", "https://kjsb.example.cn");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(snapshot.ReceiptNo, run.Output, StringComparison.Ordinal);
        var pdf = File.ReadAllBytes(file);
        var pages = PdfReading.Pages(pdf);
        Assert.Contains(application.Title!, PdfReading.Squeezed(pages[0]), StringComparison.Ordinal);
        Assert.Contains("回执摘要（SHA-256）：" + snapshot.Hash, PdfReading.Squeezed(string.Concat(pages)), StringComparison.Ordinal);
        Assert.Equal($"https://kjsb.example.cn/Receipts/Verify?no={snapshot.ReceiptNo}&hash={snapshot.Hash}", PdfReading.QrCode(pdf));
    }

    [Fact]
    public void A_draft_prints_watermarked_with_its_rules_left_to_the_live_check()
    {
        var file = demo.File("draft.pdf");

        var run = CliRunner.Invoke("pdf", "--db", demo.Path, "--application", "HENGYANG-2025-00001", "--out", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("（草稿）", run.Output, StringComparison.Ordinal);
        var pages = PdfReading.Pages(File.ReadAllBytes(file));
        Assert.All(pages, page => Assert.Contains("草稿", page, StringComparison.Ordinal));
        Assert.Contains("草稿未作资格检查", PdfReading.Squeezed(string.Concat(pages)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HENGYANG-2025-99999", "--base-url", "https://kjsb.example.cn", "没有编号为“HENGYANG-2025-99999”的申报书")]
    [InlineData("HENGYANG-2025-00003", "--base-url", "kjsb.example.cn", "不是 http(s) 站点地址")]
    [InlineData("HENGYANG-2025-00003", "--font", "/nonexistent/font.ttc", "fonts-wqy-zenhei")]
    public void A_wrong_number_address_or_font_writes_nothing_and_says_what_to_fix(string number, string option, string value, string message)
    {
        var file = demo.File($"refused-{Guid.NewGuid():N}.pdf");

        var run = CliRunner.Invoke("pdf", "--db", demo.Path, "--application", number, "--out", file, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }
}
