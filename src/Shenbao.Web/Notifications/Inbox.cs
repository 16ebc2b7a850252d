using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Web.Security;

namespace Shenbao.Web.Notifications;

/// <summary>The signed-in person's unread count, for the navigation of every page (one indexed COUNT).</summary>
public sealed class Inbox(AppDbContext db, IHttpContextAccessor http)
{
    public async Task<int> UnreadAsync()
    {
        if (http.HttpContext?.User is not { Identity.IsAuthenticated: true } user) return 0;
        var id = user.UserId();
        return await db.Notifications.CountAsync(n => n.UserId == id && n.ReadAt == null);
    }
}
