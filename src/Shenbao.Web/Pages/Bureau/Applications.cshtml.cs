using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Applications;

namespace Shenbao.Web.Pages.Bureau;

/// <summary>
/// 形式审查: the call's submitted applications for the 市科技局, filtered on indexed columns (category, field, district,
/// status, verdict, a warned rule) and searched by number, title or leader, a page at a time; clean cases passed at once.
/// </summary>
public sealed class ApplicationsModel(AppDbContext db, Workspaces workspaces, CrossChecks checks, Transitions transitions, Shenbao.Web.Audit.AuditLog audit) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(int Id, string Number, string? Title, string Organisation, string District, string Category, string? Field,
        ApplicationStatus Status, string? Verdict, bool MayBatch);

    [BindProperty(SupportsGet = true)] public int? Call { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Field { get; set; }
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Verdict { get; set; }
    [BindProperty(SupportsGet = true)] public string? Warned { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<FundingCall> Calls { get; private set; } = [];
    public FundingCall? Chosen { get; private set; }
    public Shenbao.Domain.Guides.Guide? Guide { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<string> Districts { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Calls = await db.Calls.AsNoTracking().ToListAsync(ct);
        Chosen = Calls.FirstOrDefault(c => c.Id == Call) ?? Calls.OrderByDescending(c => c.OpensAt).FirstOrDefault();
        if (Chosen is null) return Page();
        Guide = workspaces.GuideOf(Chosen);
        var query = ReviewList.Of(db.Applications.AsNoTracking(), Chosen.Id, Filter());
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var rows = await query.OrderBy(a => a.Number).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new { a.Id, a.Number, a.Title, Organisation = a.Organisation.Name, a.District, a.Category, a.SupportField, a.Status, a.Verdict })
            .ToListAsync(ct);
        Rows = rows.Select(a => new Row(a.Id, a.Number, a.Title, a.Organisation, a.District, Guide.FindCategory(a.Category)?.Name ?? a.Category, a.SupportField,
            a.Status, a.Verdict, MayBatch(a.Status, a.Verdict, a.Category))).ToList();
        Districts = await db.Applications.AsNoTracking().Where(a => a.CallId == Chosen.Id && a.SubmittedAt != null && a.Status != ApplicationStatus.Draft).Select(a => a.District).Distinct().OrderBy(d => d).ToListAsync(ct);
        return Page();
    }

    /// <summary>The list's filter as given; a status that does not exist is said and left out.</summary>
    private ReviewFilter Filter()
    {
        ApplicationStatus? status = null;
        if (Status is { Length: > 0 } statusId && (status = Workflow.FromId(statusId)) is null) Error = $"状态“{statusId}”不存在";
        return new ReviewFilter(Category, Field, District, status, Verdict, Warned, Q);
    }

    /// <summary>The link that exports the list as filtered now (every page of it): the applications, or each one's rules as frozen.</summary>
    public string? ExportLink(string sheet) => Url.Page("Applications", "Export", new { call = Chosen?.Id, Category, Field, District, Status, Verdict, Warned, Q, sheet });

    /// <summary>
    /// 导出 Excel: exactly the rows of the filter, every page — one per application (with its latest decision and reason,
    /// never an internal note), or, with sheet=checks, one per rule of each submission as frozen. Audited.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(string? sheet, CancellationToken ct)
    {
        if (await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Call, ct) is not { } call) return NotFound();
        var filter = Filter();
        if (Error is not null) return BadRequest(Error);
        var guides = new Dictionary<int, Shenbao.Domain.Guides.Guide> { [call.Id] = workspaces.GuideOf(call) };
        var query = ReviewList.Of(db.Applications, call.Id, filter);
        var counter = new Shenbao.Data.Exports.RowCounter();
        var checksSheet = sheet == "checks";
        var file = checksSheet
            ? await Shenbao.Web.Exports.ExcelDownloads.SheetAsync($"资格检查结果-{call.GuideId}.xlsx", "资格检查结果", Shenbao.Data.Exports.ApplicationSheets.CheckColumns,
                counter.Of(Shenbao.Data.Exports.ApplicationSheets.Checks(db, query, guides)), ct)
            : await Shenbao.Web.Exports.ExcelDownloads.SheetAsync($"形式审查-{call.GuideId}.xlsx", "申报书", Shenbao.Data.Exports.ApplicationSheets.ApplicationColumns,
                counter.Of(Shenbao.Data.Exports.ApplicationSheets.Applications(query, guides)), ct);
        audit.Record(Shenbao.Domain.Audit.AuditAction.Export, Shenbao.Data.Audit.AuditEntry.Objects.Call, call.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: $"形式审查{(checksSheet ? "资格检查结果" : "列表")} {counter.Count} 行");
        await db.SaveChangesAsync(ct);
        return file;
    }

    /// <summary>
    /// 批量通过: each chosen application passed on its own when it is clean — recommended, every rule met, no manual item
    /// to tick and nothing found across the call; any other is left for review one by one, saying why.
    /// </summary>
    public async Task<IActionResult> OnPostBatchAsync(List<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            Message = "请先勾选要通过的申报书";
            return RedirectToPage(new { Call });
        }
        var results = new List<string>();
        var chosen = ids.Distinct().ToList();
        if (chosen.Count > Recommender.ApplicationsModel.BatchLimit)
            results.Add($"一次最多通过 {Recommender.ApplicationsModel.BatchLimit} 份，其余 {chosen.Count - Recommender.ApplicationsModel.BatchLimit} 份请再次勾选");
        foreach (var id in chosen.Take(Recommender.ApplicationsModel.BatchLimit))
        {
            if (await db.Applications.Include(a => a.Call).Include(a => a.Events).SingleOrDefaultAsync(a => a.Id == id && a.SubmittedAt != null && a.Status != ApplicationStatus.Draft, ct) is not { } application)
            {
                results.Add("所选的一份申报书不存在或已撤回，未办理");
                continue;
            }
            var name = application.Title ?? application.Number;
            if (!MayBatch(application.Status, application.Verdict, application.Category, application))
            {
                results.Add($"《{name}》未批量通过：只有已推荐、资格检查全部符合且没有人工审核项的申报书可以批量通过，请逐一审查");
                continue;
            }
            if ((await checks.ForAsync(application, ct)).Count > 0)
            {
                results.Add($"《{name}》未批量通过：与本批次其他申报书有重复或相似之处，请打开逐一审查");
                continue;
            }
            results.Add((await transitions.MakeAsync(application, ApplicationAction.Accept, User, null, "批量通过：资格检查全部符合，无人工审核项，无跨申报问题", ct)).Message);
        }
        Message = string.Join("\n", results);
        return RedirectToPage(new { Call });
    }

    private bool MayBatch(ApplicationStatus status, string? verdict, string category, Application? application = null)
    {
        if (status != ApplicationStatus.Recommended || verdict != "eligible") return false;
        var guide = Guide ?? workspaces.GuideOf(application!.Call);
        return guide.FindCategory(category) is { } found && found.Rules.All(r => r.Severity != Severity.Manual);
    }
}
