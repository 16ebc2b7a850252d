using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;
using Shenbao.Web.Notifications;
using Shenbao.Domain.Applications;
using Shenbao.Web.Applications;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Applications;

/// <summary>
/// An application as submitted: receipt, content, check and timeline, all read from the frozen snapshot (never from
/// today's profile); withdrawal until recommendation.
/// </summary>
public sealed class DetailsModel(AppDbContext db, Workspaces workspaces, AuditLog audit, Notifier notifier, Transitions transitions, PaperFiles papers, OfficialListChecks lists, TimeProvider clock) : PageModel
{
    public Workspace? Workspace { get; private set; }
    public bool Submitted { get; private set; }
    public bool CanWithdraw { get; private set; }
    /// <summary>放弃申报: for good, with a reason, at any point before a decision.</summary>
    public bool CanAbandon { get; private set; }
    [BindProperty] public string? AbandonReason { get; set; }
    public string? AbandonError { get; private set; }
    public string? Message { get; private set; }

    /// <summary>The organisation's 科技型中小企业 standing: the self-assessment recorded when it submitted (or now, for a draft).</summary>
    public Shenbao.Web.Organisations.TechSmeStatus? TechSme { get; private set; }
    public IReadOnlyDictionary<string, int> ProofIds { get; private set; } = new Dictionary<string, int>();

    public async Task<IActionResult> OnGetAsync(int id, bool submitted, CancellationToken ct)
    {
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        await ShowAsync(application, ct);
        // the banner after the redirect from 提交, while what it announces stands
        Submitted = submitted && Workspace!.Snapshot is not null;
        return Page();
    }

    /// <summary>The 申报书 PDF of what this page shows: the submission as frozen, or the draft with a 草稿 watermark.</summary>
    public async Task<IActionResult> OnGetPdfAsync(int id, CancellationToken ct)
    {
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        var shown = await workspaces.ShowAsync(application, ct);
        return papers.Download(this, shown, await lists.ForAsync(shown, ct));
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken ct)
    {
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        var now = clock.GetUtcNow();
        switch (Workflow.Decide(application.Status, ApplicationAction.Withdraw, User.Role(), now, application.Call.Window))
        {
            case Decision.Refused refused:
                Message = refused.Reason;
                await ShowAsync(application, ct);
                return Page();
            case Decision.Allowed step:
                application.Events.Add(ApplicationEvent.Of(step, User.UserId(), User.Role(), User.DisplayName(), now, $"撤回回执 {application.ReceiptNo}"));
                application.Status = step.To;
                application.Version++;
                application.LastEditor = null;
                application.UpdatedAt = now;
                audit.Record(AuditActions.Of(step.Action), AuditEntry.Objects.Application, application.Number, details: $"撤回回执 {application.ReceiptNo}");
                notifier.Notify(await notifier.ConcernedWithAsync(application, ct), $"已撤回：{application.Title ?? application.Number}",
                    $"申报书《{application.Title ?? application.Number}》（回执号 {application.ReceiptNo}）已于{Shenbao.Domain.Eligibility.ChinaTime.Describe(now)}由{User.DisplayName()}撤回，现为草稿。" +
                    $"请在{Shenbao.Domain.Eligibility.ChinaTime.Describe(application.Call.Deadline)}截止前修改并重新提交，否则不能参加本批次评审。",
                    $"/Applications/Edit/{application.Id}");
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    return RedirectToPage("Details", new { id });
                }
                TempData["Message"] = "已撤回，可以修改后重新提交";
                return RedirectToPage("Edit", new { id });
            default:
                throw new System.Diagnostics.UnreachableException();
        }
    }

    public async Task<IActionResult> OnPostAbandonAsync(int id, CancellationToken ct)
    {
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        var outcome = await transitions.MakeAsync(application, ApplicationAction.Abandon, User, AbandonReason, null, ct);
        if (outcome.Done)
        {
            TempData["Message"] = "已放弃申报。此申报书不再参加本批次，不能再提交。";
            return RedirectToPage("Details", new { id });
        }
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } fresh) return NotFound();
        AbandonError = outcome.Message;
        await ShowAsync(fresh, ct);
        return Page();
    }

    private async Task ShowAsync(Application application, CancellationToken ct)
    {
        Workspace = await workspaces.ShowAsync(application, ct);
        ProofIds = await workspaces.ProofIdsAsync(application.OrganisationId, ct);
        TechSme = application.SubmittedAt is { } submittedAt
            ? await Shenbao.Web.Organisations.TechSmeStatus.AsAtAsync(db, application.OrganisationId, submittedAt, ct)
            : await Shenbao.Web.Organisations.TechSmeStatus.LoadAsync(db, application.OrganisationId, ct);
        CanWithdraw = Workflow.Decide(application.Status, ApplicationAction.Withdraw, User.Role(), clock.GetUtcNow(), application.Call.Window) is Decision.Allowed;
        CanAbandon = Workflow.Decide(application.Status, ApplicationAction.Abandon, User.Role(), clock.GetUtcNow(), application.Call.Window, application.ReturnedFrom) is Decision.Allowed;
    }
}
