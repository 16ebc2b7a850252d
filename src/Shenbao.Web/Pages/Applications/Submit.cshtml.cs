using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Web.Applications;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Applications;

/// <summary>
/// 提交: refused after the deadline, while a rule fails, or while a warned rule has no justification. The deadline,
/// the check and the status change happen in one transaction, so a submission either is whole and acknowledged
/// with a receipt, or did not happen.
/// </summary>
public sealed class SubmitModel(AppDbContext db, Workspaces workspaces, TimeProvider clock) : PageModel
{
    public Workspace? Workspace { get; private set; }
    public IReadOnlyList<string> Refusals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        if (application.Status != ApplicationStatus.Draft) return RedirectToPage("Details", new { id });
        Workspace = await workspaces.CheckAsync(application, ct);
        Refusals = Decide(Workspace, clock.GetUtcNow());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        if (application.Status != ApplicationStatus.Draft) return RedirectToPage("Details", new { id });

        var now = clock.GetUtcNow();
        Workspace = await workspaces.CheckAsync(application, ct);
        Refusals = Decide(Workspace, now);
        if (Refusals.Count > 0) return Page();

        var submissions = application.Events.Count(e => e.Action == Workflow.Label(ApplicationAction.Submit));
        application.Status = Workflow.Next(application.Status, ApplicationAction.Submit)!.Value;
        application.Version++;
        application.SubmittedAt = now;
        application.UpdatedAt = now;
        application.ContentHash = ApplicationDocument.ContentHash(Workspace.Values, Workspace.Justifications,
            application.Attachments.Select(a => new AttachedFile(a.Purpose, a.Sha256)));
        application.ReceiptNo = $"{application.Call.GuideId.ToUpperInvariant()}-{application.Id:D6}-{submissions + 1}";
        application.Events.Add(new ApplicationEvent
        {
            At = now, UserName = User.DisplayName(), Action = Workflow.Label(ApplicationAction.Submit),
            From = ApplicationStatus.Draft, To = application.Status, Note = $"回执号 {application.ReceiptNo}",
        });
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // someone submitted or saved this application at the same moment: theirs stands, ours did nothing
            return RedirectToPage("Details", new { id });
        }
        return RedirectToPage("Details", new { id, submitted = true });
    }

    private static List<string> Decide(Workspace workspace, DateTimeOffset now) =>
        Submission.Check(workspace.Application.Status, now, workspace.Application.Call.OpensAt, workspace.Application.Call.Deadline,
                ApplicationDocument.Missing(workspace.Category, workspace.Values, workspace.AttachmentTypes, t => workspace.Guide.AttachmentTypes[t]),
                workspace.Verdict, workspace.Justifications)
            .Concat(workspace.Errors.Count > 0 ? [new Refusal.InputInvalid(workspace.Errors.Count)] : [])
            .Select(r => r.Message)
            .ToList();
}
