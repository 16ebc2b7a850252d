using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Web.Files;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Files;

/// <summary>
/// An uploaded document, to the people of the organisation that uploaded it. The query is scoped by their
/// organisation, so another organisation's file id is answered exactly like an id that does not exist (404).
/// </summary>
public sealed class DownloadModel(AppDbContext db, FileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (User.FindFirstValue(ShenbaoClaims.Organisation) is not { } claim) return NotFound();
        var organisationId = int.Parse(claim, CultureInfo.InvariantCulture);
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.OrganisationId == organisationId, ct);
        if (attachment is null) return NotFound();

        // a recorded attachment whose content is gone is lost data, not a user error: let it surface as an outage
        var content = files.Open(attachment.Sha256)
            ?? throw new InvalidOperationException($"The content of attachment {attachment.Id} ({attachment.Sha256}) is missing from the file store.");
        // documents of one organisation: browsers may keep them, shared caches may not
        Response.Headers.CacheControl = "private, no-cache";
        // FileDownloadName gives "attachment; filename=…; filename*=UTF-8''…" (RFC 6266 / 5987), so Chinese names survive
        return File(content, attachment.ContentType, attachment.FileName);
    }
}
