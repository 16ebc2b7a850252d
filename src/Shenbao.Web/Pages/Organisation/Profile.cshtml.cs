using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Requests;
using Shenbao.Web.Files;
using Shenbao.Web.Guides;
using Shenbao.Web.Organisations;
using Shenbao.Web.Security;
using OrganisationEntity = Shenbao.Data.Organisation;

namespace Shenbao.Web.Pages.Organisation;

/// <summary>
/// 单位信息: every fact the rules read about the organisation, each group with its proof documents. The
/// organisation's administrator edits it; its 项目负责人 read it.
/// </summary>
[Shenbao.Web.Files.TakesUploads]
public sealed partial class ProfileModel(AppDbContext db, GuideCatalog guides, FileStore files, AuditLog audit, TimeProvider clock) : PageModel
{
    public const string ConflictMessage = "单位信息已被他人修改，请刷新后重新填写";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public OrganisationEntity Registration { get; private set; } = null!;

    /// <summary>Proof documents by Attachment.Purpose ("proof:finance").</summary>
    public ILookup<string, Attachment> Proofs { get; private set; } = Array.Empty<Attachment>().ToLookup(a => a.Purpose);

    public bool CanEdit => User.IsInRole(Roles.OrgAdmin);

    public TechSmeStatus TechSme { get; private set; } = new(null, null, null, []);

    public string MaxUploadDescription => files.MaxDescription;

    /// <summary>The fiscal years always shown: the three before the default guide's year (近三年).</summary>
    private IEnumerable<int> FiscalYears => Enumerable.Range(guides.Default.Year - 3, 3);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ShowStored(await LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // the folder policy lets a 项目负责人 in to read; only the administrator changes the profile
        if (!CanEdit) return Forbid();
        var organisation = await LoadAsync(ct);
        var changed = await StageEditsAsync(organisation, ct);
        if (changed is null) return Page();
        // a file chosen in any group and then 保存单位信息 clicked is uploaded with the edits, not dropped unsaid
        if (await StageChosenFilesAsync(organisation, null, withEdits: true, ct) is not { } staged) return Page();
        if (!await TrySaveAsync(ct)) return Conflicted();
        Notice = "单位信息已保存" + (staged.Count > 0 ? "；" + Described(staged) : "");
        return RedirectToPage();
    }

    /// <summary>
    /// Every file chosen on the page, each staged for its group (the one a 上传 was clicked in may also come as "file"):
    /// what was staged, or null when one is refused, its reason beside its group and nothing staged saved.
    /// </summary>
    /// <param name="withEdits">Whether the post carries the profile's edits (which a refusal then leaves unsaved too).</param>
    private async Task<List<(string FileName, bool Known)>?> StageChosenFilesAsync(OrganisationEntity organisation, string? clickedGroup, bool withEdits, CancellationToken ct)
    {
        var staged = new List<(string FileName, bool Known)>();
        if (!Request.HasFormContentType) return staged;
        var chosen = ProfileSections.All.Where(s => s is { HasProof: true, Page: null })
            .Select(section => (Section: section, File: Request.Form.Files.GetFile(FileInput(section.Id)) ?? (section.Id == clickedGroup ? Request.Form.Files.GetFile("file") : null)))
            .Where(c => c.File is { Length: > 0 })
            .ToList();
        foreach (var (section, file) in chosen)
        {
            var (refusal, known) = await StageProofAsync(organisation, section, file!, ct);
            if (refusal is not null)
            {
                // one file alone, and nothing typed with it, needs no word about what else was not saved
                ModelState.AddModelError(UploadKey(section.Id), refusal + (withEdits || chosen.Count > 1 ? "（本次的修改和选择的文件都未保存，请处理后重新选择文件）" : ""));
                return null;
            }
            staged.Add((Path.GetFileName(file!.FileName), known));
        }
        return staged;
    }

