using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Experts;
using Shenbao.Domain.Experts;
using Shenbao.Web.Applications;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Reviewing;

/// <summary>我的评审: the applications assigned to the signed-in expert, and nothing else — never one of their own organisation.</summary>
public sealed class IndexModel(AppDbContext db, Workspaces workspaces) : PageModel
{
    public sealed record Row(int ApplicationId, string Number, string? Title, string Organisation, string Category, string? Field, ReviewState State, DateTimeOffset? Deadline, decimal? Total);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool InPool { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        var expert = await db.Experts.AsNoTracking().SingleOrDefaultAsync(e => e.UserId == userId, ct);
        InPool = expert is not null;
        if (expert is null) return;
        var reviews = await ExpertReviews.OfAsync(db, expert, ct);
        Rows = reviews.Select(r => new Row(r.ApplicationId, r.Application.Number, r.Application.Title, r.Application.Organisation.Name,
                workspaces.GuideOf(r.Application.Call).FindCategory(r.Application.Category)?.Name ?? r.Application.Category, r.Application.SupportField,
                r.State, r.Application.Call.ReviewDeadline, r.Total))
            .OrderBy(r => r.State switch { ReviewState.Pending => 0, ReviewState.Declared => 1, ReviewState.Submitted => 2, _ => 3 }).ThenBy(r => r.Number, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>What an expert may reach: their own standing or declared-conflict assignments, never an application of their own organisation.</summary>
public static class ExpertReviews
{
    private static readonly ReviewState[] Visible = [ReviewState.Pending, ReviewState.Declared, ReviewState.Submitted, ReviewState.Conflict, ReviewState.Closed];

    public static async Task<List<ExpertReview>> OfAsync(AppDbContext db, Shenbao.Data.Experts.Expert expert, CancellationToken ct, int? applicationId = null)
    {
        var reviews = await db.ExpertReviews.Include(r => r.Application).ThenInclude(a => a.Organisation).Include(r => r.Application).ThenInclude(a => a.Call)
            .Where(r => r.ExpertId == expert.Id && Visible.Contains(r.State) && (applicationId == null || r.ApplicationId == applicationId))
            .AsSplitQuery().ToListAsync(ct);
        // an assignment that slipped past 回避 (the expert changed unit since) still never shows them their own organisation
        return reviews.Where(r => !OrganisationNames.Same(r.Application.Organisation.Name, expert.Organisation)).ToList();
    }
}
