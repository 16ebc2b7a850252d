using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Web.Applications;
using Shenbao.Web.Audit;
using Shenbao.Web.Setup;

namespace Shenbao.Web.Pages.Bureau;

/// <summary>限额推荐: how many of each category each 推荐单位 may recommend in a call, where the bureau sets a limit (blank: none).</summary>
public sealed class QuotasModel(AppDbContext db, Workspaces workspaces, Districts districts, AuditLog audit) : PageModel
{
    public FundingCall? Call { get; private set; }
    public Shenbao.Domain.Guides.Guide? Guide { get; private set; }
    public IReadOnlyList<string> Districts => districts.All;
    /// <summary>The limits as shown: "district|category" → the text in the field (kept as typed after a refusal).</summary>
    public Dictionary<string, string> Limits { get; private set; } = [];
    public List<string> Errors { get; } = [];

    [TempData]
    public string? Message { get; set; }

    public static string Key(string district, string category) => $"{district}|{category}";

    public async Task<IActionResult> OnGetAsync(int call, CancellationToken ct)
    {
        if (!await LoadAsync(call, ct)) return NotFound();
        Limits = (await db.RecommendationQuotas.AsNoTracking().Where(q => q.CallId == call).ToListAsync(ct))
            .ToDictionary(q => Key(q.District, q.Category), q => q.Limit.ToString(CultureInfo.InvariantCulture));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int call, Dictionary<string, string?> limit, CancellationToken ct)
    {
        if (!await LoadAsync(call, ct)) return NotFound();
        var wanted = new Dictionary<(string District, string Category), int>();
        foreach (var district in districts.All)
            foreach (var category in Guide!.Categories)
            {
                var text = limit.GetValueOrDefault(Key(district, category.Id))?.Trim();
                Limits[Key(district, category.Id)] = text ?? "";
                if (string.IsNullOrEmpty(text)) continue;
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 10_000)
                    Errors.Add($"{district}·{category.Name}：限额应为0至10000的整数（留空为不限）");
                else wanted[(district, category.Id)] = value;
            }
        if (Errors.Count > 0) return Page();
        var existing = await db.RecommendationQuotas.Where(q => q.CallId == call).ToListAsync(ct);
        db.RecommendationQuotas.RemoveRange(existing.Where(q => !wanted.ContainsKey((q.District, q.Category))));
        foreach (var ((district, category), value) in wanted)
        {
            if (existing.FirstOrDefault(q => q.District == district && q.Category == category) is { } quota) quota.Limit = value;
            else db.RecommendationQuotas.Add(new RecommendationQuota { CallId = call, District = district, Category = category, Limit = value });
        }
        audit.Record(AuditAction.CallChange, AuditEntry.Objects.Call, call.ToString(CultureInfo.InvariantCulture),
            details: $"推荐限额：{(wanted.Count == 0 ? "不设限额" : string.Join("；", wanted.Select(w => $"{w.Key.District}·{w.Key.Category}={w.Value}")))}");
        await db.SaveChangesAsync(ct);
        Message = $"已保存推荐限额（{wanted.Count} 项）。";
        return RedirectToPage(new { call });
    }

    private async Task<bool> LoadAsync(int call, CancellationToken ct)
    {
        Call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == call, ct);
        if (Call is null) return false;
        Guide = workspaces.GuideOf(Call);
        return true;
    }
}