    /// <summary>
    /// A chosen proof stored and listed for its group, with its audit row (not yet saved): the refusal's words when the
    /// file is refused, or Known when the same document already proves that group (it is listed once).
    /// </summary>
    private async Task<(string? Refusal, bool Known)> StageProofAsync(OrganisationEntity organisation, ProfileSection section, IFormFile file, CancellationToken ct)
    {
        var result = await files.SaveAsync(file, ct);
        if (result is FileStore.Result.Refused refused) return (refused.Message, false);
        var stored = (FileStore.Result.Stored)result;
        if (await db.Attachments.AnyAsync(a => a.OrganisationId == organisation.Id && a.ApplicationId == null && a.Purpose == section.ProofPurpose && a.Sha256 == stored.Sha256, ct))
            return (null, true);
        var proof = Shenbao.Web.Files.Proofs.Of(stored, organisation.Id, section.ProofPurpose, User.DisplayName(), clock.GetUtcNow());
        db.Attachments.Add(proof);
        audit.Record(AuditAction.Upload, AuditEntry.Objects.Organisation, organisation.Id.ToString(CultureInfo.InvariantCulture), details: Shenbao.Web.Files.Proofs.Described(proof));
        return (null, false);
    }

    /// <summary>
    /// 上传: the button sits in the profile's own form, so the page's unsaved edits come with the file and are saved
    /// with it, in one transaction; an edit that does not read, or a file refused, keeps everything on the page and
    /// saves nothing. A post of the file alone (no profile fields) stores just the file.
    /// </summary>
    public async Task<IActionResult> OnPostUploadAsync(string? group, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        // a group with a page of its own (the 自评) takes its proofs there
        if (ProfileSections.Find(group ?? "") is not { HasProof: true, Page: null } section) return NotFound();
        var organisation = await LoadAsync(ct);
        if (!Request.HasFormContentType) return BadRequest();
        var withEdits = Request.Form.ContainsKey($"{nameof(Input)}.{nameof(InputModel.Version)}");
        if (!withEdits)
        {
            ModelState.Clear();
            ShowStored(organisation);
        }
        var changed = withEdits ? await StageEditsAsync(organisation, ct) : [];
        if (changed is null)
        {
            ModelState.AddModelError(UploadKey(section.Id), "单位信息中有需要改正的内容（见各处红字），文件未上传；改正后请重新选择文件上传");
            return Page();
        }
        if ((Request.Form.Files.GetFile(FileInput(section.Id)) ?? Request.Form.Files.GetFile("file")) is not { Length: > 0 })
        {
            ModelState.AddModelError(UploadKey(section.Id), "请选择要上传的文件" + (changed.Count > 0 ? "（单位信息的修改也未保存，可点“保存单位信息”保存）" : ""));
            return Page();
        }
        // the files chosen in other groups come with this one: a 上传 never drops what the page holds
        if (await StageChosenFilesAsync(organisation, section.Id, withEdits, ct) is not { } staged) return Page();
        if (!await TrySaveAsync(ct)) return Conflicted();
        Notice = (changed.Count > 0 ? "单位信息已保存；" : "") + Described(staged);
        return RedirectToPage(null, null, null, section.Id);
    }

    /// <summary>"已上传“a.pdf”；“b.pdf”已上传过，未重复保存": what became of each staged file.</summary>
    private static string Described(List<(string FileName, bool Known)> staged) => string.Join("；",
        new[]
        {
            staged.Any(f => !f.Known) ? $"已上传“{string.Join("”“", staged.Where(f => !f.Known).Select(f => f.FileName))}”" : null,
            staged.Any(f => f.Known) ? $"“{string.Join("”“", staged.Where(f => f.Known).Select(f => f.FileName))}”已上传过，未重复保存" : null,
        }.Where(part => part is not null));

    /// <summary>The id of the input an error's key belongs to, where the page's ids are its own (declared facts, uploads).</summary>
    public static string? AnchorOf(string key) =>
        key.StartsWith("Input.Declared[", StringComparison.Ordinal) ? "declared-" + key["Input.Declared[".Length..^1]
        : key.StartsWith("Upload.", StringComparison.Ordinal) ? key["Upload.".Length..]
        : null;

