using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Security;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Audit;

namespace Shenbao.Web.Pages.Admin;

/// <summary>
/// 安全策略, the 安全管理员's page (三员分立: roles and policies only): the password and lockout figures in force, each
/// made stricter within its bounds and never looser than our 等保 level-3 policy. A change applies from the next
/// password set, sign-in or failed attempt; it is audited with the figures before and after.
/// </summary>
public sealed class PoliciesModel(AppDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public const string ConflictMessage = "安全策略已被他人修改，请查看当前策略后重新填写";

    public SecurityPolicy Current { get; private set; } = SecurityPolicy.Default;

    /// <summary>Who last changed it and when (China time), or null while the defaults are in force.</summary>
    public string? LastChange { get; private set; }

    public int Version { get; private set; }

    /// <summary>What was typed, per figure, shown again beside its error when the save is refused.</summary>
    public IReadOnlyDictionary<string, string?> Typed { get; private set; } = new Dictionary<string, string?>();

    [TempData]
    public string? Message { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(Dictionary<string, string?> figure, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var values = new Dictionary<string, int>();
        foreach (var f in SecurityPolicy.Figures)
        {
            if (int.TryParse(figure.GetValueOrDefault(f.Name)?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)) values[f.Name] = value;
            else ModelState.AddModelError(f.Name, $"请填写{f.Label}（整数，单位：{f.Unit}）");
        }
        SecurityPolicy? wanted = null;
        if (ModelState.IsValid)
        {
            wanted = new SecurityPolicy(values[nameof(SecurityPolicy.MinimumLength)], values[nameof(SecurityPolicy.ClassesRequired)], values[nameof(SecurityPolicy.HistoryKept)],
                values[nameof(SecurityPolicy.MaxAgeDays)], values[nameof(SecurityPolicy.MaxFailures)], values[nameof(SecurityPolicy.LockMinutes)]);
            foreach (var (name, message) in wanted.Refusals()) ModelState.AddModelError(name, message);
        }
        if (!ModelState.IsValid || wanted is null)
        {
            await LoadAsync(ct);
            Typed = figure;
            return Page();
        }

        var record = await db.SecurityPolicies.SingleOrDefaultAsync(r => r.Id == SecurityPolicyRecord.TheRow, ct);
        var before = record?.ToPolicy() ?? SecurityPolicy.Default;
        if ((record?.Version ?? 0) != version) return await ConflictedAsync(figure, ct);
        if (record is null) db.SecurityPolicies.Add(record = new SecurityPolicyRecord { ChangedBy = "" });
        record.MinimumLength = wanted.MinimumLength;
        record.ClassesRequired = wanted.ClassesRequired;
        record.HistoryKept = wanted.HistoryKept;
        record.MaxAgeDays = wanted.MaxAgeDays;
        record.MaxFailures = wanted.MaxFailures;
        record.LockMinutes = wanted.LockMinutes;
        record.Version = version + 1;
        record.ChangedAt = clock.GetUtcNow();
        record.ChangedBy = User.Identity?.Name ?? "";
        var changes = SecurityPolicy.Figures.Where(f => f.Of(before) != f.Of(wanted)).Select(f => $"{f.Label} {f.Of(before)}→{f.Of(wanted)}{f.Unit}").ToList();
        audit.Record(AuditAction.SecurityPolicyChanged, Shenbao.Data.Audit.AuditEntry.Objects.System, "security-policy",
            details: changes.Count == 0 ? "未改变任何数值" : string.Join("；", changes));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // another 安全管理员 saved first (the version moved, or both created the row)
            db.ChangeTracker.Clear();
            return await ConflictedAsync(figure, ct);
        }
        Message = changes.Count == 0 ? "安全策略未改变。" : "安全策略已保存：" + string.Join("；", changes) + "。";
        return RedirectToPage();
    }

    private async Task<IActionResult> ConflictedAsync(Dictionary<string, string?> figure, CancellationToken ct)
    {
        await LoadAsync(ct);
        Typed = figure;
        ModelState.AddModelError("", ConflictMessage);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var record = await db.SecurityPolicies.AsNoTracking().SingleOrDefaultAsync(r => r.Id == SecurityPolicyRecord.TheRow, ct);
        Current = record?.ToPolicy() ?? SecurityPolicy.Default;
        Version = record?.Version ?? 0;
        LastChange = record is null ? null : $"{record.ChangedBy} 于 {ChinaTime.Describe(record.ChangedAt)} 修改";
        Typed = SecurityPolicy.Figures.ToDictionary(f => f.Name, f => (string?)f.Of(Current).ToString(CultureInfo.InvariantCulture));
    }
}
