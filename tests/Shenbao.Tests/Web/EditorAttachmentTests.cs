using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web;

/// <summary>
/// The editor's 上传 and 删除 submit the application's own form: what was typed in the last moment before the click
/// (within the autosave's delay) is saved with the file, never dropped; a file chosen and then 保存草稿 clicked is
/// uploaded with the draft.
/// </summary>
public sealed class EditorAttachmentTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private const string Typed = "刚刚输入、尚未自动保存的项目名称";

    [Fact]
    public async Task An_upload_saves_the_values_typed_on_the_page_with_the_file()
    {
        var (browser, id) = await BasicResearch.DraftAsync(app);
        var page = await browser.GetAsync($"/Applications/Edit/{id}");

        var posted = await browser.PostMultipartAsync($"/Applications/Edit/{id}?handler=Upload&purpose=platform-approval",
            Fields(page, ("F[project__title]", Typed)), [("file-platform-approval", "平台批复.pdf", BasicResearch.Approval)]);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Contains("草稿已保存；已上传“平台批复.pdf”", (await browser.FollowAsync(posted)).Text, StringComparison.Ordinal);
        var application = Stored(id);
        Assert.Equal(Typed, application.Title);
        Assert.Equal("platform-approval", Assert.Single(application.Attachments).Purpose);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.Upload && r.ObjectId == application.Number);
    }

    [Fact]
    public async Task An_upload_takes_the_file_chosen_for_another_type_too_and_the_buttons_belong_to_the_form()
    {
        var (browser, id) = await BasicResearch.DraftAsync(app);
        var page = await browser.GetAsync($"/Applications/Edit/{id}");
        Assert.Equal("application-form", page.Document.QuerySelector("#upload-platform-approval")!.GetAttribute("form"));
        Assert.Equal("application-form", page.Document.QuerySelector("#file-recommendation-letter")!.GetAttribute("form"));

        var posted = await browser.PostMultipartAsync($"/Applications/Edit/{id}?handler=Upload&purpose=platform-approval", Fields(page),
            [("file-platform-approval", "平台批复.pdf", BasicResearch.Approval), ("file-recommendation-letter", "推荐函.pdf", BasicResearch.Letter)]);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Contains("已上传“平台批复.pdf”“推荐函.pdf”", (await browser.FollowAsync(posted)).Text, StringComparison.Ordinal);
        Assert.Equal(["platform-approval", "recommendation-letter"], Stored(id).Attachments.Select(a => a.Purpose).Order());
    }

    [Fact]
    public async Task A_refused_file_saves_neither_it_nor_the_values_and_keeps_what_was_typed_on_the_page()
    {
        var (browser, id) = await BasicResearch.DraftAsync(app);
        var page = await browser.GetAsync($"/Applications/Edit/{id}");
        var before = Stored(id);

        var refused = await browser.PostMultipartAsync($"/Applications/Edit/{id}?handler=Upload&purpose=platform-approval",
            Fields(page, ("F[project__title]", Typed)), [("file-platform-approval", "批复.pdf", "MZ 不是PDF"u8.ToArray())]);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("（本次未保存，请处理后重新选择文件）", refused.Document.QuerySelector("#a-platform-approval [role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Typed, refused.Document.QuerySelector("[name='F[project__title]']")!.GetAttribute("value"));
        var after = Stored(id);
        Assert.Equal((before.Title, before.Version), (after.Title, after.Version));
        Assert.Empty(after.Attachments);
    }

    [Fact]
    public async Task A_file_chosen_and_then_the_draft_saved_is_uploaded_with_it()
    {
        var (browser, id) = await BasicResearch.DraftAsync(app);
        var page = await browser.GetAsync($"/Applications/Edit/{id}");
        Assert.Equal("multipart/form-data", page.Document.QuerySelector("#application-form button[formenctype]")!.GetAttribute("formenctype"));

        var saved = await browser.PostMultipartAsync($"/Applications/Edit/{id}?handler=Save", Fields(page, ("F[project__title]", Typed)),
            [("file-recommendation-letter", "推荐函.pdf", BasicResearch.Letter)]);

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Contains("草稿已保存；已上传“推荐函.pdf”", (await browser.FollowAsync(saved)).Text, StringComparison.Ordinal);
        var application = Stored(id);
        Assert.Equal(Typed, application.Title);
        Assert.Equal("recommendation-letter", Assert.Single(application.Attachments).Purpose);
    }

    [Fact]
    public async Task A_removal_saves_the_values_typed_on_the_page_with_it()
    {
        var (browser, id) = await BasicResearch.DraftAsync(app);
        await BasicResearch.UploadAsync(browser, id, "platform-approval", "平台批复.pdf", BasicResearch.Approval);
        var page = await browser.GetAsync($"/Applications/Edit/{id}");
        var attachment = Assert.Single(Stored(id).Attachments);
        var button = page.Document.QuerySelector($"button[data-attachment='{attachment.Id}']")!;
        Assert.Equal("application-form", button.GetAttribute("form"));
        Assert.Contains("确认删除附件", button.GetAttribute("data-confirm-button"), StringComparison.Ordinal);

        var removed = await browser.PostAsync($"/Applications/Edit/{id}?handler=RemoveAttachment&attachmentId={attachment.Id}", Fields(page, ("F[project__title]", Typed)));

        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Contains("草稿已保存；已删除“平台批复.pdf”", (await browser.FollowAsync(removed)).Text, StringComparison.Ordinal);
        var application = Stored(id);
        Assert.Equal(Typed, application.Title);
        Assert.Empty(application.Attachments);
    }

    [Fact]
    public async Task An_upload_from_a_page_someone_else_has_saved_over_is_refused_and_stores_nothing()
    {
        var (browser, id) = await BasicResearch.DraftAsync(app);
        var stale = await browser.GetAsync($"/Applications/Edit/{id}");
        var other = await Browser.For(app).SignInAsync("hynu-admin");
        await other.SubmitAsync(await other.GetAsync($"/Applications/Edit/{id}"), new Dictionary<string, string> { ["F[narrative__team]"] = "另一位同事改过" }, "#application-form");

        var refused = await browser.PostMultipartAsync($"/Applications/Edit/{id}?handler=Upload&purpose=platform-approval",
            Fields(stale, ("F[project__title]", Typed)), [("file-platform-approval", "平台批复.pdf", BasicResearch.Approval)]);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("文件未上传：此申报书已被他人修改", refused.Document.QuerySelector("#a-platform-approval [role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(refused.Document.QuerySelectorAll("#a-platform-approval a[href^='/Files/']"));
        var application = Stored(id);
        Assert.Empty(application.Attachments);
        Assert.NotEqual(Typed, application.Title);
    }

    /// <summary>The application form's fields as the browser posts them, some overlaid.</summary>
    private static List<KeyValuePair<string, string>> Fields(Browser.Page page, params (string Name, string Value)[] edits)
    {
        var fields = page.Document.QuerySelector("#application-form")!.QuerySelectorAll("input[name], select[name], textarea[name]")
            .Where(e => e.GetAttribute("type") is not ("file" or "submit") && (e.GetAttribute("type") is not ("checkbox" or "radio") || e.HasAttribute("checked")))
            .Select(e => new KeyValuePair<string, string>(e.GetAttribute("name")!,
                e is AngleSharp.Html.Dom.IHtmlSelectElement select ? select.Value ?? "" : e is AngleSharp.Html.Dom.IHtmlTextAreaElement area ? area.Value : e.GetAttribute("value") ?? ""))
            .Where(f => edits.All(e => e.Name != f.Key))
            .ToList();
        fields.AddRange(edits.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)));
        return fields;
    }

    private Application Stored(int id) => app.Db().Applications.AsNoTracking().Include(a => a.Attachments).Single(a => a.Id == id);
}
