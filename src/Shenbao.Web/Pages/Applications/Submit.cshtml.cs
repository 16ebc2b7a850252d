using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;
using Shenbao.Web.Notifications;
using Shenbao.Domain.Applications;
using Shenbao.Web.Applications;
using Shenbao.Web.Organisations;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Applications;

/// <summary>
/// 提交: refused after the deadline, while a rule fails, or while a warned rule has no justification. The check, the
/// status change and the frozen snapshot happen in one transaction, so a submission either is whole and acknowledged
/// with a receipt, or did not happen.
/// </summary>
public sealed class SubmitModel(AppDbContext db, Workspaces workspaces, AuditLog audit, Notifier notifier, TimeProvider clock, Shenbao.Web.Operations.ShenbaoMetrics metrics) : PageModel
{
    public Workspace? Workspace { get; private set; }
    public IReadOnlyList<string> Refusals { get; private set; } = [];

    /// <summary>申请回避的专家: up to three, each a name and optionally the unit (seen by the bureau's assignment only).</summary>
    [BindProperty] public List<string?> AvoidNames { get; set; } = [];
    [BindProperty] public List<string?> AvoidUnits { get; set; } = [];

    public const int MaxAvoided = 3;
    public string? AvoidError { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        if (!Workflow.CanEdit(application.Status, User.Role(), clock.GetUtcNow(), application.Call.Window)) return RedirectToPage("Details", new { id });
        Workspace = await workspaces.CheckAsync(application, ct);
        Refusals = Refuse(Workspace, Decide(application, clock.GetUtcNow()));
        var avoided = Shenbao.Data.Experts.ReviewRounds.AvoidedOf(application.AvoidExperts);
        (AvoidNames, AvoidUnits) = (avoided.Select(a => (string?)a.Name).ToList(), avoided.Select(a => a.Organisation).ToList());
        return Page();
    }

    /// <summary>The people named to avoid, or what is wrong with them.</summary>
    private (List<Shenbao.Domain.Experts.AvoidedPerson> People, string? Problem) Avoided()
    {
        var people = new List<Shenbao.Domain.Experts.AvoidedPerson>();
        for (var i = 0; i < Math.Max(AvoidNames.Count, AvoidUnits.Count); i++)
        {
            var name = AvoidNames.ElementAtOrDefault(i)?.Trim();
            var unit = AvoidUnits.ElementAtOrDefault(i)?.Trim();
            if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(unit)) continue;
            if (string.IsNullOrEmpty(name)) return ([], $"申请回避的专家第{i + 1}行：请填写姓名（单位选填）");
            if (name.Length > 50 || unit?.Length > 100) return ([], $"申请回避的专家第{i + 1}行：姓名不超过50字，单位不超过100字");
            people.Add(new(name, string.IsNullOrEmpty(unit) ? null : unit));
        }
        return people.Count > MaxAvoided ? ([], $"申请回避的专家最多{MaxAvoided}人") : (people, null);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // one organisation's submissions one at a time: the 限报 quota counts its other lodged applications, and two
        // submitted at once must not both count the other as not yet lodged; a proof's removal waits for this one too
        await SubmissionLock.TakeAsync(db, User.OrganisationId(), ct);
        if (await workspaces.FindAsync(id, User.OrganisationId(), ct) is not { } application) return NotFound();
        var now = clock.GetUtcNow();
        // already submitted (by a click a moment ago, or by someone else): the receipt is on the details page
        if (!Workflow.CanEdit(application.Status, User.Role(), now, application.Call.Window)) return RedirectToPage("Details", new { id });
        var decision = Decide(application, now);

        Workspace = await workspaces.CheckAsync(application, ct);
        Refusals = Refuse(Workspace, decision);
        var (avoided, avoidProblem) = Avoided();
        AvoidError = avoidProblem;
        if (Refusals.Count > 0 || avoidProblem is not null || decision is not Decision.Allowed step) return Page();
        application.AvoidExperts = Shenbao.Data.Experts.ReviewRounds.AvoidedText(avoided);

