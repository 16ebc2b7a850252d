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
    public bool IsEnterprise => Organisation.Kind == "enterprise";

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
        await LoadAsync(ct);
        if (!IsEnterprise) return Forbid();
        if (!Years.Contains(Input.Year))
        {
            ModelState.AddModelError("", $"评价年度应为 {string.Join("、", Years)} 之一，请重新选择");
            Input.Year = Years[0];
            return Page();
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
        if (!ModelState.IsValid) return Page();

        var profile = Write(stored, Inputs, values);
        var (facts, assessment) = Evaluate(profile);
        Result = assessment;
        if (facts is null || assessment is null) return Page();
        if (record && !assessment.Decided)
        {
            NotRecorded = assessment.Missing;
            return Page();
        }

        // a route declared met is recorded only with its proof, stored before or chosen now
        if (record)
            foreach (var route in DeclaredRoutes.Where(r => values[r] is JsonValue v && v.GetValue<bool>()))
                if (!Proofs[TechSmeAssessments.ProofPurpose(route)].Any() && Request.Form.Files.GetFile(ProofInput(route)) is not { Length: > 0 })
                    ModelState.AddModelError(Inputs.Single(f => f.Key == route).Name, "已选择“是”，请上传证明材料（获奖证书、认定文件或标准文本）后再完成自评");
        if (!ModelState.IsValid) return Page();
        var uploads = await StoreProofsAsync(ct);
        if (uploads is null) return Page();

        var id = Organisation.Id.ToString(CultureInfo.InvariantCulture);
        var changed = Inputs.Where(f => !JsonNode.DeepEquals(At(stored, f.Path), At(profile, f.Path))).Select(f => f.Label.Split('（')[0]).ToList();
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
            return Page();
        }
        Notice = recorded is not null
            ? $"已记录{recorded.Year}年度科技型中小企业自评：{recorded.Conclusion()}"
            : "已保存，尚未记录自评结论；填写完整后请点“完成自评”";
        return RedirectToPage(new { year = Input.Year });
    }

    /// <summary>The 入库登记编号 and its year as typed: both or neither, letters and digits.</summary>
    private (string? Number, int? Year) ValidateNumber()
    {
        var number = Input.Number?.Trim();
        var yearText = Input.NumberYear?.Trim();
        if (string.IsNullOrEmpty(number))
        {
            if (!string.IsNullOrEmpty(yearText)) ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Number)}", "填写了入库年度，请填写入库登记编号（没有的请清空年度）");
            return (null, null);
        }
        if (number.Length > 40 || !number.All(char.IsAsciiLetterOrDigit))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Number)}", "入库登记编号只能由字母和数字组成，不超过40位，请按入库登记证明填写");
        var year = ProfileValues.Year(yearText);
        if (year is null || year < 2017 || year > ChinaTime.DateOf(clock.GetUtcNow()).Year + 1)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.NumberYear)}", "请填写入库年度（四位年份，如 2025）");
        return (number.ToUpperInvariant(), year);
    }

    /// <summary>
    /// Every proof chosen in the form, stored (refused ones named beside their route); null when one was refused. A
    /// document already listed for the same purpose is not listed again.
    /// </summary>
    private async Task<List<Attachment>?> StoreProofsAsync(CancellationToken ct)
    {
        var uploads = new List<Attachment>();
        var refused = false;
        foreach (var (key, purpose) in DeclaredRoutes.Select(r => (r, TechSmeAssessments.ProofPurpose(r))).Append(("registration", TechSmeAssessments.RegistrationProof)))
        {
            if (Request.Form.Files.GetFile(ProofInput(key)) is not { Length: > 0 } file) continue;
            switch (await files.SaveAsync(file, ct))
            {
                case FileStore.Result.Stored stored:
                    var fileName = Path.GetFileName(file.FileName);
                    if (Proofs[purpose].Any(p => p.Sha256 == stored.Sha256)) continue;
                    uploads.Add(Shenbao.Web.Files.Proofs.Of(stored, Organisation.Id, purpose, fileName, User.DisplayName(), clock.GetUtcNow()));
                    break;
                case FileStore.Result.Refused no:
                    ModelState.AddModelError(ProofInput(key), $"“{Path.GetFileName(file.FileName)}”未上传：{no.Message}（请重新选择文件）");
                    refused = true;
                    break;
            }
        }
        return refused ? null : uploads;
    }

    /// <summary>The name of a proof's file input: a route's key, or "registration" for the 入库 proof.</summary>
    public static string ProofInput(string key) => "Proof." + key;

    public string? ErrorFor(string name) => ModelState.TryGetValue(name, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    /// <summary>The standard's facts read from a profile and judged, or the reader's errors shown beside their fields.</summary>
    private (Facts? Facts, Assessment? Assessment) Evaluate(JsonObject profile)
    {
        var read = TechSmeContract.ReadProfile(profile, ChinaTime.DateOf(clock.GetUtcNow()), Input.Year, standard);
        foreach (var error in read.Errors)
        {
            var field = Inputs.FirstOrDefault(f => "applicant." + f.Path == error.Path);
            ModelState.AddModelError(field?.Name ?? "", field is null ? $"单位信息中的 {error.Path} 无法读取：{error.Message}" : error.Message);
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
        var today = ChinaTime.DateOf(clock.GetUtcNow()).Year;
        var first = Math.Min(guides.Default.Year, today);
        Years = Enumerable.Range(first, Math.Max(guides.Default.Year, today) - first + 1).ToList();
        History = await db.TechSmeAssessments.AsNoTracking().Where(t => t.OrganisationId == id).OrderByDescending(t => t.Id).ToListAsync(ct);
        Proofs = (await db.Attachments.AsNoTracking()
                .Where(a => a.OrganisationId == id && a.ApplicationId == null && a.Purpose.StartsWith(TechSmeAssessments.RegistrationProof))
                .OrderBy(a => a.Id).ToListAsync(ct))
            .ToLookup(a => a.Purpose);
        var profile = StoredProfile();
        HighTech = (ProfileValues.Flag(At(profile, "highTech.certified")), ProfileValues.Text(At(profile, "highTech.validTo")));
    }
}
