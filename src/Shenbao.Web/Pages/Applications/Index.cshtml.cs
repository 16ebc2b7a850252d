using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Applications;
using Shenbao.Web.Guides;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Applications;

public sealed class IndexModel(AppDbContext db, GuideCatalog guides) : PageModel
{
    public sealed record Row(int Id, string Title, string Category, ApplicationStatus Status, string? ReceiptNo, string Updated);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var organisation = User.OrganisationId();
        var applications = await db.Applications.Include(a => a.Call)
            .Where(a => a.OrganisationId == organisation)
            .Select(a => new { a.Id, a.Category, a.Status, a.ReceiptNo, a.UpdatedAt, a.FormJson, a.Call.GuideId })
            .ToListAsync(ct);
        Rows = applications
            .OrderByDescending(a => a.UpdatedAt)
            .Select(a => new Row(
                a.Id,
                Workspaces.Read(a.FormJson).GetValueOrDefault("project.title") is { Length: > 0 } title ? title : "（未命名项目）",
                guides.Find(a.GuideId)?.FindCategory(a.Category)?.Name ?? a.Category,
                a.Status,
                a.ReceiptNo,
                ChinaTime.Describe(a.UpdatedAt)))
            .ToList();
    }
}
