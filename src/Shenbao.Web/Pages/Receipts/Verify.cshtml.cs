using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;

namespace Shenbao.Web.Pages.Receipts;

/// <summary>
/// 回执核验 (public, no sign-in; where the 申报书's QR code leads): given a receipt number and its hash, says only whether
/// that receipt was issued with that hash and when — nothing of the application. A wrong hash and an unknown number
/// get the same answer, so the page cannot be used to find out which receipts exist.
/// </summary>
public sealed class VerifyModel(AppDbContext db) : PageModel
{
    public const int NumberLimit = 60;

    [BindProperty(SupportsGet = true, Name = "no")] public string? No { get; set; }
    [BindProperty(SupportsGet = true, Name = "hash")] public string? Hash { get; set; }

    /// <summary>When the receipt was issued, if one with this number and hash exists.</summary>
    public DateTimeOffset? IssuedAt { get; private set; }
    public bool Asked { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        No = No?.Trim();
        Hash = Hash?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(No) && string.IsNullOrEmpty(Hash)) return Page();
        if (string.IsNullOrEmpty(No) || No.Length > NumberLimit) Error = $"请填写回执号（如 HENGYANG-2025-00003-1，不超过{NumberLimit}个字符）";
        else if (Hash is not { Length: 64 } || !Hash.All(Uri.IsHexDigit)) Error = "内容摘要应为回执上印的 64 位 SHA-256（0–9、a–f）";
        if (Error is not null) return Page();
        Asked = true;
        var no = No!;
        var hash = Hash!;
        IssuedAt = await db.Snapshots.AsNoTracking().Where(s => s.ReceiptNo == no && s.Hash == hash).Select(s => (DateTimeOffset?)s.SubmittedAt).FirstOrDefaultAsync(ct);
        return Page();
    }
}
