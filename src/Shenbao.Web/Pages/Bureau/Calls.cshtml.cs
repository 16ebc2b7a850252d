using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Web.Audit;
using Shenbao.Web.Files;
using Shenbao.Web.Guides;
using Shenbao.Web.Notifications;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Bureau;

/// <summary>
/// 申报批次: the bureau imports a guide file (validated, every error with its line; kept in the database and served like
/// the shipped guides), creates a call from it with its three instants (Beijing time), publishes it, and moves its
/// deadlines — a change with a reason, audited and announced to those it concerns.
/// </summary>
[Shenbao.Web.Files.TakesUploads]
public sealed class CallsModel(AppDbContext db, GuideCatalog guides, FactCatalog facts, AuditLog audit, Notifier notifier, TimeProvider clock) : PageModel
{
    public IReadOnlyList<FundingCall> Calls { get; private set; } = [];
    public IReadOnlyList<Guide> Unused { get; private set; } = [];
    public IReadOnlyList<GuideError> ImportErrors { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is not { Length: > 0 }) return await ShowAsync("请选择要导入的指南文件（YAML）", ct);
        if (file.Length > StoredGuide.YamlLimit) return await ShowAsync($"指南文件不能超过 {StoredGuide.YamlLimit / 1000} KB", ct);
        string yaml;
        using (var reader = new StreamReader(file.OpenReadStream(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            yaml = await reader.ReadToEndAsync(ct);
        switch (GuideLoader.Load(yaml, file.VisibleName(), facts: facts))
        {
            case GuideLoad.Invalid invalid:
                ImportErrors = invalid.Errors;
                return await ShowAsync($"指南文件“{file.VisibleName()}”有 {invalid.Errors.Count} 处错误，未导入", ct);
            case GuideLoad.Loaded loaded:
                var guide = loaded.Guide;
                if (guides.Find(guide.Id) is { } known) return await ShowAsync($"指南“{guide.Id}”已存在（版本 {known.Version}），未导入；新的指南请使用新的 id", ct);
                db.StoredGuides.Add(new StoredGuide { GuideId = guide.Id, Version = guide.Version, Yaml = yaml, ImportedAt = clock.GetUtcNow(), ImportedBy = User.DisplayName() });
                audit.Record(AuditAction.ConfigChange, AuditEntry.Objects.System, guide.Id, details: $"导入指南 {guide.Id}（版本 {guide.Version}，{guide.Categories.Count} 个类别）");
                await db.SaveChangesAsync(ct);
                guides.TryAdd(guide);
                Message = $"已导入指南：{guide.Title}（{guide.Id}，版本 {guide.Version}），可据此创建申报批次";
                return RedirectToPage();
            default:
                throw new System.Diagnostics.UnreachableException();
        }
    }

    public async Task<IActionResult> OnPostCreateAsync(string? guide, string? title, string? opensAt, string? deadline, string? recommendationDeadline, CancellationToken ct)
    {
        if (guides.Find(guide ?? "") is not { } chosen) return await ShowAsync("请选择指南", ct);
        if (await db.Calls.AnyAsync(c => c.GuideId == chosen.Id, ct)) return await ShowAsync($"指南“{chosen.Id}”已有申报批次：一份指南对应一个批次", ct);
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 200) return await ShowAsync("请填写批次名称（不超过200字）", ct);
        if (Instant(opensAt) is not { } opens || Instant(deadline) is not { } due || Instant(recommendationDeadline) is not { } recommend)
            return await ShowAsync("请填写开始时间、申报截止时间和推荐截止时间（北京时间）", ct);
        if (Order(opens, due, recommend) is { } problem) return await ShowAsync(problem, ct);
        var call = new FundingCall { GuideId = chosen.Id, Title = title.Trim(), OpensAt = opens, Deadline = due, RecommendationDeadline = recommend, IsDraft = true };
        db.Calls.Add(call);
        await db.SaveChangesAsync(ct);
        audit.Record(AuditAction.CallChange, AuditEntry.Objects.Call, Id(call.Id), details: $"创建批次“{call.Title}”（指南 {chosen.Id}）：{Describe(call)}");
        await db.SaveChangesAsync(ct);
        Message = $"已创建批次“{call.Title}”（未发布）。核对后请发布，并按需设置推荐限额。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPublishAsync(int call, CancellationToken ct)
    {
        if (await db.Calls.SingleOrDefaultAsync(c => c.Id == call, ct) is not { } found) return NotFound();
        if (!found.IsDraft) return await ShowAsync($"批次“{found.Title}”已发布", ct);
        found.IsDraft = false;
        audit.Record(AuditAction.CallChange, AuditEntry.Objects.Call, Id(found.Id), details: $"发布批次“{found.Title}”：{Describe(found)}");
        await db.SaveChangesAsync(ct);
        Message = $"已发布批次“{found.Title}”：首页即显示，{ChinaTime.Describe(found.OpensAt)}起可申报。";
        return RedirectToPage();
    }

    /// <summary>Moves the submission and recommendation deadlines (later to extend, now to close): a reason is required and announced.</summary>
    public async Task<IActionResult> OnPostDeadlinesAsync(int call, string? deadline, string? recommendationDeadline, string? reason, CancellationToken ct)
    {
        if (await db.Calls.SingleOrDefaultAsync(c => c.Id == call, ct) is not { } found) return NotFound();
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500) return await ShowAsync("调整截止时间须写明理由（不超过500字），理由将通知申报单位和推荐单位", ct);
        if (Instant(deadline) is not { } due || Instant(recommendationDeadline) is not { } recommend) return await ShowAsync("请填写新的申报截止时间和推荐截止时间（北京时间）", ct);
        if (Order(found.OpensAt, due, recommend) is { } problem) return await ShowAsync(problem, ct);
        if (due == found.Deadline && recommend == found.RecommendationDeadline) return await ShowAsync("截止时间没有变化", ct);
        var before = Describe(found);
        found.Deadline = due;
        found.RecommendationDeadline = recommend;
        audit.Record(AuditAction.CallChange, AuditEntry.Objects.Call, Id(found.Id), details: $"调整截止时间：{before} → {Describe(found)}；理由：{reason}");
        if (!found.IsDraft)
        {
            // those it concerns: every organisation with an application in the call, and every 推荐单位
            var organisations = await db.Applications.Where(a => a.CallId == found.Id).Select(a => a.OrganisationId).Distinct().ToListAsync(ct);
            var people = await db.Users.Where(u => (u.OrganisationId != null && organisations.Contains(u.OrganisationId.Value)) || u.District != null).ToListAsync(ct);
            notifier.Notify(people, $"截止时间调整：{found.Title}",
                $"{found.Title}的截止时间已调整：申报截止 {ChinaTime.Describe(due)}，推荐截止 {ChinaTime.Describe(recommend)}（北京时间）。\n理由：{reason}", "/");
        }
        await db.SaveChangesAsync(ct);
        Message = $"已调整“{found.Title}”的截止时间，并已通知相关申报单位和推荐单位。";
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(string error, CancellationToken ct)
    {
        Error = error;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Calls = (await db.Calls.AsNoTracking().ToListAsync(ct)).OrderByDescending(c => c.OpensAt).ToList();
        var used = Calls.Select(c => c.GuideId).ToHashSet(StringComparer.Ordinal);
        Unused = guides.All.Where(g => !used.Contains(g.Id)).ToList();
    }

    /// <summary>A datetime-local value, read as Beijing time.</summary>
    public static DateTimeOffset? Instant(string? text) =>
        DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, TimeSpan.FromHours(8)).ToUniversalTime()
            : null;

    private static string? Order(DateTimeOffset opens, DateTimeOffset deadline, DateTimeOffset recommendation) =>
        deadline <= opens ? "申报截止时间应晚于开始时间"
        : recommendation < deadline ? "推荐截止时间不能早于申报截止时间"
        : null;

    private static string Describe(FundingCall call) =>
        $"开始 {ChinaTime.Describe(call.OpensAt)}，申报截止 {ChinaTime.Describe(call.Deadline)}，推荐截止 {ChinaTime.Describe(call.RecommendationDeadline)}";

    public static string Local(DateTimeOffset at) => ChinaTime.Local(at).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
