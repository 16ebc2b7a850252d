using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Web.Applications;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Applications;

/// <summary>An application as submitted: receipt, content, check and timeline; withdrawal until recommendation.</summary>
public sealed class DetailsModel(AppDbContext db, Workspaces workspaces, TimeProvider clock) : PageModel
{
    public Workspace? Workspace { get; private set; }
    public bool Submitted { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool submitted, CancellationToken ct)
    {
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        Submitted = submitted && application.Status == ApplicationStatus.Submitted;
        Workspace = await workspaces.CheckAsync(application, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken ct)
    {
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        if (Workflow.Next(application.Status, ApplicationAction.Withdraw) is not { } next)
        {
            Message = $"当前状态（{Workflow.Label(application.Status)}）不能撤回";
            Workspace = await workspaces.CheckAsync(application, ct);
            return Page();
        }
        var now = clock.GetUtcNow();
        application.Events.Add(new ApplicationEvent
        {
            At = now, UserName = User.DisplayName(), Action = Workflow.Label(ApplicationAction.Withdraw),
            From = application.Status, To = next, Note = $"撤回回执 {application.ReceiptNo}",
        });
        application.Status = next;
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
    }
}
