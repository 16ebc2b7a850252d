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

/// <summary>An application with everything its pages show: its guide and category, its values, and the check of them.</summary>
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

    public static Dictionary<string, string> Read(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

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
        var others = await OthersOnSamePlatformAsync(application, values, ct);
        var (verdict, errors) = OrganisationFacts.Check(guide, category, application.Organisation, districts, values, types, others, ChinaTime.DateOf(clock.GetUtcNow()));
        var (done, total) = ApplicationDocument.Completeness(category, values, types);
        return new Workspace(application, guide, category, values, justifications, verdict, errors, done, total);
    }

    public Task<Workspace> CheckAsync(Application application, CancellationToken ct) =>
        CheckAsync(application, Read(application.FormJson), Read(application.JustificationsJson), ct);

    /// <summary>Other submitted applications of this organisation in the same call that rely on the same platform (限报 quota).</summary>
    private async Task<int> OthersOnSamePlatformAsync(Application application, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        if (values.GetValueOrDefault("application.platformId") is not { Length: > 0 } platform) return 0;
        var forms = await db.Applications
            .Where(a => a.OrganisationId == application.OrganisationId && a.CallId == application.CallId && a.Id != application.Id && a.Status != ApplicationStatus.Draft)
            .Select(a => a.FormJson)
            .ToListAsync(ct);
        return forms.Count(f => Read(f).GetValueOrDefault("application.platformId") == platform);
    }
}
