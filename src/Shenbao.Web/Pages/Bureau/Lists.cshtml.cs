using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Data.OfficialLists;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Experts;
using Shenbao.Web.Audit;
using Shenbao.Web.Files;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Bureau;

/// <summary>
/// 官方名单: the HTE certificate list and the technology-contract registration list, imported from Excel. A file with
/// any bad row imports nothing and names every row; a good one becomes the next version, the one claims are checked
/// against from then on (earlier versions are kept). Audited.
/// </summary>
[Shenbao.Web.Files.TakesUploads]
public sealed class ListsModel(AppDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public const long FileLimit = 20 * 1024 * 1024;

    public IReadOnlyList<OfficialListImport> Imports { get; private set; } = [];
    public OfficialListKind? Kind { get; private set; }
    public IReadOnlyList<SheetError> Errors { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? kind, IFormFile? file, CancellationToken ct)
    {
        if (!Enum.TryParse<OfficialListKind>(kind, out var chosen)) return BadRequest();
        Kind = chosen;
        if (file is not { Length: > 0 }) return await RefusedAsync([new SheetError(1, "", "", "请选择要导入的名单（Excel 工作簿 .xlsx）")], ct);
        if (file.Length > FileLimit) return await RefusedAsync([new SheetError(1, "", "", $"文件超过 {FileLimit / 1024 / 1024} MB")], ct);
        (int Rows, IReadOnlyList<SheetError> Errors, Func<int, IEnumerable<object>> Entries) read;
        await using (var stream = file.OpenReadStream())
            read = await OfficialListStore.ReadAsync(stream, chosen, ct);
        if (read.Errors.Count > 0) return await RefusedAsync(read.Errors, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        OfficialListImport import;
        try
        {
            import = await OfficialListStore.ImportAsync(db, chosen, file.VisibleName(), read.Rows, read.Entries, User.DisplayName(), clock.GetUtcNow(), ct);
        }
        catch (DbUpdateException)
        {
            // another officer's import of the same list took this version a moment ago
            return await RefusedAsync([new SheetError(1, "", "", "另一次导入刚刚完成，请刷新后重新导入")], ct);
        }
        audit.Record(AuditAction.OfficialListImport, AuditEntry.Objects.OfficialList, import.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: $"导入{OfficialListImport.Name(chosen)}第{import.Version}版，{import.Rows} 条（文件 {import.FileName}）");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Message = $"已导入{OfficialListImport.Name(chosen)}第{import.Version}版，共 {import.Rows} 条；此后的核对以此版为准";
        return RedirectToPage();
    }

    private async Task<IActionResult> RefusedAsync(IReadOnlyList<SheetError> errors, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Errors = errors;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Imports = (await db.OfficialListImports.AsNoTracking().ToListAsync(ct)).OrderBy(i => i.Kind).ThenByDescending(i => i.Version).ToList();
}