        // the status moves first: a submission (or a file change) that committed since this one loaded leaves the
        // version changed, and this one stops here having written nothing
        var receipt = Submission.ReceiptNo(application.Number, await db.Snapshots.CountAsync(s => s.ApplicationId == application.Id, ct) + 1);
        application.Status = step.To;
        application.ReturnedFrom = null;
        application.Version++;
        application.LastEditor = null;
        application.SubmittedAt = now;
        application.UpdatedAt = now;
        application.ReceiptNo = receipt;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return RedirectToPage("Details", new { id });
        }

        var stored = SubmissionSnapshot.From(await SnapshotAsync(Workspace, receipt, now, ct));
        // what formal review filters and cross-checks on, from what was just frozen
        await SubmissionIndex.ClearAsync(db, application.Id, ct);
        SubmissionIndex.Stage(db, application, Workspace.Category, Workspace.Values, Workspace.Verdict);
        application.ContentHash = stored.Hash;
        application.Snapshots.Add(stored);
        application.Events.Add(ApplicationEvent.Of(step, User.UserId(), User.Role(), User.DisplayName(), now, $"回执号 {receipt}"));
        audit.Record(AuditActions.Of(step.Action), AuditEntry.Objects.Application, application.Number, details: $"回执号 {receipt}，摘要 {stored.Hash}");
        notifier.Notify(await notifier.ConcernedWithAsync(application, ct), $"已提交：{application.Title ?? application.Number}",
            $"申报书《{application.Title ?? application.Number}》已于{Shenbao.Domain.Eligibility.ChinaTime.Describe(now)}由{User.DisplayName()}提交，回执号 {receipt}，内容摘要（SHA-256）{stored.Hash}。" +
            (step.To == ApplicationStatus.Recommended ? "已回到市科技局形式审查。" : $"下一步由{application.District}的推荐单位审核推荐。"),
            $"/Applications/Details/{application.Id}");
        if (step.From == ApplicationStatus.Returned)
        {
            // a correction goes back to whoever returned it, and they hear of it
            var officials = step.To == ApplicationStatus.Recommended
                ? await notifier.InRoleAsync(Roles.Bureau, ct)
                : await db.Users.Where(u => u.District == application.District).ToListAsync(ct);
            notifier.Notify(officials, $"退回后重新提交：{application.Title ?? application.Number}",
                $"退回修改的申报书《{application.Title ?? application.Number}》已由{User.DisplayName()}修改并重新提交（回执号 {receipt}），请审核。",
                step.To == ApplicationStatus.Recommended ? $"/Bureau/Review/{application.Id}" : $"/Recommender/Review/{application.Id}");
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        metrics.Submitted(Workspace.Category.Id);
        return RedirectToPage("Details", new { id, submitted = true });
    }

    private Decision Decide(Application application, DateTimeOffset now) =>
        Workflow.Decide(application.Status, ApplicationAction.Submit, User.Role(), now, application.Call.Window, application.ReturnedFrom);

    /// <summary>
    /// The submission frozen: the request exactly as the engine judged it, the form, the justifications, every rule's
    /// result, and every file relied on: the application's attachments and the profile's proofs.
    /// </summary>
    private async Task<Snapshot> SnapshotAsync(Workspace workspace, string receipt, DateTimeOffset now, CancellationToken ct)
    {
        var application = workspace.Application;
        var proofs = await db.Attachments.AsNoTracking()
            .Where(a => a.OrganisationId == application.OrganisationId && a.ApplicationId == null && a.Purpose.StartsWith(ProfileSections.ProofPrefix))
            .ToListAsync(ct);
        var files = application.Attachments.Concat(proofs).Select(a => new FileRef(a.Purpose, a.FileName, a.Sha256, a.Size));
        return Snapshot.Take(receipt, application.Number, User.UserId(), now, workspace.Guide, workspace.Judgement!, workspace.Values, workspace.Justifications, files);
    }

    private static List<string> Refuse(Workspace workspace, Decision decision) =>
        Submission.Check(decision,
                ApplicationDocument.Missing(workspace.Category, workspace.Values, workspace.AttachmentTypes, t => workspace.Guide.AttachmentTypes[t]),
                workspace.Verdict, workspace.Justifications, workspace.Errors.Count)
            .Select(r => r.Message)
            .ToList();
}
