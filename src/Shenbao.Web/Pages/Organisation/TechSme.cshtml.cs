using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.TechSme;
using Facts = Shenbao.Domain.TechSme.Facts;
using Shenbao.Web.Audit;
using Shenbao.Web.Files;
using Shenbao.Web.Guides;
using Shenbao.Web.Organisations;
using Shenbao.Web.Security;
using OrganisationEntity = Shenbao.Data.Organisation;

namespace Shenbao.Web.Pages.Organisation;

/// <summary>
/// 科技型中小企业自评: the organisation states the facts the standard reads (most are its profile's), sees each
/// condition, direct route and indicator judged with its figures, and its administrator records the result for an
/// assessment year. The latest record of a year is what the eligibility rule reads; every record is kept. The
/// 入库登记编号 of the national platform, with its proof, is recorded here too.
/// </summary>
[Shenbao.Web.Files.TakesUploads]
public sealed partial class TechSmeModel(AppDbContext db, GuideCatalog guides, Standard standard, FileStore files, AuditLog audit, TimeProvider clock) : PageModel
{
    public const string ConflictMessage = "单位信息已被他人修改，请刷新后重新填写";

    public sealed class InputModel
    {
        public int Version { get; set; }
        public int Year { get; set; }
        /// <summary>The facts as typed, by <see cref="Field.Key"/>.</summary>
        public Dictionary<string, string?> Facts { get; set; } = [];
        public string? Number { get; set; }
        public string? NumberYear { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public Standard Standard => standard;

    public bool CanEdit => User.IsInRole(Roles.OrgAdmin) && IsEnterprise;

    /// <summary>The standard is for enterprises; a university or hospital has nothing to assess.</summary>
    public bool IsEnterprise => Organisation.Kind == Shenbao.Domain.Requests.Vocabulary.Enterprise;

    public string MaxUploadDescription => files.MaxDescription;

    public OrganisationEntity Organisation { get; private set; } = null!;

    /// <summary>The assessment years offered: the current guide's (what its rule asks for) up to the current year.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    public int DataYear => Input.Year + standard.DataYearOffset;

    public IReadOnlyList<Field> Inputs => Fields(DataYear, standard);

    /// <summary>The evaluation of the facts shown (stored, or as just typed); null while a typed value does not read.</summary>
    public Assessment? Result { get; private set; }

    /// <summary>The high-tech certificate as the profile states it: the direct route hte, edited with its proof on the profile page.</summary>
    public (bool? Certified, string? ValidTo) HighTech { get; private set; }

    public IReadOnlyList<TechSmeAssessment> History { get; private set; } = [];

    /// <summary>Why 完成自评 recorded nothing: what is still to fill in (empty unless it was just refused).</summary>
    public IReadOnlyList<string> NotRecorded { get; private set; } = [];

    /// <summary>Proof documents by purpose: the 入库 proof and each declared route's.</summary>
    public ILookup<string, Attachment> Proofs { get; private set; } = Array.Empty<Attachment>().ToLookup(a => a.Purpose);

    public async Task OnGetAsync(int? year, CancellationToken ct)
    {
        await LoadAsync(ct);
        var profile = StoredProfile();
        Input = new InputModel
        {
            Version = Organisation.Version,
            Year = year is { } y && Years.Contains(y) ? y : guides.Default.Year,
            Number = Organisation.TechSmeNumber,
            NumberYear = Organisation.TechSmeNumberYear?.ToString(CultureInfo.InvariantCulture),
        };
        Input.Facts = ToInput(profile, Inputs);
        Result = Evaluate(profile).Assessment;
    }

    /// <summary>保存: the facts, the 入库登记编号 and any proofs, without recording an assessment.</summary>
    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(record: false, ct);

    /// <summary>完成自评: the same, and the assessment recorded, which only a decided assessment can be.</summary>
    public Task<IActionResult> OnPostRecordAsync(CancellationToken ct) => SaveAsync(record: true, ct);

    private async Task<IActionResult> SaveAsync(bool record, CancellationToken ct)
    {
        // the folder policy lets a 项目负责人 in to read; only an enterprise's administrator states the facts and records
        if (!User.IsInRole(Roles.OrgAdmin)) return Forbid();
        if (!Request.HasFormContentType) return BadRequest();
        await LoadAsync(ct);
        if (!IsEnterprise) return Forbid();
        if (!Years.Contains(Input.Year))
        {
            ModelState.AddModelError("", $"评价年度应为 {string.Join("、", Years)} 之一，请重新选择");
            Input.Year = guides.Default.Year;
            return Refused();
        }
        var stored = StoredProfile();
        var values = new Dictionary<string, JsonNode?>();
        foreach (var field in Inputs)
        {
            var (value, error) = Parse(field, Input.Facts.GetValueOrDefault(field.Key));
            if (error is not null) ModelState.AddModelError(field.Name, error);
            values[field.Key] = value;
        }
        var (number, numberYear) = ValidateNumber();
        if (!ModelState.IsValid) return Refused();

        var profile = Write(stored, Inputs, values);
        var (facts, assessment) = Evaluate(profile);
        Result = assessment;
        if (facts is null || assessment is null) return Refused();
        if (record && !assessment.Decided)
        {
            NotRecorded = assessment.Missing;
            return Refused();
        }

        // a route declared met is recorded only with its proof, stored before or chosen now
        if (record)
            foreach (var route in DeclaredRoutes.Where(r => values[r] is JsonValue v && v.GetValue<bool>()))
                if (!Proofs[TechSmeAssessments.ProofPurpose(route)].Any() && Request.Form.Files.GetFile(ProofInput(route)) is not { Length: > 0 })
                    ModelState.AddModelError(Inputs.Single(f => f.Key == route).Name, "已选择“是”，请上传证明材料（获奖证书、认定文件或标准文本）后再完成自评");
        if (!ModelState.IsValid) return Refused();
        var (uploads, known) = await StoreProofsAsync(ct);
        if (uploads is null) return Refused();

        var id = Organisation.Id.ToString(CultureInfo.InvariantCulture);
        var changed = Inputs.Where(f => !JsonNode.DeepEquals(At(stored, f.Path), At(profile, f.Path))).Select(f => f.Called).ToList();
        if (number != Organisation.TechSmeNumber || numberYear != Organisation.TechSmeNumberYear) changed.Add("入库登记编号");
        if (changed.Count > 0)
            audit.Record(AuditAction.ProfileChange, AuditEntry.Objects.Organisation, id, details: $"科技型中小企业自评数据，修改：{string.Join("、", changed)}");
        foreach (var upload in uploads)
        {
            db.Attachments.Add(upload);
            audit.Record(AuditAction.Upload, AuditEntry.Objects.Organisation, id, details: Shenbao.Web.Files.Proofs.Described(upload));
        }
        // the UPDATE must still find the version the form was rendered from; if someone saved since, it finds no row
        db.Entry(Organisation).Property(o => o.Version).OriginalValue = Input.Version;
        Organisation.ProfileJson = profile.ToJsonString(CheckJson.Options);
        (Organisation.TechSmeNumber, Organisation.TechSmeNumberYear) = (number, numberYear);
        TechSmeAssessment? recorded = null;
        if (record)
        {
            recorded = TechSmeAssessments.Record(Organisation, standard, facts, assessment, User.UserId(), User.DisplayName(), clock.GetUtcNow());
            db.TechSmeAssessments.Add(recorded);
            audit.Record(AuditAction.SelfAssessment, AuditEntry.Objects.Organisation, id, details: $"{recorded.Year}年度：{recorded.Conclusion()}（{standard.Id} {standard.Version}）");
        }
        Organisation.Version = Input.Version + 1;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", ConflictMessage);
            return Refused();
        }
        Notice = (recorded is not null
            ? $"已记录{recorded.Year}年度科技型中小企业自评：{recorded.Conclusion()}"
            : "已保存，尚未记录自评结论；填写完整后请点“完成自评”")
            + string.Concat(known.Select(name => $"；“{name}”已上传过，未重复保存"));
        return RedirectToPage(new { year = Input.Year });
    }

