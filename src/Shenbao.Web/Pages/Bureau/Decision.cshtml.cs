using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Requests;
using Shenbao.Web.Applications;
using Shenbao.Web.Audit;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Bureau;

/// <summary>
/// 立项决定 and 公示: the reviewed applications of a call, in the order of the experts' ranking per category, proposed
/// for funding with their amounts or declined; the proposed list published for its period; objections answered; after the
/// period each approved (立项), and the 立项 list exported.
/// </summary>
public sealed class DecisionModel(AppDbContext db, Workspaces workspaces, Transitions transitions, AuditLog audit, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Number, string? Title, string Organisation, string Category, decimal? Requested, decimal? Proposed, ApplicationStatus Status, int Objections)
    {
        /// <summary>Its line of the experts' ranking (its category's), when it has been reviewed.</summary>
        public Shenbao.Domain.Experts.Ranked? Ranked { get; init; }
    }

    public IReadOnlyList<FundingCall> Calls { get; private set; } = [];
    public FundingCall? Chosen { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Objection> Objections { get; private set; } = [];
    public bool PublicityOver { get; private set; }

    [TempData]
    public string? Message { get; set; }

    private static readonly ApplicationStatus[] Shown =
        [ApplicationStatus.Reviewed, ApplicationStatus.Proposed, ApplicationStatus.Publicity, ApplicationStatus.Approved, ApplicationStatus.Declined];

    public async Task<IActionResult> OnGetAsync(int? call, CancellationToken ct)
    {
        if (await ChooseAsync(call, ct) is not { } chosen) return Page();
        var rows = await db.Applications.AsNoTracking().Where(a => a.CallId == chosen.Id && Shown.Contains(a.Status))
            .OrderBy(a => a.Number)
            .Select(a => new { a.Id, a.Number, a.Title, Organisation = a.Organisation.Name, a.Category, a.RequestedFunding, a.ProposedAmount, a.Status })
            .ToListAsync(ct);
        Objections = (await db.Objections.AsNoTracking().Include(o => o.Application).Where(o => o.Application.CallId == chosen.Id).ToListAsync(ct))
            .OrderBy(o => o.AnsweredAt is not null).ThenBy(o => o.SubmittedAt).ToList();
        var counts = Objections.GroupBy(o => o.ApplicationId).ToDictionary(g => g.Key, g => g.Count());
        var guide = workspaces.GuideOf(chosen);
        var ranking = (await Shenbao.Data.Experts.ReviewRounds.RankingAsync(db, chosen.Id, guide, ct)).SelectMany(c => c.Lines).ToDictionary(l => l.ApplicationId, l => l.Ranked);
        var order = guide.Categories.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        Rows = rows
            .OrderBy(a => order.GetValueOrDefault(a.Category, int.MaxValue))
            .ThenBy(a => ranking.GetValueOrDefault(a.Id) is { Rank: > 0 } r ? r.Rank : int.MaxValue).ThenBy(a => a.Number, StringComparer.Ordinal)
            .Select(a => new Row(a.Id, a.Number, a.Title, a.Organisation, guide.FindCategory(a.Category)?.Name ?? a.Category, a.RequestedFunding,
                a.ProposedAmount, a.Status, counts.GetValueOrDefault(a.Id)) { Ranked = ranking.GetValueOrDefault(a.Id) }).ToList();
        PublicityOver = chosen.PublicityEndsAt is { } end && clock.GetUtcNow() >= end;
        return Page();
    }

    /// <summary>列入拟立项 with the amount the bureau would fund: more than nothing, and not more than was asked.</summary>
    public async Task<IActionResult> OnPostProposeAsync(int call, int id, string? amount, CancellationToken ct)
    {
        if (await LoadAsync(id, call, ct) is not { } application) return NotFound();
        var name = application.Title ?? application.Number;
        var value = Money.Parse(amount);
        if (value is not > 0) Message = $"《{name}》：请填写拟资助金额（元，大于0）";
        else if (application.RequestedFunding is { } requested && value > requested) Message = $"《{name}》：拟资助金额（{Money.Format(value.Value)} 元）不能超过申请的资助（{Money.Format(requested)} 元）";
        else if (value > Listing.MaxAmount) Message = $"《{name}》：金额过大";
        else
        {
            application.ProposedAmount = Math.Round(value.Value, 2);
            Message = (await transitions.MakeAsync(application, ApplicationAction.Propose, User, null, null, ct, auditDetail: $"拟资助 {Money.Format(application.ProposedAmount.Value)} 元")).Message;
        }
        return RedirectToPage(new { call });
    }

    /// <summary>不予立项: from the reviewed list, off the proposed list, or an objection upheld during 公示; always with a reason.</summary>
    public async Task<IActionResult> OnPostDeclineAsync(int call, int id, string? reason, CancellationToken ct)
    {
        if (await LoadAsync(id, call, ct) is not { } application) return NotFound();
        Message = (await transitions.MakeAsync(application, ApplicationAction.Decline, User, reason, null, ct)).Message;
        return RedirectToPage(new { call });
    }

    /// <summary>发布公示: every proposed application of the call published together, for a period of whole days from now.</summary>
    public async Task<IActionResult> OnPostPublishAsync(int call, int days, CancellationToken ct)
    {
        if (await db.Calls.SingleOrDefaultAsync(c => c.Id == call, ct) is not { } chosen) return NotFound();
        if (days is < 1 or > 60)
        {
            Message = "公示期应为1至60天";
            return RedirectToPage(new { call });
        }
        if (await db.Applications.AnyAsync(a => a.CallId == call && a.Status == ApplicationStatus.Publicity, ct))
        {
            Message = "本批次的拟立项名单正在公示，须待本次公示结束并作出决定后再发布";
            return RedirectToPage(new { call });
        }
        var proposed = await db.Applications.Include(a => a.Call).Include(a => a.Events).Where(a => a.CallId == call && a.Status == ApplicationStatus.Proposed).ToListAsync(ct);
        if (proposed.Count == 0)
        {
            Message = "没有拟立项的申报书，不能发布公示";
            return RedirectToPage(new { call });
        }
        var now = clock.GetUtcNow();
        chosen.PublicityStartsAt = now;
        chosen.PublicityEndsAt = now.AddDays(days);
        foreach (var application in proposed)
        {
            application.Call = chosen;
            var staged = await transitions.StageAsync(application, ApplicationAction.Publish, User, null, null, ct,
                auditDetail: $"公示期至{ChinaTime.Describe(chosen.PublicityEndsAt.Value)}");
            if (!staged.Done) throw new InvalidOperationException(staged.Message);
        }
        audit.Record(AuditAction.PublishList, AuditEntry.Objects.Call, call.ToString(CultureInfo.InvariantCulture),
            details: $"{proposed.Count} 项，公示期 {ChinaTime.Describe(now)} 至 {ChinaTime.Describe(chosen.PublicityEndsAt.Value)}");
        await db.SaveChangesAsync(ct);
        Message = $"已发布公示：{proposed.Count} 项，公示期至{ChinaTime.Describe(chosen.PublicityEndsAt.Value)}。公示页：/Publicity";
        return RedirectToPage(new { call });
    }

    /// <summary>立项: every application still on the published list, once the period has ended (the table refuses it before).</summary>
    public async Task<IActionResult> OnPostApproveAsync(int call, CancellationToken ct)
    {
        var listed = await db.Applications.Where(a => a.CallId == call && a.Status == ApplicationStatus.Publicity).Select(a => a.Id).ToListAsync(ct);
        var results = new List<string>();
        foreach (var id in listed)
            if (await LoadAsync(id, call, ct) is { } application)
                results.Add((await transitions.MakeAsync(application, ApplicationAction.Approve, User, null, null, ct)).Message);
        Message = results.Count == 0 ? "没有公示中的申报书" : string.Join("\n", results);
        return RedirectToPage(new { call });
    }

    public async Task<IActionResult> OnPostAnswerAsync(int call, int objection, string? answer, CancellationToken ct)
    {
        if (await db.Objections.Include(o => o.Application).SingleOrDefaultAsync(o => o.Id == objection && o.Application.CallId == call, ct) is not { } found) return NotFound();
        answer = answer?.Trim();
        if (string.IsNullOrEmpty(answer) || answer.Length > Objection.TextLimit)
        {
            Message = $"请填写答复（不超过{Objection.TextLimit}字）";
            return RedirectToPage(new { call });
        }
        found.Answer = answer;
        found.AnsweredAt = clock.GetUtcNow();
        found.AnsweredBy = User.DisplayName();
        audit.Record(AuditAction.ObjectionAnswer, AuditEntry.Objects.Application, found.Application.Number, details: $"异议 {found.Id} 已答复");
        await db.SaveChangesAsync(ct);
        Message = $"已答复对《{found.Application.Title ?? found.Application.Number}》的异议；如异议成立，请对该项作“不予立项”";
        return RedirectToPage(new { call });
    }

    /// <summary>The 立项 list of the call as an Excel file (the same sheet as `export approved`), read back by the tests.</summary>
    public async Task<IActionResult> OnGetExportAsync(int call, CancellationToken ct)
    {
        if (await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == call, ct) is not { } chosen) return NotFound();
        var counter = new Shenbao.Data.Exports.RowCounter();
        var file = await Shenbao.Web.Exports.ExcelDownloads.SheetAsync($"立项名单-{chosen.GuideId}.xlsx", "立项名单", Shenbao.Data.Exports.ApplicationSheets.ApprovedColumns,
            counter.Of(Shenbao.Data.Exports.ApplicationSheets.Approved(db.Applications.Where(a => a.CallId == call), new Dictionary<int, Shenbao.Domain.Guides.Guide> { [call] = workspaces.GuideOf(chosen) })), ct);
        audit.Record(AuditAction.Export, AuditEntry.Objects.Call, call.ToString(CultureInfo.InvariantCulture), details: $"立项名单 {counter.Count} 项");
        await db.SaveChangesAsync(ct);
        return file;
    }

    /// <summary>The call's objections with their answers, as Excel. Audited: it carries the objectors' names and contacts.</summary>
    public async Task<IActionResult> OnGetObjectionsAsync(int call, CancellationToken ct)
    {
        if (await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == call, ct) is not { } chosen) return NotFound();
        var rows = db.Objections.AsNoTracking().Where(o => o.Application.CallId == call).OrderBy(o => o.Id)
            .Select(o => new { o.Application.Number, o.Application.Title, o.Name, o.Contact, o.SubmittedAt, o.Text, o.Answer, o.AnsweredAt, o.AnsweredBy }).AsEnumerable()
            .Select(o => new object?[] { o.Number, o.Title, o.Name, o.Contact, ChinaTime.Local(o.SubmittedAt).DateTime, o.Text, o.Answer, o.AnsweredAt is { } at ? ChinaTime.Local(at).DateTime : null, o.AnsweredBy });
        var counter = new Shenbao.Data.Exports.RowCounter();
        var file = await Shenbao.Web.Exports.ExcelDownloads.SheetAsync($"公示异议-{chosen.GuideId}.xlsx", "公示异议", ObjectionColumns, counter.Of(rows), ct);
        audit.Record(AuditAction.Export, AuditEntry.Objects.Call, call.ToString(CultureInfo.InvariantCulture), details: $"公示异议 {counter.Count} 条");
        await db.SaveChangesAsync(ct);
        return file;
    }

    private static readonly IReadOnlyList<Shenbao.Data.Exports.Column> ObjectionColumns =
    [
        new("申报编号", 22), new("项目名称", 40), new("异议人", 12), new("联系方式", 20), new("提出时间", 18), new("异议内容", 60),
        new("答复", 60), new("答复时间", 18), new("答复人", 14),
    ];

    private async Task<FundingCall?> ChooseAsync(int? call, CancellationToken ct)
    {
        Calls = await db.Calls.AsNoTracking().ToListAsync(ct);
        Chosen = Calls.FirstOrDefault(c => c.Id == call) ?? Calls.OrderByDescending(c => c.OpensAt).FirstOrDefault();
        return Chosen;
    }

    private Task<Application?> LoadAsync(int id, int call, CancellationToken ct) =>
        db.Applications.Include(a => a.Call).Include(a => a.Events).SingleOrDefaultAsync(a => a.Id == id && a.CallId == call && a.SubmittedAt != null && a.Status != ApplicationStatus.Draft, ct);
}
