using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Audit;

namespace Shenbao.Web.Pages.Audit;

/// <summary>
/// 审计日志: the 审计管理员 reads the trail, filtered by person, action, object and date, and exports what the filter
/// shows to Excel (the export is itself a row of the trail). Nobody else reaches this page, the 系统管理员 included.
/// </summary>
public sealed class IndexModel(AppDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;
    public const int ExportLimit = 100_000;

    [BindProperty(SupportsGet = true)] public string? Person { get; set; }
    [BindProperty(SupportsGet = true)] public AuditAction? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? ObjectId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public static IEnumerable<AuditAction> Actions => Enum.GetValues<AuditAction>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Valid()) return Page();
        var rows = Filtered();
        Total = await rows.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await rows.OrderByDescending(a => a.Seq).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return Page();
    }

    /// <summary>The rows the filter selects, oldest first, as an Excel file; the export is recorded before the file leaves.</summary>
    public async Task<IActionResult> OnPostExportAsync(CancellationToken ct)
    {
        if (!Valid()) return await OnGetAsync(ct);
        var total = await Filtered().CountAsync(ct);
        // the newest rows when there are more than the limit (the question is usually about lately), in the trail's order
        var rows = (await Filtered().OrderByDescending(a => a.Seq).Take(ExportLimit).ToListAsync(ct)).AsEnumerable().Reverse().ToList();
        audit.Record(AuditAction.Export, AuditEntry.Objects.AuditTrail, null,
            details: $"导出审计日志 {rows.Count} 行{(total > rows.Count ? $"（共 {total} 行，超过上限，只导出最新的 {rows.Count} 行）" : "")}；筛选：{FilterText()}");
        await db.SaveChangesAsync(ct);

        var sheet = rows.Select(r => new Dictionary<string, object?>
        {
            ["序号"] = r.Seq,
            ["时间（北京时间）"] = ChinaTime.Local(r.At).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            ["用户名"] = r.UserName,
            ["用户ID"] = r.UserId,
            ["角色"] = r.Role is { } role ? Roles.Labels.GetValueOrDefault(role, role) : null,
            ["单位ID"] = r.OrganisationId,
            ["客户端地址"] = r.ClientAddress,
            ["操作"] = AuditActions.Label(r.Action),
            ["对象类型"] = AuditEntry.Objects.Label(r.ObjectType),
            ["对象"] = r.ObjectId,
            ["结果"] = AuditActions.Label(r.Outcome),
            ["详情"] = r.Details,
            ["上一行哈希"] = r.PreviousHash,
            ["本行哈希"] = r.Hash,
        });
        var file = new MemoryStream();
        await file.SaveAsAsync(sheet, sheetName: "审计日志", cancellationToken: ct);
        file.Position = 0;
        var name = $"审计日志-{ChinaTime.Local(clock.GetUtcNow()).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.xlsx";
        return File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    public string Describe(AuditEntry row) => ChinaTime.Local(row.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private bool Valid()
    {
        if (From is { } from && To is { } to && from > to) ModelState.AddModelError(nameof(To), "结束日期不能早于开始日期");
        return ModelState.IsValid;
    }

    private IQueryable<AuditEntry> Filtered()
    {
        var rows = db.AuditTrail.AsNoTracking();
        if (Person?.Trim() is { Length: > 0 } person) rows = rows.Where(a => a.UserName == person || a.UserId == person);
        if (Action is { } action) rows = rows.Where(a => a.Action == action);
        if (ObjectId?.Trim() is { Length: > 0 } objectId) rows = rows.Where(a => a.ObjectId == objectId);
        // dates are Beijing days: from 00:00 of the first to 00:00 after the last
        if (From is { } from) { var start = ChinaTime.StartOf(from); rows = rows.Where(a => a.At >= start); }
        if (To is { } to) { var end = ChinaTime.StartOf(to.AddDays(1)); rows = rows.Where(a => a.At < end); }
        return rows;
    }

    private string FilterText()
    {
        var parts = new List<string>();
        if (Person is { Length: > 0 }) parts.Add($"人员 {Person.Trim()}");
        if (Action is { } action) parts.Add($"操作 {AuditActions.Label(action)}");
        if (ObjectId is { Length: > 0 }) parts.Add($"对象 {ObjectId.Trim()}");
        if (From is { } from) parts.Add($"自 {from:yyyy-MM-dd}");
        if (To is { } to) parts.Add($"至 {to:yyyy-MM-dd}");
        return parts.Count == 0 ? "全部" : string.Join("，", parts);
    }
}
