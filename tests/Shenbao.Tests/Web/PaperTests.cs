using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Shenbao.Tests.Web;

/// <summary>The application with its public address configured, as a deployment has it.</summary>
public sealed class PublicAddressApp : ShenbaoApp
{
    public const string PublicBaseUrl = "https://kjsb.hengyang.example";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Shenbao:PublicBaseUrl", PublicBaseUrl + "/");
    }
}

/// <summary>
/// The 申报书 PDF from the application pages (the applicant's and the officials'), read back with pdftotext and its QR
/// code decoded, and the public page the QR code leads to.
/// </summary>
public sealed class PaperTests(PublicAddressApp app) : IClassFixture<PublicAddressApp>
{
    private const string Submitted = "HENGYANG-2025-00003";   // 智衡's, 高新区, as submitted
    private const string Draft = "HENGYANG-2025-00001";       // 智衡's draft
    private const string Returned = "HENGYANG-2025-00006";    // 衡阳师范学院's, 珠晖区, returned for changes

    private (int Id, string Title, string ReceiptNo, string Hash, DateTimeOffset At) Receipt(string number)
    {
        using var db = app.Db();
        var application = db.Applications.AsNoTracking().Single(a => a.Number == number);
        var snapshot = db.Snapshots.AsNoTracking().Where(s => s.ApplicationId == application.Id).OrderByDescending(s => s.Id).First();
        return (application.Id, application.Title!, snapshot.ReceiptNo, snapshot.Hash, snapshot.SubmittedAt);
    }

    private int IdOf(string number)
    {
        using var db = app.Db();
        return db.Applications.AsNoTracking().Single(a => a.Number == number).Id;
    }

    private static async Task<HttpResponseMessage> GetAsync(Browser browser, string url, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (host is not null) request.Headers.Host = host;
        return await browser.Client.SendAsync(request);
    }

    [Fact]
    public async Task The_applicant_downloads_the_submission_as_frozen_with_a_QR_code_to_the_configured_address_whichever_served_host_was_asked()
    {
        var (id, title, receiptNo, hash, _) = Receipt(Submitted);
        var browser = await Browser.For(app).SignInAsync("zhiheng-leader");

        var response = await GetAsync(browser, $"/Applications/Details/{id}?handler=Pdf", host: "127.0.0.1");   // a host the site serves that is not the public one
        var pdf = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"申报书-{Submitted}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        var cover = PdfReading.Squeezed(PdfReading.Pages(pdf)[0]);
        Assert.Contains(title, cover, StringComparison.Ordinal);
        Assert.Contains(receiptNo, cover, StringComparison.Ordinal);
        Assert.Contains(hash, cover, StringComparison.Ordinal);
        Assert.Equal($"{PublicAddressApp.PublicBaseUrl}/Receipts/Verify?no={receiptNo}&hash={hash}", PdfReading.QrCode(pdf));
    }

    [Fact]
    public async Task A_draft_prints_with_its_live_check_and_a_watermark_on_every_page()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-leader");

        var response = await GetAsync(browser, $"/Applications/Details/{IdOf(Draft)}?handler=Pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var pages = PdfReading.Pages(pdf);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"申报书-{Draft}-草稿.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.All(pages, page => Assert.Contains("草稿", page, StringComparison.Ordinal));
        var text = PdfReading.Squeezed(string.Concat(pages));
        Assert.Contains("下列资格检查按打印时的单位信息和申报内容作出", text, StringComparison.Ordinal);
        Assert.Contains("【符合】", text, StringComparison.Ordinal);
        Assert.Null(PdfReading.QrCode(pdf));
    }

    [Fact]
    public async Task The_page_offers_the_download()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-leader");

        var page = await browser.GetAsync($"/Applications/Details/{IdOf(Submitted)}");

        Assert.Equal("?handler=Pdf", page.Document.GetElementById("paper-pdf")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("gaoxin-recommender", "/Recommender/Review/{0}?handler=Pdf")]
    [InlineData("bureau-officer", "/Bureau/Review/{0}?handler=Pdf")]
    public async Task The_officials_download_it_from_their_application_pages(string userName, string url)
    {
        var (id, title, receiptNo, hash, _) = Receipt(Submitted);
        var browser = await Browser.For(app).SignInAsync(userName);

        var response = await GetAsync(browser, string.Format(System.Globalization.CultureInfo.InvariantCulture, url, id));
        var pdf = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(title, PdfReading.Squeezed(PdfReading.Pages(pdf)[0]), StringComparison.Ordinal);
        Assert.Equal($"{PublicAddressApp.PublicBaseUrl}/Receipts/Verify?no={receiptNo}&hash={hash}", PdfReading.QrCode(pdf));
    }