    /// <summary>The form shown again with what was typed; a file chosen in it was not kept, and the browser cannot keep it chosen.</summary>
    private PageResult Refused()
    {
        if (Request.HasFormContentType && Request.Form.Files.Any(f => f.Length > 0))
            ModelState.AddModelError("", "本次未保存，所选的证明材料也未上传，请重新选择文件");
        return Page();
    }

    /// <summary>The id an error's key belongs to on this page: a fact's input, or the part of the page a proof is chosen in.</summary>
    public static string? AnchorOf(string key) =>
        key.StartsWith("Input.Facts[", StringComparison.Ordinal) ? "fact-" + key["Input.Facts[".Length..^1]
        : key == ProofInput("registration") ? "registration"
        : key.StartsWith(ProofInput(""), StringComparison.Ordinal) ? "direct"
        : null;

    public string? ErrorFor(string name) => ModelState.TryGetValue(name, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    /// <summary>The standard's facts read from a profile and judged, or the reader's errors shown beside their fields.</summary>
    private (Facts? Facts, Assessment? Assessment) Evaluate(JsonObject profile)
    {
        var read = TechSmeContract.ReadProfile(profile, ChinaTime.DateOf(clock.GetUtcNow()), Input.Year, standard);
        foreach (var error in read.Errors)
        {
            var field = Inputs.FirstOrDefault(f => "applicant." + f.Path == error.Path);
            // a stored fact this page does not ask for (the HTE certificate's date): named as the profile names it
            ModelState.AddModelError(field?.Name ?? "", field is null
                ? $"单位信息中的“{guides.Default.Facts.Find(error.Path)?.Label ?? error.Path}”无法读取（{error.Message}），请在单位信息中修改"
                : error.Message.Replace(error.Path, field.Called, StringComparison.Ordinal));
        }
        return read.Facts is { } facts ? (facts, Evaluation.Assess(standard, facts)) : (null, null);
    }

    private static readonly string[] ResultParts = ["conditions", "direct", "indicators"];

    /// <summary>The messages of a recorded assessment, as its result was stored: conditions, routes, indicators.</summary>
    public static IEnumerable<string> Messages(TechSmeAssessment record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var result = JsonNode.Parse(record.Result) as JsonObject;
        return ResultParts
            .SelectMany(part => (result?[part] as JsonArray ?? []).OfType<JsonObject>())
            .Select(item => item["message"]?.GetValue<string>())
            .OfType<string>();
    }

    private JsonObject StoredProfile() => JsonNode.Parse(Organisation.ProfileJson) as JsonObject ?? [];

    private async Task LoadAsync(CancellationToken ct)
    {
        var id = User.OrganisationId();
        Organisation = await db.Organisations.SingleAsync(o => o.Id == id, ct);
        // an assessment is for a call: a year no guide asks for would only replace the record the rule reads
        Years = guides.All.Select(g => g.Year).Append(guides.Default.Year).Distinct().Order().ToList();
        History = await db.TechSmeAssessments.AsNoTracking().Where(t => t.OrganisationId == id).OrderByDescending(t => t.Id).ToListAsync(ct);
        Proofs = (await db.Attachments.AsNoTracking()
                .Where(a => a.OrganisationId == id && a.ApplicationId == null && a.Purpose.StartsWith(TechSmeAssessments.RegistrationProof))
                .OrderBy(a => a.Id).ToListAsync(ct))
            .ToLookup(a => a.Purpose);
        var profile = StoredProfile();
        HighTech = (ProfileValues.Flag(At(profile, "highTech.certified")), ProfileValues.Text(At(profile, "highTech.validTo")));
    }
}
