using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Guides;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Applications;

public sealed class IndexModel(AppDbContext db, GuideCatalog guides, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Number, string Title, string Category, ApplicationStatus Status, bool Editable, string? ReceiptNo, string Updated);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var organisation = User.OrganisationId();
        var now = clock.GetUtcNow();
        var role = User.Role();
        // the list reads its columns, never a form
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.OrganisationId == organisation)
            .Select(a => new { a.Id, a.Number, a.Title, a.Category, a.Status, a.ReceiptNo, a.UpdatedAt, a.Call.GuideId, a.Call.OpensAt, a.Call.Deadline, a.Call.RecommendationDeadline })
            .ToListAsync(ct);
        Rows = applications
            .OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Select(a => new Row(
                a.Id,
                a.Number,
                a.Title ?? "（未命名项目）",
                guides.Find(a.GuideId)?.FindCategory(a.Category)?.Name ?? a.Category,
                a.Status,
                Workflow.CanEdit(a.Status, role, now, new CallWindow(a.OpensAt, a.Deadline, a.RecommendationDeadline)),
                a.ReceiptNo,
                ChinaTime.Describe(a.UpdatedAt)))
            .ToList();
    }
}
