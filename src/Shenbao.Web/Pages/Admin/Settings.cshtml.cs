using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Settings;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Audit;
using Shenbao.Web.Settings;

namespace Shenbao.Web.Pages.Admin;

/// <summary>
/// 系统设置, the 系统管理员's configuration page (三员分立: users and configuration): the notice at the top of every
/// page and the technical support contact at its foot. Each save is audited with what changed; two administrators
/// saving from the same page: the second is refused, not lost.
/// </summary>
public sealed class SettingsModel(AppDbContext db, AuditLog audit, SiteSettingsCache cache, TimeProvider clock) : PageModel
{
    public const string ConflictMessage = "系统设置已被他人修改，请查看当前设置后重新填写";

    public sealed class InputModel
    {
        [StringLength(SiteSettings.NoticeLimit, ErrorMessage = "系统公告不能超过300个字")]
        [Display(Name = "系统公告")]
        public string? Notice { get; set; }

        [StringLength(SiteSettings.PhoneLimit, ErrorMessage = "技术支持电话不能超过40个字符")]
        [RegularExpression(@"^[0-9+\-() 转]+$", ErrorMessage = "技术支持电话只能包含数字、空格、+、-、括号和“转”，如 0734-1234567")]
        [Display(Name = "技术支持电话")]
        public string? SupportPhone { get; set; }

        [StringLength(SiteSettings.MailLimit, ErrorMessage = "技术支持邮箱不能超过120个字符")]
        [EmailAddress(ErrorMessage = "技术支持邮箱格式不正确，如 support@example.cn")]
        [Display(Name = "技术支持邮箱")]
        public string? SupportMail { get; set; }

        [StringLength(SiteSettings.HoursLimit, ErrorMessage = "服务时间不能超过60个字")]
        [Display(Name = "服务时间")]
        public string? SupportHours { get; set; }

        public SiteSettings ToSettings() => new(Clean(Notice), Clean(SupportPhone), Clean(SupportMail), Clean(SupportHours));

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    /// <summary>Who last changed them and when (China time), or null while nothing was ever set.</summary>
    public string? LastChange { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var record = await LoadAsync(ct);
        var current = record?.ToSettings() ?? SiteSettings.None;
        Input = new InputModel { Notice = current.Notice, SupportPhone = current.SupportPhone, SupportMail = current.SupportMail, SupportHours = current.SupportHours };
        Version = record?.Version ?? 0;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        RefuseControlCharacters();
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var wanted = Input.ToSettings();
        var record = await db.SiteSettings.SingleOrDefaultAsync(r => r.Id == SiteSettingsRecord.TheRow, ct);
        if ((record?.Version ?? 0) != Version) return await ConflictedAsync(ct);
        var before = record?.ToSettings() ?? SiteSettings.None;
        if (record is null) db.SiteSettings.Add(record = new SiteSettingsRecord { ChangedBy = "" });
        (record.Notice, record.SupportPhone, record.SupportMail, record.SupportHours) = (wanted.Notice, wanted.SupportPhone, wanted.SupportMail, wanted.SupportHours);
        record.Version = Version + 1;
        record.ChangedAt = clock.GetUtcNow();
        record.ChangedBy = User.Identity?.Name ?? "";
        var changes = Changes(before, wanted);
        audit.Record(AuditAction.SiteSettingsChanged, Shenbao.Data.Audit.AuditEntry.Objects.System, "site-settings",
            details: changes.Count == 0 ? "未改变任何设置" : string.Join("；", changes));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // another 系统管理员 saved first (the version moved, or both created the row)
            db.ChangeTracker.Clear();
            return await ConflictedAsync(ct);
        }
        cache.Forget();
        Message = changes.Count == 0 ? "系统设置未改变。" : "系统设置已保存：" + string.Join("；", changes) + "。";
        return RedirectToPage();
    }

    /// <summary>What changed, in words for the audit trail and the message; the notice's text is in the trail in full.</summary>
    private static List<string> Changes(SiteSettings before, SiteSettings after)
    {
        var changes = new List<string>();
        void Compare(string label, string? was, string? now)
        {
            if (was == now) return;
            changes.Add(now is null ? $"{label}已清除" : was is null ? $"{label}设为“{now}”" : $"{label}由“{was}”改为“{now}”");
        }
        Compare("系统公告", before.Notice, after.Notice);
        Compare("技术支持电话", before.SupportPhone, after.SupportPhone);
        Compare("技术支持邮箱", before.SupportMail, after.SupportMail);
        Compare("服务时间", before.SupportHours, after.SupportHours);
        return changes;
    }

    /// <summary>Text shown on every page: a control character (other than the notice's line breaks) is refused, not stored.</summary>
    private void RefuseControlCharacters()
    {
        void Check(string key, string label, string? text, bool lineBreaks)
        {
            if (text is not null && text.Any(c => char.IsControl(c) && !(lineBreaks && c is '\r' or '\n')))
                ModelState.AddModelError(key, $"{label}含有不可见的控制字符，请删除后重新填写");
        }
        Check("Input.Notice", "系统公告", Input.Notice, lineBreaks: true);
        Check("Input.SupportPhone", "技术支持电话", Input.SupportPhone, lineBreaks: false);
        Check("Input.SupportMail", "技术支持邮箱", Input.SupportMail, lineBreaks: false);
        Check("Input.SupportHours", "服务时间", Input.SupportHours, lineBreaks: false);
    }

    private async Task<IActionResult> ConflictedAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        ModelState.AddModelError("", ConflictMessage);
        return Page();
    }

    private async Task<SiteSettingsRecord?> LoadAsync(CancellationToken ct)
    {
        var record = await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == SiteSettingsRecord.TheRow, ct);
        LastChange = record is null ? null : $"{record.ChangedBy} 于 {ChinaTime.Describe(record.ChangedAt)} 修改";
        return record;
    }
}
