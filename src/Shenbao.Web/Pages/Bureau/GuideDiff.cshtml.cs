using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Web.Files;
using Shenbao.Web.Guides;

namespace Shenbao.Web.Pages.Bureau;

/// <summary>
/// 指南对比: what changed between two guides — two this server knows, or one of them and a file just received (the
/// 2026 guide, before it is imported) — area by area in Chinese: the guide's settings, clauses, attachment types,
/// categories, support fields, rules and their parameters, forms and rubrics. Nothing is imported or stored.
/// </summary>
[Shenbao.Web.Files.TakesUploads]
public sealed class GuideDiffModel(GuideCatalog catalog, FactCatalog facts) : PageModel
{
    public const long FileLimit = Shenbao.Data.StoredGuide.YamlLimit;

    [BindProperty(SupportsGet = true)] public string? A { get; set; }
    [BindProperty(SupportsGet = true)] public string? B { get; set; }

    public IReadOnlyList<Guide> Guides { get; private set; } = [];
    public Guide? Before { get; private set; }
    public Guide? After { get; private set; }

    /// <summary>The name the new side goes by: a known guide's id, or the uploaded file's name.</summary>
    public string? AfterName { get; private set; }
    public IReadOnlyList<GuideChange>? Changes { get; private set; }
    public IReadOnlyList<GuideError> Errors { get; private set; } = [];
    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        Guides = catalog.All.ToList();
        Before = A is { } a ? catalog.Find(a) : Guides.Skip(1).FirstOrDefault() ?? Guides[0];
        After = B is { } b ? catalog.Find(b) : Guides.Count > 1 ? Guides[0] : null;
        if ((A is not null && Before is null) || (B is not null && After is null))
        {
            Error = $"没有编号为“{(Before is null ? A : B)}”的指南";
            return Page();
        }
        (A, B, AfterName) = (Before!.Id, After?.Id, After?.Id);
        if (After is not null) Changes = GuideDiff.Between(Before, After);
        return Page();
    }

    /// <summary>Compares a guide file just received with a known guide; the file is checked like any guide, and every problem named with its line.</summary>
    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        Guides = catalog.All.ToList();
        Before = A is { } a ? catalog.Find(a) : Guides[0];
        if (Before is null) { Error = $"没有编号为“{A}”的指南"; return Page(); }
        A = Before.Id;
        if (file is not { Length: > 0 }) { Error = "请选择要比较的指南文件（YAML）"; return Page(); }
        if (file.Length > FileLimit) { Error = $"指南文件超过 {FileLimit / 1024} KB"; return Page(); }
        string yaml;
        // UTF-8 only: a UTF-16 byte-order mark is not taken as a hint, it is an encoding the guide files do not use
        using (var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false))
        {
            try
            {
                yaml = (await reader.ReadToEndAsync(ct)).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException)
            {
                Error = "指南文件不是 UTF-8 编码的文本，请以 UTF-8 保存后重试";
                return Page();
            }
        }
        AfterName = file.VisibleName();
        switch (GuideLoader.Load(yaml, AfterName, facts: facts))
        {
            case GuideLoad.Loaded { Guide: var guide }:
                After = guide;
                Changes = GuideDiff.Between(Before, guide);
                break;
            case GuideLoad.Invalid { Errors: var errors }:
                Errors = errors;
                Error = $"“{AfterName}”不是有效的指南文件（共 {errors.Count} 处错误），无法比较";
                break;
        }
        return Page();
    }

    public static string KindName(ChangeKind kind) => kind switch { ChangeKind.Added => "新增", ChangeKind.Removed => "删除", _ => "修改" };
}