    /// <summary>
    /// 删除 a proof: only while no lodged application relies on it (its frozen submission lists the document by its
    /// hash; the officials read it there). The row goes, the content stays in the store, so any snapshot still verifies.
    /// </summary>
    public async Task<IActionResult> OnPostRemoveAsync(int proofId, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var organisation = await LoadAsync(ct);
        if (await db.Attachments.SingleOrDefaultAsync(a => a.Id == proofId && a.OrganisationId == organisation.Id && a.ApplicationId == null && a.Purpose.StartsWith(ProfileSections.ProofPrefix), ct) is not { } proof)
            return NotFound();
        // a group with a page of its own (the 自评's 入库 and route proofs) is changed there, where they are required
        if (ProfileSections.Find(proof.Purpose[ProfileSections.ProofPrefix.Length..]) is not { Page: null } section) return NotFound();
        if (!Request.HasFormContentType) return BadRequest();
        // a submission freezing this proof right now either commits first (and the check below sees its snapshot) or
        // waits for this removal and freezes the profile without it; never a snapshot listing a proof just removed
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SubmissionLock.TakeAsync(db, organisation.Id, ct);
        if (await ReliedOnAsync(proof, ct) is { } number)
        {
            ModelState.AddModelError(UploadKey(section.Id), $"“{proof.FileName}”未删除：已提交的申报书 {number} 以它为证明材料；撤回该申报书后才能删除或更换");
            return Page();
        }
        // the button is in the profile's form: the edits typed on the page are saved with the removal, never dropped
        if (Request.Form.ContainsKey($"{nameof(Input)}.{nameof(InputModel.Version)}") && await StageEditsAsync(organisation, ct) is null)
        {
            ModelState.AddModelError(UploadKey(section.Id), "单位信息中有需要改正的内容（见各处红字），证明材料未删除");
            return Page();
        }
        db.Attachments.Remove(proof);
        audit.Record(AuditAction.RemoveFile, AuditEntry.Objects.Organisation, organisation.Id.ToString(CultureInfo.InvariantCulture),
            details: $"证明材料 {proof.Purpose}，文件“{proof.FileName}”，SHA-256 {proof.Sha256}");
        if (!await TrySaveAsync(ct)) return Conflicted();
        await transaction.CommitAsync(ct);
        Notice = $"已删除“{proof.FileName}”；如需更换，请上传新的证明材料";
        return RedirectToPage(null, null, null, section.Id);
    }

    /// <summary>The number of a lodged application whose frozen submission lists this proof, or null when none does.</summary>
    private async Task<string?> ReliedOnAsync(Attachment proof, CancellationToken ct) =>
        await LodgedSnapshots(proof.OrganisationId).Where(s => s.Files.Contains(proof.Sha256)).Select(s => s.ApplicationNumber).FirstOrDefaultAsync(ct);

    /// <summary>The frozen submissions the organisation's lodged applications stand on: each one's current receipt.</summary>
    private IQueryable<SubmissionSnapshot> LodgedSnapshots(int organisationId) =>
        db.Snapshots.AsNoTracking().Where(s => db.Applications.Any(a => a.Id == s.ApplicationId && a.OrganisationId == organisationId && a.ReceiptNo == s.ReceiptNo
            && Shenbao.Domain.Applications.Workflow.Lodged.Contains(a.Status)));

    /// <summary>Which proofs a lodged application relies on: those are shown without 删除.</summary>
    public IReadOnlySet<string> ReliedOn { get; private set; } = new HashSet<string>();

    /// <summary>The name of a group's file input in the profile's form.</summary>
    public static string FileInput(string group) => "file-" + group;

