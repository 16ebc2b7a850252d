using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Data.Experts;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Experts;
using Shenbao.Web.Audit;
using Shenbao.Web.Experts;
using Shenbao.Web.Files;
using Shenbao.Web.Guides;
using Shenbao.Web.Notifications;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Bureau;

/// <summary>
/// 专家库: the bureau imports experts from Excel (every row checked; a file with any error imports nothing), edits,
/// deactivates and exports them. The 身份证号 is masked everywhere; the full number is shown to an officer who asks,
/// and the asking is audited.
/// </summary>
[Shenbao.Web.Files.TakesUploads]
public sealed class ExpertsModel(AppDbContext db, GuideCatalog guides, UserManager<User> users, Notifier notifier, AuditLog audit, TimeProvider clock) : PageModel
{
    public const long FileLimit = 5 * 1024 * 1024;

    public IReadOnlyList<Expert> Experts { get; private set; } = [];
    public IReadOnlyList<SheetError> ImportErrors { get; private set; } = [];
    public string? Error { get; private set; }
    /// <summary>The expert whose full 身份证号 an officer asked to see, with it.</summary>
    public (int Id, string Number)? Revealed { get; private set; }
    /// <summary>The expert whose edit was refused, with the problems.</summary>
    public (int Id, IReadOnlyList<string> Problems)? EditErrors { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Field { get; set; }
    [BindProperty(SupportsGet = true)] public bool Inactive { get; set; }

    public IReadOnlyList<string> KnownFields => guides.All.SelectMany(g => g.AllFields).Distinct(StringComparer.Ordinal).ToList();

    [TempData]
    public string? Message { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is not { Length: > 0 }) return await ShowAsync("请选择要导入的专家名单（Excel 工作簿 .xlsx）", ct);
        if (file.Length > FileLimit) return await ShowAsync($"文件不能超过 {FileLimit / 1024 / 1024} MB", ct);
        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream, ct);
        stream.Position = 0;
        var sheet = await ExpertPool.ReadAsync(stream, db, KnownFields, ct);
        if (!sheet.Valid)
        {
            ImportErrors = sheet.Errors;
            return await ShowAsync($"“{file.VisibleName()}”有 {sheet.Errors.Count} 处错误，未导入任何专家。请改正后重新导入：", ct);
        }
        var now = clock.GetUtcNow();
        // experts, accounts, invitations and the audit row: one transaction, all or nothing
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var experts = await ExpertPool.StageAsync(db, sheet.Rows, User.DisplayName(), now, ct);
        await ExpertInvitations.StageAsync(experts, users, notifier, now);
        audit.Record(AuditAction.ExpertImport, AuditEntry.Objects.Expert, null, details: $"导入专家 {experts.Count} 人（文件 {file.VisibleName()}），账号已开通，设置密码链接已发至各自邮箱");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // the same file imported a moment ago (a double click): its numbers and addresses are taken now
            await transaction.RollbackAsync(ct);
            return await ShowAsync("表中的专家刚刚已被导入（身份证号或邮箱已在系统中），本次未导入，请查看专家库", ct);
        }
        await transaction.CommitAsync(ct);
        Message = $"已导入 {experts.Count} 位专家，并为每位开通了账号；设置密码的链接已发到各自的邮箱。";
        return RedirectToPage();
    }

    /// <summary>The pool as Excel, the 身份证号 masked; the export is audited.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await ExpertPool.SheetAsync(db, ct);
        audit.Record(AuditAction.Export, AuditEntry.Objects.Expert, null, details: $"专家库 {rows.Count} 人（身份证号已脱敏）");
        await db.SaveChangesAsync(ct);
        var file = new MemoryStream();
        await ExpertPool.WriteAsync(file, rows, "专家库", ct);
        file.Position = 0;
        return File(file, ExpertPool.ContentType, "专家库.xlsx");
    }

    /// <summary>查看完整身份证号: shown on this answer only, and recorded.</summary>
    public async Task<IActionResult> OnPostRevealAsync(int id, CancellationToken ct)
    {
        if (await db.Experts.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } expert) return NotFound();
        audit.Record(AuditAction.ExpertIdentityView, AuditEntry.Objects.Expert, Id(expert.Id), details: "查看完整身份证号");
        await db.SaveChangesAsync(ct);
        Revealed = (expert.Id, expert.IdNumber);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken ct)
    {
        if (await db.Experts.SingleOrDefaultAsync(e => e.Id == id, ct) is not { } expert) return NotFound();
        if (expert.Active != active)
        {
            expert.Active = active;
            expert.Version++;
            audit.Record(active ? AuditAction.ExpertActivate : AuditAction.ExpertDeactivate, AuditEntry.Objects.Expert, Id(expert.Id));
            await db.SaveChangesAsync(ct);
        }
        Message = active ? $"已启用专家{expert.Name}" : $"已停用专家{expert.Name}：不再分配新的评审，已分配的评审请在“专家评审”中按需更换";
        return RedirectToPage(new { Q, Field, Inactive });
    }

    /// <summary>Edits an expert with the import's own checks (the row is checked as a sheet's row would be); a blank 身份证号 keeps the stored one.</summary>
    public async Task<IActionResult> OnPostEditAsync(int id, int version, string? name, string? idNumber, string? organisation, string? title, string? fields,
        string? phone, string? email, string? avoid, CancellationToken ct)
    {
        if (await db.Experts.Include(e => e.User).SingleOrDefaultAsync(e => e.Id == id, ct) is not { } expert) return NotFound();
        if (expert.Version != version) return await ShowAsync($"专家{expert.Name}的信息已被他人修改，请核对后重新编辑（未保存）", ct);
        var newId = string.IsNullOrWhiteSpace(idNumber) ? expert.IdNumber : IdentityNumber.Normalise(idNumber);
        var others = (await db.Experts.AsNoTracking().Where(e => e.Id != id).Select(e => e.IdNumber).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var otherEmails = (await db.Users.AsNoTracking().Where(u => u.Id != expert.UserId).Select(u => u.NormalizedEmail ?? u.NormalizedUserName).ToListAsync(ct)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var read = ExpertSheet.Read(ExpertSheet.Headers, [[name, newId, organisation, title, fields, phone, email, avoid]], KnownFields,
            others.Contains, e => otherEmails.Contains(e.Normalize().ToUpperInvariant()));
        if (!read.Valid)
        {
            EditErrors = (id, read.Errors.Select(e => e.Column + e.Message).ToList());
            return await ShowAsync($"专家{expert.Name}的修改有误，未保存", ct);
        }
        var row = read.Rows[0];
        (expert.Name, expert.IdNumber, expert.Organisation, expert.Title, expert.Fields, expert.Phone, expert.AvoidOrganisations) =
            (row.Name, row.IdNumber, row.Organisation, row.Title, Bars.Join(row.Fields), row.Phone, Bars.Join(row.AvoidOrganisations));
        if (expert.Email != row.Email)
        {
            expert.Email = row.Email;
            // the e-mail is the account's name: it moves with it (saved with the rest, in one save), and the person signs in with the new one
            var normalised = users.NormalizeEmail(row.Email);
            (expert.User.Email, expert.User.NormalizedEmail, expert.User.UserName, expert.User.NormalizedUserName) = (row.Email, normalised, row.Email, users.NormalizeName(row.Email));
            expert.User.SecurityStamp = Guid.NewGuid().ToString("N");
            // the link sent to the old address died with the stamp: one who never set a password is invited at the new one
            if (expert.User.PasswordHash is null) expert.InvitedAt = null;
        }
        expert.User.DisplayName = row.Name;
        expert.Version++;
        audit.Record(AuditAction.ExpertEdit, AuditEntry.Objects.Expert, Id(expert.Id), details: "修改专家信息");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // someone saved the same expert, or took the number or the address, a moment ago
            return await ShowAsync($"专家{row.Name}的信息刚刚被他人修改，或身份证号、邮箱已被占用，未保存", ct);
        }
        Message = $"已保存专家{expert.Name}的信息";
        return RedirectToPage(new { Q, Field, Inactive });
    }

    private async Task<IActionResult> ShowAsync(string error, CancellationToken ct)
    {
        Error = error;
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var query = db.Experts.AsNoTracking().Where(e => Inactive || e.Active);
        if (Q?.Trim() is { Length: > 0 } q) query = query.Where(e => e.Name.Contains(q) || e.Organisation.Contains(q));
        if (Field?.Trim() is { Length: > 0 } field) query = query.Where(e => e.Fields.Contains(Bars.Of(field)));
        Experts = await query.OrderBy(e => e.Active ? 0 : 1).ThenBy(e => e.Id).Take(1000).ToListAsync(ct);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
