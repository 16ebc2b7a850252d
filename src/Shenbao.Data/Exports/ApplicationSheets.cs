using Microsoft.EntityFrameworkCore;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;

namespace Shenbao.Data.Exports;

/// <summary>
/// The officials' lists of applications as sheets, for whatever query a screen or the command line has narrowed them
/// to: one row per application (applications, recommendations, formal-review outcomes), one per rule of each
/// submission as frozen (checks), and the 立项 list. Rows are read as they are written, never all at once.
/// </summary>
public static class ApplicationSheets
{
    public static readonly IReadOnlyList<Column> ApplicationColumns =
    [
        new("申报编号", 22), new("批次", 36), new("类别", 22), new("项目名称", 40), new("申报单位", 30), new("统一社会信用代码", 22),
        new("县市区/园区", 18), new("项目负责人", 12), new("支持领域", 18), new("总经费（元）", 14), new("申请资助（元）", 14),
        new("状态", 12), new("资格检查结论", 12), new("提交时间", 18), new("回执号", 24), new("最近办理", 14), new("理由", 40),
    ];

    public static readonly IReadOnlyList<Column> CheckColumns =
    [
        new("申报编号", 22), new("项目名称", 40), new("申报单位", 30), new("类别", 22), new("回执号", 24), new("条件", 24),
        new("结果", 10), new("说明", 60), new("指南条款", 22),
    ];

    public static readonly IReadOnlyList<Column> ApprovedColumns =
    [
        new("申报编号", 22), new("项目名称", 40), new("申报单位", 30), new("县市区/园区", 18), new("类别", 22), new("资助金额（元）", 16),
    ];

    /// <summary>The word for a submission's verdict, as the lists show it.</summary>
    public static string? VerdictLabel(string? verdict) => verdict switch
    {
        "eligible" => "符合", "review" => "须说明理由", "ineligible" => "不符合", _ => null,
    };

    /// <summary>One row per application of the query, in number order, with its latest decision and reason (never an internal note).</summary>
    public static IEnumerable<object?[]> Applications(IQueryable<Application> query, IReadOnlyDictionary<int, Guide> guides)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(guides);
        var rows = query.AsNoTracking().OrderBy(a => a.Number).Select(a => new
        {
            a.Number, a.CallId, Call = a.Call.Title, a.Category, a.Title, Organisation = a.Organisation.Name, a.Organisation.CreditCode, a.District,
            a.LeaderName, a.SupportField, a.TotalBudget, a.RequestedFunding, a.Status, a.Verdict, a.SubmittedAt, a.ReceiptNo,
            Latest = a.Events.OrderByDescending(e => e.Id).Select(e => new { e.Action, e.Reason }).FirstOrDefault(),
        }).AsEnumerable();
        foreach (var a in rows)
            yield return
            [
                a.Number, a.Call, CategoryName(guides, a.CallId, a.Category), a.Title, a.Organisation, a.CreditCode, a.District, a.LeaderName, a.SupportField,
                a.TotalBudget, a.RequestedFunding, Workflow.Label(a.Status), VerdictLabel(a.Verdict),
                a.SubmittedAt is { } at ? ChinaTime.Local(at).DateTime : null, a.ReceiptNo,
                a.Latest is { } latest ? Workflow.Label(latest.Action) : null, a.Latest?.Reason,
            ];
    }

    /// <summary>One row per rule of each application's latest submission as frozen (drafts have none), in number order.</summary>
    public static IEnumerable<object?[]> Checks(AppDbContext db, IQueryable<Application> query, IReadOnlyDictionary<int, Guide> guides)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(guides);
        var rows = query.AsNoTracking().OrderBy(a => a.Number).Select(a => new
        {
            a.Number, a.Title, Organisation = a.Organisation.Name, a.CallId, a.Category,
            Snapshot = db.Snapshots.Where(s => s.ApplicationId == a.Id).OrderByDescending(s => s.Id).Select(s => new { s.ReceiptNo, s.Results }).FirstOrDefault(),
        }).AsEnumerable();
        foreach (var a in rows)
        {
            if (a.Snapshot is null) continue;
            var category = guides.GetValueOrDefault(a.CallId)?.FindCategory(a.Category);
            foreach (var rule in Snapshot.ReadResults(a.Snapshot.Results))
                yield return
                [
                    a.Number, a.Title, a.Organisation, category?.Name ?? a.Category, a.Snapshot.ReceiptNo,
                    category?.Rules.FirstOrDefault(r => r.Id == rule.RuleId)?.Name ?? rule.RuleId, RuleWord.Of(rule), rule.Message, rule.Clause,
                ];
        }
    }

    /// <summary>The 立项 list: the approved applications of the query with their amounts.</summary>
    public static IEnumerable<object?[]> Approved(IQueryable<Application> query, IReadOnlyDictionary<int, Guide> guides)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(guides);
        foreach (var a in query.AsNoTracking().Where(a => a.Status == ApplicationStatus.Approved).OrderBy(a => a.Number)
                     .Select(a => new { a.Number, a.Title, Organisation = a.Organisation.Name, a.District, a.CallId, a.Category, a.ProposedAmount }).AsEnumerable())
            yield return [a.Number, a.Title, a.Organisation, a.District, CategoryName(guides, a.CallId, a.Category), a.ProposedAmount];
    }

    private static string CategoryName(IReadOnlyDictionary<int, Guide> guides, int callId, string category) =>
        guides.GetValueOrDefault(callId)?.FindCategory(category)?.Name ?? category;

}
