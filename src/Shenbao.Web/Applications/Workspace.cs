using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;
using Shenbao.Web.Guides;
using Shenbao.Web.Organisations;
using Shenbao.Web.Setup;

namespace Shenbao.Web.Applications;

/// <summary>
/// An application with everything its pages show: its guide and category, its values, and the check of them. For a
/// draft the check is made now; for a submitted application it is the frozen snapshot's (<see cref="Snapshot"/>).
/// </summary>
public sealed record Workspace(
    Application Application,
    Guide Guide,
    Category Category,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Justifications,
    Verdict Verdict,
    IReadOnlyList<InputError> Errors,
    int Done,
    int Total)
{
    /// <summary>The check made now, which a submission freezes. Null for a frozen view.</summary>
    public Judgement? Judgement { get; init; }

    /// <summary>The submission this view shows, when it shows one.</summary>
    public SubmissionSnapshot? Snapshot { get; init; }

    /// <summary>The files the shown submission relies on, read once from its snapshot; empty for a draft.</summary>
    public IReadOnlyList<FileRef> FrozenFiles { get; init; } = [];

    public int Percent => Total == 0 ? 100 : Done * 100 / Total;
    public IEnumerable<RuleResult> Warned => Verdict.Rules.Where(r => r.Outcome == Outcome.Warn);
    public string? ErrorFor(string path) => Errors.FirstOrDefault(e => e.Path == path)?.Message;
    public IEnumerable<string> AttachmentTypes => Application.Attachments.Select(a => a.Purpose).Distinct();
}

/// <summary>Loads applications scoped to the signed-in organisation and checks them with the engine.</summary>
public sealed class Workspaces(AppDbContext db, GuideCatalog guides, Districts districts, TimeProvider clock)
{
    /// <summary>The application if it belongs to the organisation; another organisation's id is simply not found.</summary>
    public Task<Application?> FindAsync(int id, int organisationId, CancellationToken ct) =>
        db.Applications
            .Include(a => a.Call).Include(a => a.Organisation).Include(a => a.Attachments).Include(a => a.Events)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id && a.OrganisationId == organisationId, ct);

    /// <summary>
    /// A submitted application as the officials open it (a draft, even one withdrawn after submission, is the
    /// applicant's own and is not found), of one district for a 推荐单位 or of any for the bureau.
    /// </summary>
    public Task<Application?> FindSubmittedAsync(int id, string? district, CancellationToken ct) =>
        db.Applications
            .Include(a => a.Call).Include(a => a.Organisation).Include(a => a.Attachments).Include(a => a.Events)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id && a.SubmittedAt != null && a.Status != ApplicationStatus.Draft && (district == null || a.District == district), ct);

    public static Dictionary<string, string> Read(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    /// <summary>The organisation's profile proofs by content hash (the first of each), for links from a frozen file list.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ProofIdsAsync(int organisationId, CancellationToken ct) =>
        (await db.Attachments.AsNoTracking().Where(a => a.OrganisationId == organisationId && a.ApplicationId == null && a.Purpose.StartsWith(ProfileSections.ProofPrefix))
            .Select(a => new { a.Sha256, a.Id }).ToListAsync(ct))
        .GroupBy(a => a.Sha256).ToDictionary(g => g.Key, g => g.Min(a => a.Id));

    public Guide GuideOf(FundingCall call) => guides.Find(call.GuideId) ?? throw new InvalidOperationException($"Call {call.Id} names guide '{call.GuideId}', which is not loaded.");

    /// <summary>The guide and category an application was made under (its call's guide).</summary>
    public (Guide Guide, Category Category) CategoryOf(Application application)
    {
        var guide = guides.Find(application.Call.GuideId) ?? throw new InvalidOperationException($"Call {application.CallId} names guide '{application.Call.GuideId}', which is not loaded.");
        var category = guide.FindCategory(application.Category) ?? throw new InvalidOperationException($"Guide '{guide.Id}' has no category '{application.Category}'.");
        return (guide, category);
    }

    public async Task<Workspace> CheckAsync(Application application, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> justifications, CancellationToken ct)
    {
        var (guide, category) = CategoryOf(application);
        var types = application.Attachments.Select(a => a.Purpose).Distinct().ToList();
        var others = await OthersOnSamePlatformAsync(application, values.GetValueOrDefault("application.platformId"), ct);
        var judgement = OrganisationFacts.Check(guide, category, application.Organisation, districts, values, types, others, ChinaTime.DateOf(clock.GetUtcNow()));
        var (done, total) = ApplicationDocument.Completeness(category, values, types);
        return new Workspace(application, guide, category, values, justifications, judgement.Verdict, judgement.Errors, done, total) { Judgement = judgement };
    }

    public Task<Workspace> CheckAsync(Application application, CancellationToken ct) =>
        CheckAsync(application, Read(application.FormJson), Read(application.JustificationsJson), ct);

    /// <summary>
    /// What the application's pages show: the latest submission's snapshot once it has been submitted and is not the
    /// applicant's to change again (never a new check of today's profile), otherwise the check of the form as it is now.
    /// </summary>
    /// <param name="official">For the officials: a returned application is shown as last submitted, never the revision in progress.</param>
    public async Task<Workspace> ShowAsync(Application application, CancellationToken ct, bool official = false)
    {
        if (application.Status is ApplicationStatus.Draft || (application.Status is ApplicationStatus.Returned && !official)) return await CheckAsync(application, ct);
        var (guide, category) = CategoryOf(application);
        if (await db.Snapshots.AsNoTracking().Where(s => s.ApplicationId == application.Id).OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct) is not { } stored)
        {
            // given up as a draft: nothing was ever frozen
            if (!Workflow.Lodged.Contains(application.Status) && application.Status != ApplicationStatus.Returned) return await CheckAsync(application, ct);
            // submitted before snapshots were kept: what was judged then is not known, and today's profile must not stand in for it
            var form = Read(application.FormJson);
            var (formDone, formTotal) = ApplicationDocument.Completeness(category, form, application.Attachments.Select(a => a.Purpose).Distinct());
            return new Workspace(application, guide, category, form, Read(application.JustificationsJson), Verdict.From(category.Id, []), [], formDone, formTotal);
        }
        var snapshot = stored.ToSnapshot();
        var values = snapshot.FormValues;
        var files = snapshot.FileRefs;
        var (done, total) = ApplicationDocument.Completeness(category, values, files.Where(f => !Organisations.ProfileSections.IsProof(f.Purpose)).Select(f => f.Purpose).Distinct());
        return new Workspace(application, guide, category, values, snapshot.JustificationValues, Verdict.From(category.Id, snapshot.RuleResults), [], done, total)
        {
            Snapshot = stored,
            FrozenFiles = files,
        };
    }

    /// <summary>Other submitted applications of this organisation in the same call that rely on the same platform (限报 quota).</summary>
    private async Task<int> OthersOnSamePlatformAsync(Application application, string? platform, CancellationToken ct)
    {
        if (platform is not { Length: > 0 }) return 0;
        return await db.Applications.CountAsync(a => a.OrganisationId == application.OrganisationId && a.CallId == application.CallId
            && a.Id != application.Id && a.PlatformId == platform && Workflow.Counted.Contains(a.Status), ct);
    }
}

/// <summary>What the shared record of an application shows: the workspace, whether the reader is an official, and the profile proofs' ids by hash (for links).</summary>
public sealed record ApplicationRecord(Workspace Workspace, bool Official, IReadOnlyDictionary<string, int> ProofIds);
