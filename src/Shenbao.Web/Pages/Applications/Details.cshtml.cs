using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Web.Applications;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Applications;

/// <summary>
/// An application as submitted: receipt, content, check and timeline, all read from the frozen snapshot (never from
/// today's profile); withdrawal until recommendation.
/// </summary>
public sealed class DetailsModel(AppDbContext db, Workspaces workspaces, TimeProvider clock) : PageModel
{
    public Workspace? Workspace { get; private set; }
    public bool Submitted { get; private set; }
    public bool CanWithdraw { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool submitted, CancellationToken ct)
    {
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        await ShowAsync(application, ct);
        // the banner after the redirect from 提交, while what it announces stands
        Submitted = submitted && Workspace!.Snapshot is not null;
        return Page();
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
                application.UpdatedAt = now;
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

    private async Task ShowAsync(Application application, CancellationToken ct)
    {
        Workspace = await workspaces.ShowAsync(application, ct);
        CanWithdraw = Workflow.Decide(application.Status, ApplicationAction.Withdraw, User.Role(), clock.GetUtcNow(), application.Call.Window) is Decision.Allowed;
    }
}
