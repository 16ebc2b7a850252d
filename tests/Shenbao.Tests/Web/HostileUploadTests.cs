using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Shenbao.Tests.Files;

namespace Shenbao.Tests.Web;

/// <summary>
/// The hostile corpus sent as a browser sends it, with the real clamd scanning: each file refused beside its upload in
/// words, nothing stored — no row, no file; the genuine files stored and handed back as attachments under a sandbox.
/// </summary>
public sealed class HostileUploadTests(ScannedApp app) : IClassFixture<ScannedApp>
{
    public static TheoryData<string> Hostile => [.. HostileCorpus.All.Select(f => f.Id)];

    public static TheoryData<string> Genuine => HostileCorpus.GenuineNames;

    private static Task<Browser.Page> UploadAsync(Browser browser, string fileName, byte[] content, string group = "finance") =>
        FileStoreTests.UploadAsync(browser, group, fileName, content);

    private string FilesRoot => Path.Combine(app.DataPath, "files");

    private int StoredFileCount() => Directory.Exists(FilesRoot) ? Directory.GetFiles(FilesRoot, "*", SearchOption.AllDirectories).Length : 0;

    private int ProofCount()
    {
        using var db = app.Db();
        var organisation = db.Organisations.AsNoTracking().Single(o => o.Name == "衡阳智衡计量科技有限公司").Id;
        return db.Attachments.AsNoTracking().Count(a => a.OrganisationId == organisation);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Each_hostile_file_is_refused_in_words_and_nothing_is_stored(string id)
    {
        var file = HostileCorpus.Named(id);
        var content = file.Content();
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var (files, proofs) = (StoredFileCount(), ProofCount());

        var result = await UploadAsync(browser, file.FileName, content);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var error = result.Document.QuerySelector("#finance .upload-error")?.TextContent ?? "";
        // (an empty part is what a browser sends when no file was chosen: the page asks for one)
        Assert.Contains(id == "empty" ? "请选择要上传的文件" : file.Refusal, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', result.Document.Body!.TextContent);
        Assert.Equal((files, proofs), (StoredFileCount(), ProofCount()));
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        Assert.False(File.Exists(Path.Combine(FilesRoot, sha[..2], sha)));
    }

    [Theory]
    [MemberData(nameof(Genuine))]
    public async Task Each_genuine_file_is_stored_and_handed_back_exactly_as_an_attachment_under_a_sandbox(string name)
    {
        var content = File.ReadAllBytes(Path.Combine(Paths.GenuineFiles, name));
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");

        var result = await UploadAsync(browser, name, content, group: "platforms");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        using var db = app.Db();
        var proof = db.Attachments.AsNoTracking().First(a => a.Sha256 == sha);
        Assert.Equal(name, proof.FileName);
        using var download = await browser.Client.GetAsync(new Uri($"/Files/{proof.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var csp = string.Join(";", download.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("sandbox", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_keep_their_own_policy_beside_the_downloads_sandbox()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");

        var page = await browser.GetAsync("/Organisation/Profile");

        var csp = string.Join(";", page.Response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("sandbox", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_scanner_down_an_upload_is_held_not_let_through()
    {
        using var down = app.WithWebHostBuilder(b => b.UseSetting("Shenbao:ClamAv:Socket", Path.Combine(app.DataPath, "no-clamd.sock")));
        var browser = await new Browser(down.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })).SignInAsync("zhiheng-admin");
        var content = HostileCorpus.Pdf("/Lang (zh-CN-" + Guid.NewGuid().ToString("N") + ")");
        var (files, proofs) = (StoredFileCount(), ProofCount());

        var result = await UploadAsync(browser, "审计报告.pdf", content);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("病毒扫描服务暂时不可用，为安全起见文件“审计报告.pdf”未保存", result.Document.QuerySelector("#finance .upload-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal((files, proofs), (StoredFileCount(), ProofCount()));
    }

    [Fact]
    public async Task A_stored_file_changed_on_disk_is_not_handed_out()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var content = HostileCorpus.Pdf("/Lang (zh-CN-" + Guid.NewGuid().ToString("N") + ")");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(browser, "审计报告.pdf", content)).Status);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        int id;
        using (var db = app.Db()) id = db.Attachments.AsNoTracking().Single(a => a.Sha256 == sha).Id;
        await File.WriteAllBytesAsync(Path.Combine(FilesRoot, sha[..2], sha), HostileCorpus.Pdf("/OpenAction << /S /JavaScript /JS (x) >>"));

        using var download = await browser.Client.GetAsync(new Uri($"/Files/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, download.StatusCode);
        Assert.DoesNotContain("JavaScript", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Attachment {id}: the stored file no longer hashes", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rtl-override")]
    [InlineData("name-of-300")]
    [InlineData("double-extension")]
    public async Task The_application_editor_refuses_the_same_names_in_the_same_words(string id)
    {
        var file = HostileCorpus.Named(id);
        var (browser, applicationId) = await BasicResearch.DraftAsync(app);
        var page = await browser.GetAsync($"/Applications/Edit/{applicationId}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Browser.Token(page)), "__RequestVerificationToken" },
            { new StringContent("platform-approval"), "purpose" },
        };
        var upload = new ByteArrayContent(file.Content());
        upload.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = file.FileName };
        form.Add(upload);

        using var response = await browser.Client.PostAsync(new Uri($"/Applications/Edit/{applicationId}?handler=Upload", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(file.Refusal, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var db = app.Db();
        Assert.Empty(db.Attachments.AsNoTracking().Where(a => a.ApplicationId == applicationId));
    }
}

/// <summary>On Kestrel itself: a body declared larger than the page allows is answered before a byte of it is sent.</summary>
public sealed class UploadBodyLimitOnKestrelTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    [Theory]
    [InlineData("/Organisation/Profile?handler=Upload", 200L * 1024 * 1024, "413")]   // over the uploads' limit (4 × 20 MB + 1 MB)
    [InlineData("/Account/Login", 3L * 1024 * 1024, "413")]                           // over the 2 MB of a page without files
    [InlineData("/Organisation/Profile?handler=Upload", 60L * 1024 * 1024, "302")]    // within it: the sign-in is asked for as usual
    public async Task A_declared_length_over_the_pages_limit_is_refused_before_the_body_is_sent(string path, long declared, string status)
    {
        var address = app.Address;
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();

        // the head only: a server that waited for the body would not answer within the timeout
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {declared}\r\n\r\n"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, timeout.Token);

        var head = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        Assert.StartsWith($"HTTP/1.1 {status}", head, StringComparison.Ordinal);
    }
}
