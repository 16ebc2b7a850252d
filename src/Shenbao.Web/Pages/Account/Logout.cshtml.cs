using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<User> signIn, UserManager<User> users, AppDbContext db, AuditLog audit) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            audit.Record(AuditAction.SignOut, AuditEntry.Objects.User, User.UserId());
            await db.SaveChangesAsync();
            // a new security stamp: a copy of this session's cookie is refused from the next request on (Sessions)
            if (await users.GetUserAsync(User) is { } user) await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
