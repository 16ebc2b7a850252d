using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Applications;
using Shenbao.Web.Files;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Applications;

/// <summary>
/// The application form: sections from the guide, autosave with a live check (htmx), typed attachments and the
/// justifications of warned rules. Every save carries the version it was based on; a save based on an older
/// version is refused, never merged silently.
/// </summary>
[Shenbao.Web.Files.TakesUploads]
public sealed class EditModel(AppDbContext db, Workspaces workspaces, FileStore files, AuditLog audit, OfficialListChecks lists, TimeProvider clock, Shenbao.Web.Operations.ShenbaoMetrics metrics) : PageModel
{
    /// <summary>What the official lists say of the claims as typed now (the live panel shows it beside the rules).</summary>
    public Task<IReadOnlyList<Shenbao.Domain.OfficialLists.ListFinding>> ListFindingsAsync() => lists.ForAsync(Workspace!, HttpContext.RequestAborted);

    [BindProperty] public Dictionary<string, string?> F { get; set; } = [];
    [BindProperty] public List<MemberRow> M { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> J { get; set; } = [];
    [BindProperty] public int Version { get; set; }
    /// <summary>This page's own token (one per rendering), saved with each version it makes.</summary>
    [BindProperty] public string? Editor { get => editor; set => editor = value is { Length: 32 } && value.All(char.IsAsciiHexDigitLower) ? value : null; }
    private string? editor;

    public Workspace? Workspace { get; private set; }
    public string? Conflict { get; private set; }
    public string SaveStatus { get; private set; } = "";
    public string? UploadError { get; private set; }
    public string? UploadPurpose { get; private set; }
    public string MaxUpload => files.MaxDescription;

    /// <summary>Every field error of the check, named by its field and linked to it, for the summary of a refused save.</summary>
    public IReadOnlyList<(string Message, string? Anchor)> FieldErrors => Workspace is not { } ws ? [] : ws.Errors
        .Select(e => (e.Message.StartsWith(ws.Category.LabelOf(e.Path), StringComparison.Ordinal) || e.Path.Length == 0 ? e.Message : $"{ws.Category.LabelOf(e.Path)}：{e.Message}",
            e.Path.Length == 0 ? null : (string?)("f-" + e.Path.Replace('.', '-'))))
        .ToList();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        if (EditRefusal(application) is not null) return RedirectToPage("Details", new { id });
        Version = application.Version;
        Editor = Guid.NewGuid().ToString("N");
        Workspace = await workspaces.CheckAsync(application, ct);
        SaveStatus = $"上次保存 {ChinaTime.Describe(application.UpdatedAt)}";
        return Page();
    }

