using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Web.Applications;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Recommender;

/// <summary>
/// One submitted application of the district as the 推荐单位 reviews it: the record frozen at submission (content, files,
/// check report, timeline with internal notes) and its answers: 推荐, 不予推荐 or 退回修改, the last two with a reason.
/// </summary>
public sealed class ReviewModel(AppDbContext db, Workspaces workspaces, RecommendationGuard guard, Transitions transitions, PaperFiles papers, OfficialListChecks lists, TimeProvider clock) : PageModel
{
    public Workspace? Workspace { get; private set; }
    public IReadOnlyDictionary<string, int> ProofIds { get; private set; } = new Dictionary<string, int>();
    /// <summary>Why 推荐 would be refused now (quota, counted rules), shown before the officer tries.</summary>
    public string? RecommendRefusal { get; private set; }
    public IReadOnlyList<ApplicationAction> Actions { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? InternalNote { get; set; }

    [TempData]
    public string? Message { get; set; }

    private static readonly ApplicationAction[] Answers = [ApplicationAction.Recommend, ApplicationAction.NotRecommend, ApplicationAction.Return];

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
        if (action == ApplicationAction.Recommend)
        {
            var recommended = await ApplicationsModel.RecommendAsync(db, guard, transitions, User, id, ct, Reason, InternalNote);
            if (recommended is null) return NotFound();
            if (!recommended.Done) return await RefusedAsync(id, recommended.Message, ct);
            Message = recommended.Message;
            return RedirectToPage("Applications", new { call = (await db.Applications.AsNoTracking().Where(a => a.Id == id).Select(a => a.CallId).SingleAsync(ct)) });
        }
        if (await LoadAsync(id, ct) is not { } application) return NotFound();
        var outcome = await transitions.MakeAsync(application, action, User, Reason, InternalNote, ct);
        if (!outcome.Done) return await RefusedAsync(id, outcome.Message, ct);
        Message = outcome.Message;
        return RedirectToPage("Applications", new { call = application.CallId });
    }

    /// <summary>The page again with what was typed kept and the refusal at the top; nothing was saved.</summary>
    private async Task<IActionResult> RefusedAsync(int id, string message, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (await LoadAsync(id, ct) is not { } application) return NotFound();
        Error = message;
        return await ShowAsync(application, ct);
    }

    /// <summary>The district's submitted application: another district's, or a draft, is simply not found.</summary>
    private Task<Application?> LoadAsync(int id, CancellationToken ct) => workspaces.FindSubmittedAsync(id, User.District(), ct);

    private async Task<IActionResult> ShowAsync(Application application, CancellationToken ct)
    {
        Workspace = await workspaces.ShowAsync(application, ct, official: true);
        ProofIds = await workspaces.ProofIdsAsync(application.OrganisationId, ct);
        var now = clock.GetUtcNow();
        Actions = Answers.Where(a => Workflow.Decide(application.Status, a, User.Role(), now, application.Call.Window, application.ReturnedFrom) is Decision.Allowed).ToList();
        if (Actions.Contains(ApplicationAction.Recommend)) RecommendRefusal = await guard.RefusalAsync(application, ct);
        return Page();
    }
}
