using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Inbox;

/// <summary>站内消息: the signed-in person's notices, newest first; opening one marks it read.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int Shown = 200;

    public sealed record Row(long Id, string Subject, string Body, string? Link, string At, bool Unread);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Unread { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.UserId();
        var notices = await db.Notifications.AsNoTracking().Where(n => n.UserId == me)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Shown).ToListAsync(ct);
        Rows = notices.Select(n => new Row(n.Id, n.Subject, n.Body, n.Link, ChinaTime.Describe(n.CreatedAt), n.ReadAt is null)).ToList();
        Unread = await db.Notifications.CountAsync(n => n.UserId == me && n.ReadAt == null, ct);
    }

    /// <summary>Marks one notice read and opens what it is about (a page of this site only).</summary>
    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct)
    {
        var me = User.UserId();
        var notice = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == me, ct);
        if (notice is null) return NotFound();
        notice.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return notice.Link is { } link && Url.IsLocalUrl(link) ? LocalRedirect(link) : RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var me = User.UserId();
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.UserId == me && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return RedirectToPage();
    }
}
