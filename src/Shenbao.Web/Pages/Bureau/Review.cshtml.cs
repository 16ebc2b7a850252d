using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Applications;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Bureau;

/// <summary>
/// One application as the 市科技局 reviews it: the frozen record and automatic report, what the call's other
/// applications share with it, the guide's manual items as a checklist, and the answers the table allows now —
/// 形式审查通过 (every manual item ticked), 退回修改 (a reason), 不予受理 (a reason and the clauses it rests on). Expert
/// review starts with the assignment (专家评审) and ends on the ranking page, when the reviews are in.
/// </summary>
public sealed class ReviewModel(AppDbContext db, Workspaces workspaces, CrossChecks checks, Transitions transitions, PaperFiles papers, OfficialListChecks lists, TimeProvider clock) : PageModel
{
    public Workspace? Workspace { get; private set; }
    /// <summary>What the official lists (HTE certificates, contract registrations) say of the submission's claims.</summary>
    public IReadOnlyList<Shenbao.Domain.OfficialLists.ListFinding> ListFindings { get; private set; } = [];
    public IReadOnlyDictionary<string, int> ProofIds { get; private set; } = new Dictionary<string, int>();
    public IReadOnlyList<CrossChecks.Finding> Findings { get; private set; } = [];
    public IReadOnlyList<RuleResult> ManualItems { get; private set; } = [];
    /// <summary>The clauses a refusal may rest on: those of the category's rules, in the guide's order.</summary>
    public IReadOnlyList<Shenbao.Domain.Guides.Clause> Clauses { get; private set; } = [];
    public IReadOnlyList<ApplicationAction> Actions { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? InternalNote { get; set; }
    [BindProperty] public List<string> Checked { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> ManualNotes { get; set; } = [];
    [BindProperty] public List<string> Cited { get; set; } = [];

    [TempData]
    public string? Message { get; set; }

    private static readonly ApplicationAction[] Answers =
        [ApplicationAction.Accept, ApplicationAction.Return, ApplicationAction.Refuse];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) is { } application ? await ShowAsync(application, ct) : NotFound();

    /// <summary>The 申报书 PDF as last submitted (a revision in progress is the applicant's, not printed here).</summary>
    public async Task<IActionResult> OnGetPdfAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) is { } application && await workspaces.ShowAsync(application, ct, official: true) is var shown
            ? papers.Download(this, shown, await lists.ForAsync(shown, ct))
            : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, string? answer, CancellationToken ct)
    {
        if (!Enum.TryParse<ApplicationAction>(answer, out var action) || !Answers.Contains(action)) return BadRequest();
        if (await LoadAsync(id, ct) is not { } application) return NotFound();
        var shown = await workspaces.ShowAsync(application, ct, official: true);
        var manual = shown.Verdict.Rules.Where(r => r.Outcome == Outcome.Manual).ToList();
        var note = InternalNote;
        if (action == ApplicationAction.Accept && manual.Count > 0)
        {
            var unticked = manual.Where(m => !Checked.Contains(m.RuleId)).ToList();
            if (unticked.Count > 0) return await RefusedAsync(application, $"请逐项核查人工审核项后再通过：{string.Join("；", unticked.Select(m => m.Message))}", ct);
            // the checklist as ticked, with each note, is the officials' own record of the pass
            note = string.Join("\n", manual.Select(m => $"已核查：{m.Message}" + (ManualNotes.GetValueOrDefault(m.RuleId)?.Trim() is { Length: > 0 } n ? $"（{n}）" : "")))
                + (note?.Trim() is { Length: > 0 } typed ? "\n" + typed : "");
        }
        var allowed = ClausesOf(shown).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        if (Cited.Any(c => !allowed.Contains(c))) return BadRequest();
        var outcome = await transitions.MakeAsync(application, action, User, Reason, note, ct, Cited);
        if (!outcome.Done)
        {
            db.ChangeTracker.Clear();
            return await LoadAsync(id, ct) is { } fresh ? await RefusedAsync(fresh, outcome.Message, ct) : NotFound();
        }
        Message = outcome.Message;
        return RedirectToPage("Applications", new { call = application.CallId });
    }

    private async Task<IActionResult> RefusedAsync(Application application, string message, CancellationToken ct)
    {
        Error = message;
        return await ShowAsync(application, ct);
    }

    /// <summary>Any submitted application of the bureau's calls; a draft is the applicant's own and is not found.</summary>
    private Task<Application?> LoadAsync(int id, CancellationToken ct) => workspaces.FindSubmittedAsync(id, district: null, ct);

    private async Task<IActionResult> ShowAsync(Application application, CancellationToken ct)
    {
        Workspace = await workspaces.ShowAsync(application, ct, official: true);
        ProofIds = await workspaces.ProofIdsAsync(application.OrganisationId, ct);
        Findings = await checks.ForAsync(application, ct);
        ListFindings = await lists.ForAsync(Workspace, ct);
        ManualItems = Workspace.Verdict.Rules.Where(r => r.Outcome == Outcome.Manual).ToList();
        Clauses = ClausesOf(Workspace);
        var now = clock.GetUtcNow();
        Actions = Answers.Where(a => Workflow.Decide(application.Status, a, User.Role(), now, application.Call.Window, application.ReturnedFrom) is Decision.Allowed).ToList();
        return Page();
    }

    private static List<Shenbao.Domain.Guides.Clause> ClausesOf(Workspace workspace)
    {
        var used = workspace.Category.Rules.Select(r => r.Clause).ToHashSet(StringComparer.Ordinal);
        return workspace.Guide.Clauses.Where(c => used.Contains(c.Id)).ToList();
    }
}