    /// <summary>保存草稿: the values, and any file chosen for an attachment type and not yet uploaded (never dropped unsaid).</summary>
    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct)
    {
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        List<Attachment> chosen = [];
        // (an application no longer editable takes no files: SaveAsync says why it takes nothing)
        if (EditRefusal(application) is null)
        {
            if (await StoreChosenAsync(application, null, ct) is not { } stored)
            {
                await ShowPostedAsync(application, ct);
                Conflict = $"有文件未能上传，草稿未保存：{UploadError}";
                return Page();
            }
            chosen = stored;
        }
        if (await SaveAsync(application, ct, chosen.Count == 0 ? null : () => Attach(application, chosen)))
        {
            TempData["Message"] = "草稿已保存" + (chosen.Count > 0 ? "；" + Uploaded(chosen) : "");
            return RedirectToPage("Edit", new { id });
        }
        foreach (var attachment in chosen) application.Attachments.Remove(attachment);
        return Page();
    }

    /// <summary>htmx: saves and answers with the live panel (and, out of band, the new version and completeness).</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(int id, CancellationToken ct)
    {
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        await SaveAsync(application, ct);
        metrics.Checked("editor");
        return Partial("_AutosaveResponse", this);
    }

    /// <summary>
    /// 上传: the button submits the application's own form, so the values typed on the page, and the files chosen for
    /// the other types, come with the file and are saved with it in one transaction; a file refused, or edits that
    /// cannot be saved, keep the values on the page and save nothing. A post of the file alone (no form) stores just the file.
    /// </summary>
    public async Task<IActionResult> OnPostUploadAsync(int id, string purpose, CancellationToken ct)
    {
        // an autosave never uploads: one sent here was rerouted by a button's formaction, and must not act
        if (Request.Headers.ContainsKey("HX-Request")) return BadRequest();
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        if (EditRefusal(application) is not null) return RedirectToPage("Details", new { id });
        var withForm = WithForm();
        if (!withForm) { Version = application.Version; Editor ??= Guid.NewGuid().ToString("N"); }
        UploadPurpose = purpose;
        if (!workspaces.CategoryOf(application).Category.Attachments.Contains(purpose)) UploadError = "附件类型无效";
        else if (Chosen(purpose, purpose) is null) UploadError = "请选择要上传的文件" + (withForm ? "（页面上的修改也未保存，可点“保存草稿”保存）" : "");
        else if (await StoreChosenAsync(application, purpose, ct) is { } chosen)
        {
            if (!withForm)
            {
                Attach(application, chosen);
                if (!await SaveWithApplicationAsync(application, ct)) return RedirectToPage("Details", new { id });
                TempData["Message"] = Uploaded(chosen);
                return RedirectToPage("Edit", new { id });
            }
            if (await SaveAsync(application, ct, () => Attach(application, chosen)))
            {
                TempData["Message"] = (EditsSaved ? "草稿已保存；" : "") + Uploaded(chosen);
                return RedirectToPage("Edit", new { id });
            }
            foreach (var attachment in chosen) application.Attachments.Remove(attachment);
            UploadError = $"文件未上传：{Conflict}";
            return Page();
        }
        // refused: what was typed stays on the page, unsaved, with the reason beside the upload
        if (withForm) await ShowPostedAsync(application, ct);
        else Workspace = await workspaces.CheckAsync(application, ct);
        return Page();
    }

    /// <summary>The file chosen for an attachment type (the type whose 上传 was clicked may also come as "file").</summary>
    private IFormFile? Chosen(string purpose, string? clicked) =>
        !Request.HasFormContentType ? null
        : (Request.Form.Files.GetFile(FileInput(purpose)) ?? (purpose == clicked ? Request.Form.Files.GetFile("file") : null)) is { Length: > 0 } file ? file : null;

    /// <summary>
    /// Every file chosen on the page stored, each as an attachment of its type (not yet added to the application); null
    /// when one is refused, its reason beside its type.
    /// </summary>
    private async Task<List<Attachment>?> StoreChosenAsync(Application application, string? clicked, CancellationToken ct)
    {
        var chosen = new List<Attachment>();
        foreach (var purpose in workspaces.CategoryOf(application).Category.Attachments)
        {
            if (Chosen(purpose, clicked) is not { } file) continue;
            switch (await files.SaveAsync(file, ct))
            {
                case FileStore.Result.Stored stored:
                    chosen.Add(new Attachment
                    {
                        OrganisationId = application.OrganisationId, Purpose = purpose, FileName = stored.FileName,
                        ContentType = stored.Kind.ContentType, Size = stored.Size, Sha256 = stored.Sha256,
                        UploadedAt = clock.GetUtcNow(), UploadedBy = User.DisplayName(),
                    });
                    break;
                case FileStore.Result.Refused refused:
                    UploadPurpose = purpose;
                    UploadError = refused.Message + (chosen.Count > 0 || WithForm() ? "（本次未保存，请处理后重新选择文件）" : "");
                    return null;
            }
        }
        return chosen;
    }

    private void Attach(Application application, IEnumerable<Attachment> attachments)
    {
        foreach (var attachment in attachments)
        {
            application.Attachments.Add(attachment);
            audit.Record(AuditAction.Upload, AuditEntry.Objects.Application, application.Number,
                details: $"附件类型 {attachment.Purpose}，文件“{attachment.FileName}”，{attachment.Size} 字节，SHA-256 {attachment.Sha256}");
        }
    }

    private static string Uploaded(List<Attachment> attachments) => $"已上传“{string.Join("”“", attachments.Select(a => a.FileName))}”";

    /// <summary>删除 an attachment: like 上传, the button is in the application's form and the typed values are saved with the removal.</summary>
    public async Task<IActionResult> OnPostRemoveAttachmentAsync(int id, int attachmentId, CancellationToken ct)
    {
        // an autosave never removes a file (see Upload)
        if (Request.Headers.ContainsKey("HX-Request")) return BadRequest();
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        if (EditRefusal(application) is not null) return RedirectToPage("Details", new { id });
        if (application.Attachments.SingleOrDefault(a => a.Id == attachmentId) is not { } attachment) return NotFound();
        // files chosen for other types come with the removal, as with 保存草稿
        if (await StoreChosenAsync(application, null, ct) is not { } chosen)
        {
            await ShowPostedAsync(application, ct);
            return Page();
        }
        void Stage()
        {
            Attach(application, chosen);
            db.Attachments.Remove(attachment);
            audit.Record(AuditAction.RemoveFile, AuditEntry.Objects.Application, application.Number,
                details: $"附件类型 {attachment.Purpose}，文件“{attachment.FileName}”，SHA-256 {attachment.Sha256}");
        }
        if (WithForm())
        {
            if (await SaveAsync(application, ct, Stage))
            {
                TempData["Message"] = (EditsSaved ? "草稿已保存；" : "") + $"已删除“{attachment.FileName}”" + (chosen.Count > 0 ? "；" + Uploaded(chosen) : "");
                return RedirectToPage("Edit", new { id });
            }
            if (db.Entry(attachment).State == EntityState.Deleted) db.Entry(attachment).State = EntityState.Unchanged;
            foreach (var added in chosen) application.Attachments.Remove(added);
            UploadPurpose = attachment.Purpose;
            UploadError = $"“{attachment.FileName}”未删除：{Conflict}";
            return Page();
        }
        Stage();
        if (!await SaveWithApplicationAsync(application, ct))
        {
            TempData["Message"] = $"未删除“{attachment.FileName}”：申报书刚刚被提交或修改，附件已随之锁定";
            return RedirectToPage("Details", new { id });
        }
        TempData["Message"] = $"已删除“{attachment.FileName}”";
        return RedirectToPage("Edit", new { id });
    }

    /// <summary>The name of an attachment type's file input, which belongs to the application's form.</summary>
    public static string FileInput(string purpose) => "file-" + purpose;

    /// <summary>Whether the post carries the application's form (its version), as the page's buttons send it.</summary>
    private bool WithForm() => Request.HasFormContentType && Request.Form.ContainsKey(nameof(Version));

    /// <summary>Whether the last successful save changed a value or a justification (not only the version).</summary>
    private bool EditsSaved { get; set; }

    /// <summary>The page as posted, nothing saved: the typed values checked live, the version the page was based on.</summary>
    private async Task ShowPostedAsync(Application application, CancellationToken ct)
    {
        var (values, justifications) = Posted(workspaces.CategoryOf(application).Category);
        Workspace = await workspaces.CheckAsync(application, values, justifications, ct);
        SaveStatus = "未保存";
    }

    /// <summary>The form's values and the justifications of the category's rules, as posted.</summary>
    private (Dictionary<string, string> Values, Dictionary<string, string> Justifications) Posted(Shenbao.Domain.Guides.Category category)
    {
        var values = FormView.Collect(category, F.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value), M);
        var ruleIds = category.Rules.Select(r => r.Id).ToHashSet();
        var justifications = J.Where(p => ruleIds.Contains(p.Key) && !string.IsNullOrWhiteSpace(p.Value)).ToDictionary(p => p.Key, p => p.Value!.Trim());
        return (values, justifications);
    }

    /// <summary>Saves the posted values if the application is still the version the page was showing.</summary>
    /// <param name="stage">A change to the application's files, made once the values pass and saved with them.</param>
    private async Task<bool> SaveAsync(Application application, CancellationToken ct, Action? stage = null)
    {
        var (_, category) = workspaces.CategoryOf(application);
        var (values, justifications) = Posted(category);

        if (EditRefusal(application) is { } refusal)
            return Refuse(await workspaces.ShowAsync(application, ct), refusal);
        // the page must show the version just checked; the UPDATE then finds that version or nothing (a submission since).
        // Newer versions made by this same page are its own autosaves overtaken by a click on 保存草稿 or 上传.
        // Every version since the one it was based on is then this page's own: a save from elsewhere in between would
        // have made itself the last editor, and this page's next save would have been refused. (On a slow machine two
        // autosaves, the input pause's and the blur's, can overtake a click on 上传 or 保存草稿.)
        var ownNewer = Version < application.Version && Editor is { Length: > 0 } && application.LastEditor == Editor;
        if (Version != application.Version && !ownNewer)
            return Refuse(await workspaces.CheckAsync(application, ct), "此申报书已被他人修改，您刚才的修改没有保存。请刷新页面，在最新内容上重新填写。");
        // an over-long value is refused beside its field, and the page keeps what was typed so that it can be cut
        var tooLong = Shenbao.Domain.Guides.FormLimits.Check(workspaces.CategoryOf(application).Guide, category, values)
            .Concat(justifications.Where(j => j.Value.Length > Shenbao.Domain.Guides.FormLimits.JustificationLimit)
                .Select(j => new Shenbao.Domain.Requests.InputError("", $"理由最多 {Shenbao.Domain.Guides.FormLimits.JustificationLimit} 字，现为 {j.Value.Length} 字，请删减")))
            .ToList();
        if (tooLong.Count > 0)
        {
            var shown = await workspaces.CheckAsync(application, values, justifications, ct);
            return Refuse(shown with { Errors = [.. tooLong, .. shown.Errors] }, $"有 {tooLong.Count} 处超出长度限制，未保存：{string.Join("；", tooLong.Select(e => e.Message))}");
        }
        var changed = Changed(Workspaces.Read(application.FormJson), values).Concat(Changed(Workspaces.Read(application.JustificationsJson), justifications).Select(r => "说明:" + r)).ToList();
        stage?.Invoke();
        EditsSaved = changed.Count > 0;
        application.Version++;
        // a file changed with the values: any page's older version is now someone else's, its own included
        application.LastEditor = stage is null ? Editor : null;
        application.SetForm(category, values);
        application.JustificationsJson = JsonSerializer.Serialize(justifications, CheckJson.Options);
        // which fields changed, not what they now say: the content is in the application, the trail says who touched what
        if (changed.Count > 0)
            audit.Record(AuditActions.Of(ApplicationAction.Edit), AuditEntry.Objects.Application, application.Number, details: $"修改 {changed.Count} 项：{string.Join("、", changed.Select(category.LabelOf))}");
        application.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(application).ReloadAsync(ct);
            return Refuse(await workspaces.CheckAsync(application, ct), "此申报书已被他人修改，您刚才的修改没有保存。请刷新页面，在最新内容上重新填写。");
        }
        Version = application.Version;
        Workspace = await workspaces.CheckAsync(application, values, justifications, ct);
        SaveStatus = $"已自动保存 {ChinaTime.Local(application.UpdatedAt):HH:mm:ss}";
        return true;
    }

    private static IEnumerable<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k)).Order(StringComparer.Ordinal);

    /// <summary>Why this person may not change the application now, or null when they may: the workflow's answer.</summary>
    private string? EditRefusal(Application application) =>
        Workflow.Decide(application.Status, ApplicationAction.Edit, User.Role(), clock.GetUtcNow(), application.Call.Window) is Decision.Refused refused
            ? refused.Reason
            : null;

    /// <summary>
    /// Saves a change to the application's files together with a new version of the application, in one
    /// transaction: if the application was submitted (or changed) since it was loaded, the version no longer
    /// matches, nothing is saved and the answer is false. A submission and a file change can never interleave.
    /// </summary>
    private async Task<bool> SaveWithApplicationAsync(Application application, CancellationToken ct)
    {
        db.Entry(application).Property(a => a.Version).OriginalValue = application.Version;
        application.Version++;
        // a file changed since: any page's older version is now someone else's, its own included
        application.LastEditor = null;
        application.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private bool Refuse(Workspace workspace, string message)
    {
        Workspace = workspace;
        Conflict = message;
        // the page keeps the version it was based on: taking the stored one would let its next autosave overwrite
        // the change it was just refused over
        SaveStatus = "未保存";
        return false;
    }
}
