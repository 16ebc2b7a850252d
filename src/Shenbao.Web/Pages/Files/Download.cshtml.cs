using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Web.Files;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Files;

/// <summary>
/// An uploaded document, to the people of the organisation that uploaded it, and a profile proof (入库登记证明,
/// certificates) and a submitted application's attachments also to the 推荐单位 of the district, who reviews them. The query is scoped by
/// organisation or district, so any other file id is answered exactly like an id that does not exist (404).
/// </summary>
public sealed class DownloadModel(AppDbContext db, FileStore files, ILogger<DownloadModel> logger) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Attachment? attachment;
        if (User.FindFirstValue(ShenbaoClaims.Organisation) is { } claim)
        {
            var organisationId = int.Parse(claim, CultureInfo.InvariantCulture);
            attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.OrganisationId == organisationId, ct);
        }
        else if (User.IsInRole(Roles.Recommender) && User.FindFirstValue(ShenbaoClaims.District) is { } district)
        {
            // its organisations' proofs, and the attachments of its district's applications once submitted (a draft is the applicant's own)
            attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && (
                (a.ApplicationId == null && a.Purpose.StartsWith(Organisations.ProfileSections.ProofPrefix) && db.Organisations.Any(o => o.Id == a.OrganisationId && o.District == district))
                || (a.ApplicationId != null && db.Applications.Any(p => p.Id == a.ApplicationId && p.District == district && p.SubmittedAt != null
                    && p.Status != ApplicationStatus.Draft && p.Status != ApplicationStatus.Returned))), ct);
        }
        else if (User.IsInRole(Roles.Bureau))
        {
            // the bureau reviews every submitted application: its attachments, and the proofs of organisations that submitted
            attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && (
                (a.ApplicationId == null && a.Purpose.StartsWith(Organisations.ProfileSections.ProofPrefix)
                    && db.Applications.Any(p => p.OrganisationId == a.OrganisationId && p.SubmittedAt != null && p.Status != ApplicationStatus.Draft))
                || (a.ApplicationId != null && db.Applications.Any(p => p.Id == a.ApplicationId && p.SubmittedAt != null
                    && p.Status != ApplicationStatus.Draft && p.Status != ApplicationStatus.Returned))), ct);
        }
        else if (User.IsInRole(Roles.Expert))
        {
            // an expert reads the files of the applications they declared no conflict with: attachments and the applicant's proofs
            var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
            // (never an application of the expert's own unit, even one assigned before the unit was corrected)
            var reviewing = db.ExpertReviews.Where(r => r.Expert.UserId == userId && r.Application.Organisation.Name != r.Expert.Organisation
                && (r.State == Shenbao.Data.Experts.ReviewState.Declared || r.State == Shenbao.Data.Experts.ReviewState.Submitted));
            attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && (
                (a.ApplicationId != null && reviewing.Any(r => r.ApplicationId == a.ApplicationId))
                || (a.ApplicationId == null && a.Purpose.StartsWith(Organisations.ProfileSections.ProofPrefix) && reviewing.Any(r => r.Application.OrganisationId == a.OrganisationId))), ct);
        }
        else return NotFound();
        if (attachment is null) return NotFound();

        // a recorded attachment whose content is gone is lost data, not a user error: let it surface as an outage
        var content = await files.ReadAsync(attachment.Sha256, ct)
            ?? throw new InvalidOperationException($"The content of attachment {attachment.Id} ({attachment.Sha256}) is missing from the file store.");
        if (!content.Intact)
        {
            // changed on disk since it was stored: never hand out bytes that are not the ones uploaded and submitted
            logger.LogError("Attachment {AttachmentId}: the stored file no longer hashes to {Sha256}; not served", attachment.Id, attachment.Sha256);
            return StatusCode(StatusCodes.Status500InternalServerError);
        }
        // documents of one organisation: browsers may keep them, shared caches may not
        Response.Headers.CacheControl = "private, no-cache";
        Shenbao.Web.Security.SecurityHeaders.MarkAsDownload(HttpContext);
        // FileDownloadName gives "attachment; filename=…; filename*=UTF-8''…" (RFC 6266 / 5987), so Chinese names survive
        return File(content.Bytes, attachment.ContentType, attachment.FileName);
    }
}