    /// <summary>
    /// The posted edits checked and, when they read, written into the organisation with their audit row and the next
    /// version (not yet saved): the changed fact groups, or null with the errors beside their fields.
    /// </summary>
    private async Task<List<string>?> StageEditsAsync(OrganisationEntity organisation, CancellationToken ct)
    {
        await RefuseRemovingUsedPlatformsAsync(organisation.Id, ct);
        ValidateDeclared();
        // a subsidy is recorded by the year it was received: a year still to come cannot have been
        var thisYear = Shenbao.Domain.Eligibility.ChinaTime.DateOf(clock.GetUtcNow()).Year;
        if (ProfileValues.Years(Input.SubsidyYears) is { } years && years.FirstOrDefault(y => y > thisYear) is var later and > 0)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.SubsidyYears)}", $"获得补助的年份 {later} 晚于今年（{thisYear}年），请按已收到补助的年份填写");
        if (!ModelState.IsValid) return null;

        // the UPDATE must still find the version the form was rendered from; if someone saved since, it finds no row
        db.Entry(organisation).Property(o => o.Version).OriginalValue = Input.Version;
        var before = StoredProfile(organisation);
        var profile = Write(Input, StoredProfile(organisation));
        WriteDeclared(profile);
        organisation.ProfileJson = profile.ToJsonString(CheckJson.Options);
        var changed = before.Select(p => p.Key).Union(profile.Select(p => p.Key))
            .Where(k => !System.Text.Json.Nodes.JsonNode.DeepEquals(before[k], profile[k])).Order(StringComparer.Ordinal).ToList();
        if (changed.Count > 0)
            audit.Record(AuditAction.ProfileChange, AuditEntry.Objects.Organisation, organisation.Id.ToString(CultureInfo.InvariantCulture), details: $"修改：{string.Join("、", changed.Select(guides.Default.Facts.ProfileLabel))}");
        organisation.Version = Input.Version + 1;
        return changed;
    }

    private async Task<bool> TrySaveAsync(CancellationToken ct)
    {
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

    private void ShowStored(OrganisationEntity organisation)
    {
        var profile = StoredProfile(organisation);
        Input = ToInput(profile, organisation.Version, FiscalYears);
        Input.Declared = DeclaredInput(profile);
    }

    public string? UploadError(string group) =>
        ModelState.TryGetValue(UploadKey(group), out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    public static string UploadedOn(Attachment proof) => ChineseDate.Format(ChinaTime.DateOf(proof.UploadedAt));

    public static string SizeText(long bytes) => bytes < 1024 * 1024
        ? $"{Math.Max(1, bytes / 1024).ToString(CultureInfo.InvariantCulture)} KB"
        : $"{(bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} MB";

    private static string UploadKey(string group) => "Upload." + group;

    /// <summary>The profile as stored: the request contract's "applicant" shape, which the form is filled from and written back into.</summary>
    private static System.Text.Json.Nodes.JsonObject StoredProfile(OrganisationEntity organisation) =>
        System.Text.Json.Nodes.JsonNode.Parse(organisation.ProfileJson) as System.Text.Json.Nodes.JsonObject ?? [];

    private async Task<OrganisationEntity> LoadAsync(CancellationToken ct)
    {
        var id = User.OrganisationId();
        Registration = await db.Organisations.SingleAsync(o => o.Id == id, ct);
        Proofs = (await db.Attachments.AsNoTracking()
                .Where(a => a.OrganisationId == id && a.ApplicationId == null && a.Purpose.StartsWith(ProfileSections.ProofPrefix))
                .OrderBy(a => a.Id)
                .ToListAsync(ct))
            .ToLookup(a => a.Purpose);
        TechSme = await TechSmeStatus.LoadAsync(db, Registration.Id, ct);
        var lodged = await LodgedSnapshots(Registration.Id).Select(s => s.Files).ToListAsync(ct);
        ReliedOn = Proofs.SelectMany(g => g).Select(p => p.Sha256).Where(sha => lodged.Any(files => files.Contains(sha, StringComparison.Ordinal))).ToHashSet(StringComparer.Ordinal);
        return Registration;
    }

    /// <summary>An application names its platform by id: removing that platform would leave the application pointing at nothing.</summary>
    private async Task RefuseRemovingUsedPlatformsAsync(int organisationId, CancellationToken ct)
    {
        var removing = Input.Platforms.Select((p, i) => (Platform: p, Index: i)).Where(x => x.Platform is { Remove: true, Id: not null }).ToList();
        if (removing.Count == 0) return;
        var used = (await db.Applications.Where(a => a.OrganisationId == organisationId && a.PlatformId != null).Select(a => a.PlatformId!).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var (_, index) in removing.Where(x => used.Contains(x.Platform.Id!)))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Platforms)}[{index}].{nameof(PlatformInput.Remove)}", "该平台已被申报书选为依托平台，不能删除；请先在申报书中改选其他平台");
    }

    private PageResult Conflicted()
    {
        ModelState.AddModelError("", ConflictMessage);
        return Page();
    }
}