    [Fact]
    public async Task The_bureau_prints_a_returned_application_as_last_submitted_not_the_revision_in_progress()
    {
        var (id, _, receiptNo, _, _) = Receipt(Returned);
        var browser = await Browser.For(app).SignInAsync("bureau-officer");

        var pages = PdfReading.Pages(await (await GetAsync(browser, $"/Bureau/Review/{id}?handler=Pdf")).Content.ReadAsByteArrayAsync());
        var text = PdfReading.Squeezed(string.Concat(pages));

        Assert.Contains(receiptNo, text, StringComparison.Ordinal);
        Assert.Contains("已退回修改：以下为上一次提交的内容", text, StringComparison.Ordinal);
        Assert.DoesNotContain("草稿", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hynu-admin", "/Applications/Details/{0}?handler=Pdf")]          // another organisation
    [InlineData("zhuhui-recommender", "/Recommender/Review/{0}?handler=Pdf")]    // another district
    public async Task Another_organisation_or_district_finds_no_such_application(string userName, string url)
    {
        var browser = await Browser.For(app).SignInAsync(userName);

        var response = await GetAsync(browser, string.Format(System.Globalization.CultureInfo.InvariantCulture, url, IdOf(Submitted)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Officials_do_not_print_a_draft()
    {
        var browser = await Browser.For(app).SignInAsync("bureau-officer");

        var response = await GetAsync(browser, $"/Bureau/Review/{IdOf(Draft)}?handler=Pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "/Account/Login")]
    [InlineData("expert-zhang", "/Account/Denied")]
    [InlineData("zhiheng-leader", "/Account/Denied")]
    public async Task Nobody_else_gets_the_officials_download(string? userName, string redirect)
    {
        var browser = userName is null ? Browser.For(app) : await Browser.For(app).SignInAsync(userName);

        var response = await GetAsync(browser, $"/Bureau/Review/{IdOf(Submitted)}?handler=Pdf");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost" + redirect, response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_QR_link_opens_without_signing_in_and_says_when_the_receipt_was_issued_and_nothing_of_the_content()
    {
        var (_, title, receiptNo, hash, at) = Receipt(Submitted);

        var page = await Browser.For(app).GetAsync($"/Receipts/Verify?no={receiptNo}&hash={hash}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var result = page.Document.GetElementById("verify-result")!;
        Assert.Equal("true", result.GetAttribute("data-found"));
        Assert.Contains(ChinaTime.Describe(at), result.TextContent, StringComparison.Ordinal);
        Assert.Contains(receiptNo, result.TextContent, StringComparison.Ordinal);
        foreach (var content in new[] { title, "衡阳智衡计量科技有限公司", "王工", "产学研合作" })
            Assert.DoesNotContain(content, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_hash_and_an_unknown_receipt_get_the_same_answer()
    {
        var (_, _, receiptNo, hash, _) = Receipt(Submitted);
        var changed = (hash[0] == 'a' ? "b" : "a") + hash[1..];
        var unknown = receiptNo[..^1] + "9";

        var wrongHash = await Browser.For(app).GetAsync($"/Receipts/Verify?no={receiptNo}&hash={changed}");
        var noSuchReceipt = await Browser.For(app).GetAsync($"/Receipts/Verify?no={unknown}&hash={hash}");

        Assert.Equal("false", wrongHash.Document.GetElementById("verify-result")!.GetAttribute("data-found"));
        Assert.Equal("false", noSuchReceipt.Document.GetElementById("verify-result")!.GetAttribute("data-found"));
        Assert.Equal(wrongHash.Document.GetElementById("verify-result")!.TextContent.Replace(receiptNo, "", StringComparison.Ordinal),
            noSuchReceipt.Document.GetElementById("verify-result")!.TextContent.Replace(unknown, "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("HENGYANG-2025-00003-1", "not-a-hash", "64 位 SHA-256")]
    [InlineData("", "ef17fb13c5aed67b8ef4fd7831855d6abf5bc5ce88e85b710217c60049e74029", "请填写回执号")]
    public async Task A_malformed_question_is_told_what_to_fix(string no, string hash, string message)
    {
        var page = await Browser.For(app).GetAsync($"/Receipts/Verify?no={Uri.EscapeDataString(no)}&hash={hash}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.Document.GetElementById("verify-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.GetElementById("verify-result"));
    }

    [Fact]
    public async Task A_hash_typed_in_capitals_verifies()
    {
        var (_, _, receiptNo, hash, _) = Receipt(Submitted);

        var page = await Browser.For(app).GetAsync($"/Receipts/Verify?no={receiptNo}&hash={hash.ToUpperInvariant()}");

        Assert.Equal("true", page.Document.GetElementById("verify-result")!.GetAttribute("data-found"));
    }
}
