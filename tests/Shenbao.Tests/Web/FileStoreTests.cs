using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shenbao.Tests.Domain;

namespace Shenbao.Tests.Web;

/// <summary>Proof documents: uploaded on the profile page, stored by content, downloaded by their own organisation only.</summary>
public sealed class FileStoreTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Posts a file to a fact group's upload form, as the browser does (multipart, with the page's antiforgery token).</summary>
    public static async Task<Browser.Page> UploadAsync(Browser browser, string group, string fileName, byte[] content)
    {
        var page = await browser.GetAsync("/Organisation/Profile");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(Browser.Token(page)), "__RequestVerificationToken");
        form.Add(new StringContent(group), "group");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // the name as UTF-8 (filename*), so that any character, a control character included, arrives as it was
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        form.Add(file);
        var response = await browser.Client.PostAsync(new Uri("/Organisation/Profile?handler=Upload", UriKind.Relative), form);
        return new Browser.Page(response.StatusCode, Parser.ParseDocument(await response.Content.ReadAsStringAsync()), response);
    }

    private string StoredPath(byte[] content)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        return Path.Combine(app.Services.GetRequiredService<IConfiguration>()["Shenbao:DataPath"]!, "files", sha[..2], sha);
    }

    private static byte[] UniquePdf() => FileKindsTests.Pdf(Guid.NewGuid().ToString("N"));

    private List<Shenbao.Data.Attachment> Proofs(string sha) =>
        app.Db().Attachments.AsNoTracking().Where(a => a.Sha256 == sha).ToList();

    [Fact]
    public async Task A_pdf_proof_is_stored_under_its_sha256_recorded_and_listed_with_a_download_link()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var pdf = UniquePdf();

        var result = await UploadAsync(browser, "highTech", "高新技术企业证书.pdf", pdf);

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.EndsWith("#highTech", result.Location, StringComparison.Ordinal);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(StoredPath(pdf)));
        var proof = Assert.Single(Proofs(Path.GetFileName(StoredPath(pdf))));
        Assert.Equal(("proof:highTech", "高新技术企业证书.pdf", "application/pdf", (long)pdf.Length, (int?)null, "李经理（衡阳智衡计量科技有限公司）"),
            (proof.Purpose, proof.FileName, proof.ContentType, proof.Size, proof.ApplicationId, proof.UploadedBy));
        // stored to the millisecond (SQLite keeps DateTimeOffset as binary)
        Assert.InRange(proof.UploadedAt, app.Clock.Now.AddMilliseconds(-1), app.Clock.Now.AddMilliseconds(1));
        var page = await browser.GetAsync("/Organisation/Profile");
        Assert.Contains("已上传“高新技术企业证书.pdf”", page.Text, StringComparison.Ordinal);
        var link = page.Document.QuerySelector($"#highTech a[href='/Files/{proof.Id}']");
        Assert.Equal("高新技术企业证书.pdf", link?.TextContent);
    }

    [Fact]
    public async Task The_same_content_uploaded_twice_is_stored_once()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var pdf = UniquePdf();

        await UploadAsync(browser, "finance", "2024年度审计报告.pdf", pdf);
        var again = await UploadAsync(browser, "finance", "审计报告（副本）.pdf", pdf);

        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(StoredPath(pdf))!, Path.GetFileName(StoredPath(pdf)) + "*"));
        Assert.Single(Proofs(Path.GetFileName(StoredPath(pdf))));
        Assert.Contains("已上传过，未重复保存", (await browser.GetAsync("/Organisation/Profile")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_executable_renamed_pdf_is_refused_beside_its_upload()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var exe = FileKindsTests.Exe();

        var result = await UploadAsync(browser, "ipDispute", "声明.pdf", exe);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("文件“声明.pdf”的内容不是 PDF、JPG、PNG、OFD 文件，请上传这几种格式的文件", result.Document.QuerySelector("#ipDispute .upload-error")?.TextContent);
        Assert.False(File.Exists(StoredPath(exe)));
        Assert.Empty(Proofs(Path.GetFileName(StoredPath(exe))));
        // the profile is shown as stored, not emptied by the upload's post
        Assert.Equal("186", result.Document.QuerySelector("input[name='Input.Employees']")?.GetAttribute("value"));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var store = app.Services.GetRequiredService<Shenbao.Web.Files.FileStore>();
        var big = new byte[store.MaxBytes + 1];
        FileKindsTests.Pdf().CopyTo(big, 0);

        var result = await UploadAsync(browser, "finance", "扫描件.pdf", big);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains($"文件“扫描件.pdf”超过 {store.MaxDescription} 的上限", result.Document.QuerySelector("#finance .upload-error")?.TextContent, StringComparison.Ordinal);
        Assert.False(File.Exists(StoredPath(big)));
    }

    [Fact]
    public async Task A_real_ofd_is_accepted_and_a_zip_without_ofd_xml_is_refused()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var ofd = FileKindsTests.Zip("OFD.xml", $"Doc_0/{Guid.NewGuid():N}.xml");
        var zip = FileKindsTests.Zip("word/document.xml", $"{Guid.NewGuid():N}.xml");

        var accepted = await UploadAsync(browser, "platforms", "平台批文.ofd", ofd);
        var refused = await UploadAsync(browser, "platforms", "平台批文.ofd", zip);

        Assert.Equal(HttpStatusCode.Redirect, accepted.Status);
        Assert.Equal("application/ofd", Assert.Single(Proofs(Path.GetFileName(StoredPath(ofd)))).ContentType);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("的内容不是 PDF、JPG、PNG、OFD 文件", refused.Document.QuerySelector("#platforms .upload-error")?.TextContent, StringComparison.Ordinal);
        Assert.False(File.Exists(StoredPath(zip)));
    }

    /// <summary>The whole profile form as the browser sends it when 上传 is clicked: every field, and the group's file.</summary>
    private static async Task<Browser.Page> UploadWithFormAsync(Browser browser, string group, string fileName, byte[] content, Dictionary<string, string> edits)
    {
        var page = await browser.GetAsync("/Organisation/Profile");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in page.Document.QuerySelector("form#profile")!.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            if (element.GetAttribute("type") is "file" or "submit") continue;
            if (element.GetAttribute("type") is "checkbox" && !element.HasAttribute("checked")) continue;
            var value = element is AngleSharp.Html.Dom.IHtmlSelectElement select ? select.Value ?? "" : element.GetAttribute("value") ?? element.TextContent;
            if (!edits.ContainsKey(name)) fields.Add(new(name, value));
        }
        fields.AddRange(edits);
        return await browser.PostMultipartAsync($"/Organisation/Profile?handler=Upload&group={group}", fields, [($"file-{group}", fileName, content)]);
    }

    [Fact]
    public async Task An_upload_saves_the_edits_typed_elsewhere_on_the_page_with_the_file()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var pdf = UniquePdf();

        var result = await UploadWithFormAsync(browser, "finance", "2024年度审计报告（含附注）.pdf", pdf, new() { ["Input.Employees"] = "188" });

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Single(Proofs(Path.GetFileName(StoredPath(pdf))));
        using var db = app.Db();
        var profile = System.Text.Json.Nodes.JsonNode.Parse(db.Organisations.AsNoTracking().Single(o => o.Name == "衡阳智衡计量科技有限公司").ProfileJson)!;
        Assert.Equal(188, profile["employees"]!.GetValue<int>());
        Assert.Contains("单位信息已保存；已上传", (await browser.FollowAsync(result)).Text, StringComparison.Ordinal);
        await UploadWithFormAsync(browser, "finance", "2024年度审计报告（含附注）.pdf", pdf, new() { ["Input.Employees"] = "186" });
    }

    [Fact]
    public async Task A_file_chosen_and_then_the_profile_saved_is_uploaded_with_the_edits_not_dropped()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var pdf = UniquePdf();
        var page = await browser.GetAsync("/Organisation/Profile");

        var saved = await browser.PostMultipartAsync("/Organisation/Profile", ProfileFields(page), [("file-platforms", "平台认定文件.pdf", pdf)]);

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal("proof:platforms", Assert.Single(Proofs(Path.GetFileName(StoredPath(pdf)))).Purpose);
        Assert.Contains("单位信息已保存；已上传“平台认定文件.pdf”", (await browser.FollowAsync(saved)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_in_one_group_takes_the_files_chosen_in_the_others_too()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var (audit, platform) = (UniquePdf(), UniquePdf());
        var page = await browser.GetAsync("/Organisation/Profile");

        var result = await browser.PostMultipartAsync("/Organisation/Profile?handler=Upload&group=finance", ProfileFields(page),
            [("file-finance", "审计报告.pdf", audit), ("file-platforms", "平台认定文件.pdf", platform)]);

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("proof:finance", Assert.Single(Proofs(Path.GetFileName(StoredPath(audit)))).Purpose);
        Assert.Equal("proof:platforms", Assert.Single(Proofs(Path.GetFileName(StoredPath(platform)))).Purpose);
        Assert.Contains("已上传“审计报告.pdf”“平台认定文件.pdf”", (await browser.FollowAsync(result)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_file_in_another_group_stops_the_upload_and_says_so_beside_that_group()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var audit = UniquePdf();
        var page = await browser.GetAsync("/Organisation/Profile");

        var result = await browser.PostMultipartAsync("/Organisation/Profile?handler=Upload&group=finance", ProfileFields(page),
            [("file-finance", "审计报告.pdf", audit), ("file-platforms", "平台.pdf", "这不是PDF"u8.ToArray())]);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Empty(Proofs(Path.GetFileName(StoredPath(audit))));
        Assert.Contains("本次的修改和选择的文件都未保存", result.Document.QuerySelector("#platforms .upload-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_with_an_edit_that_does_not_read_saves_neither_and_keeps_both_on_the_page()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var pdf = UniquePdf();

        var result = await UploadWithFormAsync(browser, "finance", "审计报告.pdf", pdf, new() { ["Input.Employees"] = "很多" });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Empty(Proofs(Path.GetFileName(StoredPath(pdf))));
        Assert.Equal("很多", result.Document.QuerySelector("[name='Input.Employees']")!.GetAttribute("value"));
        Assert.Contains("文件未上传", result.Document.QuerySelector("#finance .upload-error")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The profile form's fields as the browser would post them (no files).</summary>
    private static List<KeyValuePair<string, string>> ProfileFields(Browser.Page page) =>
        page.Document.QuerySelector("form#profile")!.QuerySelectorAll("input[name], select[name], textarea[name]")
            .Where(e => e.GetAttribute("type") is not ("file" or "submit") && (e.GetAttribute("type") != "checkbox" || e.HasAttribute("checked")))
            .Select(e => new KeyValuePair<string, string>(e.GetAttribute("name")!, e is AngleSharp.Html.Dom.IHtmlSelectElement select ? select.Value ?? "" : e.GetAttribute("value") ?? e.TextContent))
            .ToList();

    [Fact]
    public async Task A_proof_nothing_relies_on_is_removed_with_its_row_audited_and_its_content_kept()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var pdf = UniquePdf();
        await UploadAsync(admin, "iurSpending", "产学研合作支出明细（旧）.pdf", pdf);
        var proof = Assert.Single(Proofs(Path.GetFileName(StoredPath(pdf))));
        var page = await admin.GetAsync("/Organisation/Profile");
        Assert.NotNull(page.Document.QuerySelector($"li[data-proof='{proof.Id}'] button.remove-proof"));

        var removed = await admin.PostAsync($"/Organisation/Profile?handler=Remove&proofId={proof.Id}", ProfileFields(page));

        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Empty(Proofs(Path.GetFileName(StoredPath(pdf))));
        Assert.True(File.Exists(StoredPath(pdf)));   // a snapshot that listed it would still verify
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == Shenbao.Domain.Audit.AuditAction.RemoveFile && r.Details!.Contains(proof.Sha256, StringComparison.Ordinal));
        Assert.Contains("已删除“产学研合作支出明细（旧）.pdf”", (await admin.FollowAsync(removed)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proof_a_submitted_application_relies_on_cannot_be_removed()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        using var db = app.Db();
        var certificate = db.Attachments.AsNoTracking().First(a => a.Purpose == "proof:highTech" && a.FileName == "高新技术企业证书.pdf" && a.ApplicationId == null);
        var page = await admin.GetAsync("/Organisation/Profile");
        Assert.Null(page.Document.QuerySelector($"li[data-proof='{certificate.Id}'] button.remove-proof"));
        Assert.Contains("不能删除", page.Document.QuerySelector($"li[data-proof='{certificate.Id}']")!.TextContent, StringComparison.Ordinal);

        var refused = await admin.PostAsync($"/Organisation/Profile?handler=Remove&proofId={certificate.Id}", ProfileFields(page));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("以它为证明材料", refused.Document.QuerySelector("#highTech .upload-error")!.TextContent, StringComparison.Ordinal);
        Assert.True(app.Db().Attachments.Any(a => a.Id == certificate.Id));
    }

    [Fact]
    public async Task The_self_assessments_proofs_are_not_removed_from_the_profile_and_a_body_that_is_no_form_is_refused()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        using var db = app.Db();
        var registration = db.Attachments.AsNoTracking().First(a => a.Purpose.StartsWith("proof:techSme"));
        var page = await admin.GetAsync("/Organisation/Profile");

        var removed = await admin.PostAsync($"/Organisation/Profile?handler=Remove&proofId={registration.Id}", ProfileFields(page));
        using var text = new StringContent("not a form", System.Text.Encoding.UTF8, "text/plain");
        text.Headers.Add("RequestVerificationToken", Browser.Token(page));
        var upload = await admin.Client.PostAsync(new Uri("/Organisation/Profile?handler=Upload&group=finance", UriKind.Relative), text);

        Assert.Equal(HttpStatusCode.NotFound, removed.Status);
        Assert.True(app.Db().Attachments.Any(a => a.Id == registration.Id));
        Assert.True((int)upload.StatusCode is >= 400 and < 500, $"answered {upload.StatusCode}");
    }

    [Fact]
    public async Task A_project_leader_cannot_remove_a_proof()
    {
        var leader = await Browser.For(app).SignInAsync("zhiheng-leader");
        using var db = app.Db();
        var proof = db.Attachments.AsNoTracking().First(a => a.ApplicationId == null && a.Purpose.StartsWith("proof:"));
        var page = await leader.GetAsync("/Organisation/Profile");

        var refused = await leader.PostAsync($"/Organisation/Profile?handler=Remove&proofId={proof.Id}", [new("__RequestVerificationToken", Browser.Token(page))]);

        Assert.StartsWith("http://localhost/Account/Denied", refused.Location, StringComparison.Ordinal);
        Assert.True(app.Db().Attachments.Any(a => a.Id == proof.Id));
    }

    [Fact]
    public async Task An_upload_without_a_file_asks_for_one()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var page = await browser.GetAsync("/Organisation/Profile");
        using var form = new MultipartFormDataContent { { new StringContent(Browser.Token(page)), "__RequestVerificationToken" }, { new StringContent("highTech"), "group" } };

        var response = await browser.Client.PostAsync(new Uri("/Organisation/Profile?handler=Upload", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请选择要上传的文件", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_leader_cannot_upload()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-leader");
        var pdf = UniquePdf();

        var result = await UploadAsync(browser, "finance", "审计报告.pdf", pdf);

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.StartsWith("http://localhost/Account/Denied", result.Location, StringComparison.Ordinal);
        Assert.Empty(Proofs(Path.GetFileName(StoredPath(pdf))));
    }

    [Fact]
    public async Task The_own_organisation_downloads_the_exact_bytes_under_its_chinese_name()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var pdf = UniquePdf();
        await UploadAsync(admin, "highTech", "高新技术企业证书（2024年复审）.pdf", pdf);
        var id = Assert.Single(Proofs(Path.GetFileName(StoredPath(pdf)))).Id;
        var leader = await Browser.For(app).SignInAsync("zhiheng-leader");

        using var response = await leader.Client.GetAsync(new Uri($"/Files/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("高新技术企业证书（2024年复审）.pdf", Uri.UnescapeDataString(disposition.FileNameStar!));
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Another_organisations_file_is_not_found_and_an_anonymous_visitor_must_sign_in()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var pdf = UniquePdf();
        await UploadAsync(admin, "finance", "审计报告.pdf", pdf);
        var id = Assert.Single(Proofs(Path.GetFileName(StoredPath(pdf)))).Id;

        var stranger = await (await Browser.For(app).SignInAsync("hynu-admin")).GetAsync($"/Files/{id}");
        var anonymous = await Browser.For(app).GetAsync($"/Files/{id}");
        var missing = await admin.GetAsync("/Files/999999");

        Assert.Equal(HttpStatusCode.NotFound, stranger.Status);
        Assert.DoesNotContain(Encoding.ASCII.GetString(pdf), stranger.Document.Source.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Status);
        Assert.StartsWith("http://localhost/Account/Login?ReturnUrl=", anonymous.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }
}
