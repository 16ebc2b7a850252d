using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Insight;
using Shenbao.Domain.Guides;
using Shenbao.Web.Applications;
using Shenbao.Web.Insight;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Bureau;

/// <summary>
/// 参数模拟 (what-if): change any parameter of the call's guide — a threshold, a date, a year, a list, a quota, a
/// severity — and see, per category, how many of the call's real applications (each on its frozen submission) would be
/// eligible, to review or ineligible before and after, and which change verdict because of which rule; exported to Excel.
/// A run goes to the background; past a second the page shows its progress until it is done.
/// </summary>
public sealed class WhatIfModel(AppDbContext db, Workspaces workspaces, WhatIfJobs jobs, Shenbao.Web.Audit.AuditLog audit) : PageModel
{
    /// <summary>How many parameter rows the form offers; more go in the text box, one per line.</summary>
    public const int Rows = 3;

    /// <summary>The changed applications the page lists; the export holds all of them.</summary>
    public const int Shown = 500;

    /// <summary>How long the post waits for a run before it shows the progress bar instead.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    [BindProperty(SupportsGet = true)] public int? Call { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Job { get; set; }

    public IReadOnlyList<FundingCall> Calls { get; private set; } = [];
    public FundingCall? Chosen { get; private set; }
    public Guide? Guide { get; private set; }
    public WhatIfJob? Run { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public IReadOnlyList<(string Path, string Value)> Given { get; private set; } = [];
    public string? More { get; private set; }

    /// <summary>The parameters a what-if may change, by category: what the form's lists offer.</summary>
    public IEnumerable<IGrouping<string, GuideParameter>> Tunable => (Guide?.Parameters ?? []).Where(p => p.Tunable).GroupBy(p => p.Category);

    public string RuleName(GuideParameter parameter) =>
        Guide?.FindCategory(parameter.Category)?.Rules.FirstOrDefault(r => r.Id == parameter.Rule)?.Name ?? parameter.Rule;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Job is { } id)
        {
            if (jobs.Find(id) is not { } job) return await ShowAsync(["这次模拟的结果已过期（保留一小时），请重新运行"], ct);
            Run = job;
            Call = job.CallId;
            Given = job.Settings.Take(Rows).Select(Split).ToList();
            More = string.Join("\n", job.Settings.Skip(Rows));
        }
        return await ShowAsync([], ct);
    }

    /// <summary>Runs the what-if: the settings are checked like the guide file first, and nothing runs while any is wrong.</summary>
    public async Task<IActionResult> OnPostAsync(string[]? paths, string[]? values, string? more, CancellationToken ct)
    {
        var given = (paths ?? []).Zip(values ?? []).Where(p => p.First is { Length: > 0 }).Select(p => (p.First.Trim(), (p.Second ?? "").Trim())).ToList();
        var lines = (more ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var settings = given.Select(p => $"{p.Item1}={p.Item2}").Concat(lines).ToList();
        (Given, More) = (given, more);
        if (!await ChooseAsync(ct)) return NotFound();
        if (given.Any(p => p.Item2.Length == 0)) return await ShowAsync(given.Where(p => p.Item2.Length == 0).Select(p => $"请填写“{p.Item1}”的新值").ToList(), ct);
        var (changed, errors) = GuideLoader.Change(Guide!, settings);
        if (changed is null) return await ShowAsync(errors, ct);
        var job = jobs.Start(Chosen!.Id, Chosen.Title, Guide!, changed, settings, User.DisplayName());
        await Task.WhenAny(job.Running, Task.Delay(Patience, ct));
        return RedirectToPage(new { call = Chosen.Id, job = job.Id });
    }

    /// <summary>The progress bar while the run goes on (htmx polls it); once done, htmx is sent to the results.</summary>
    public IActionResult OnGetProgress()
    {
        if (Job is not { } id || jobs.Find(id) is not { } job) return NotFound();
        if (job.Finished)
        {
            Response.Headers["HX-Redirect"] = Url.Page("WhatIf", new { call = job.CallId, job = job.Id });
            return new NoContentResult();
        }
        return Partial("_WhatIfProgress", job);
    }

    /// <summary>导出 Excel: every application whose verdict the change flips, with the rules that flipped it. Audited.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (Job is not { } id || jobs.Find(id) is not { Report: { } report } job) return NotFound();
        var file = await Shenbao.Web.Exports.ExcelDownloads.SheetAsync($"参数模拟-{report.Guide.Id}.xlsx", "结论改变的申报", CallWhatIf.ChangeColumns, CallWhatIf.ChangeRows(report), ct);
        audit.Record(Shenbao.Domain.Audit.AuditAction.Export, Shenbao.Data.Audit.AuditEntry.Objects.Call, job.CallId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: $"参数模拟结论改变的申报 {report.Simulation.Changes.Count} 行（{string.Join("；", report.Parameters.Select(p => $"{p.Path}={p.Now}"))}）");
        await db.SaveChangesAsync(ct);
        return file;
    }

    private async Task<IActionResult> ShowAsync(IReadOnlyList<string> errors, CancellationToken ct)
    {
        Errors = errors;
        await ChooseAsync(ct);
        return Page();
    }

    private async Task<bool> ChooseAsync(CancellationToken ct)
    {
        (Calls, Chosen) = await Shenbao.Web.Insight.CallChoice.ChooseAsync(db, Call, ct);
        if (Chosen is null) return false;
        Guide = workspaces.GuideOf(Chosen);
        return true;
    }

    private static (string Path, string Value) Split(string setting)
    {
        var equals = setting.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (setting, "") : (setting[..equals], setting[(equals + 1)..]);
    }
}
