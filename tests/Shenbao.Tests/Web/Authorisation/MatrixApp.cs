using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shenbao.Domain.Applications;

namespace Shenbao.Tests.Web.Authorisation;

/// <summary>
/// The demo application with every actor signed in once (privileged ones through their second factor) and the demo's
/// things the matrix asks for, found in the database rather than assumed.
/// </summary>
public sealed class MatrixApp : ShenbaoApp
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private Dictionary<Actor, Browser>? browsers;

    public IReadOnlyDictionary<string, string> Resources { get; private set; } = new Dictionary<string, string>();

    public async Task<IReadOnlyDictionary<Actor, Browser>> BrowsersAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (browsers is not null) return browsers;
            var (names, resources) = await FindAsync();
            Resources = resources;
            var signedIn = new Dictionary<Actor, Browser> { [Actor.Anonymous] = Browser.For(this) };
            foreach (var (actor, name) in names) signedIn[actor] = await Browser.For(this).SignInAsync(name);
            return browsers = signedIn;
        }
        finally { gate.Release(); }
    }

    private async Task<(Dictionary<Actor, string> Names, Dictionary<string, string> Resources)> FindAsync()
    {
        _ = Server;
        await using var db = Db();
        static string S(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;
        var zhiheng = await db.Organisations.SingleAsync(o => o.Name == "衡阳智衡计量科技有限公司");
        var hynu = await db.Organisations.SingleAsync(o => o.Name == "衡阳师范学院");
        var leader = await db.Users.SingleAsync(u => u.UserName == "zhiheng-leader");
        int Of(Shenbao.Data.Organisation organisation, ApplicationStatus status) =>
            db.Applications.Where(a => a.OrganisationId == organisation.Id && a.Status == status).OrderBy(a => a.Id).Select(a => a.Id).First();
        var submittedA = Of(zhiheng, ApplicationStatus.Submitted);
        var inReview = Of(hynu, ApplicationStatus.ExpertReview);
        var declared = await db.ExpertReviews.Include(r => r.Expert).ThenInclude(e => e.User)
            .FirstAsync(r => r.ApplicationId == inReview && r.State == Shenbao.Data.Experts.ReviewState.Declared);
        var unassigned = await db.Experts.Include(e => e.User)
            .Where(e => e.Organisation != hynu.Name && !db.ExpertReviews.Any(r => r.ApplicationId == inReview && r.ExpertId == e.Id)).OrderBy(e => e.Id).FirstAsync();
        var bureau = await db.Users.SingleAsync(u => u.UserName == "bureau-officer");
        // a notice of the bureau's, which no one else may mark read
        var notice = new Shenbao.Data.Notifications.Notification { UserId = bureau.Id, CreatedAt = Clock.Now, Subject = "矩阵测试", Body = "只属于市科技局的消息" };
        db.Notifications.Add(notice);
        await db.SaveChangesAsync();

        var resources = new Dictionary<string, string>
        {
            ["guide"] = Services.GetRequiredService<Shenbao.Web.Guides.GuideCatalog>().Default.Id,
            ["call"] = S(await db.Calls.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()),
            ["draftA"] = S(await db.Applications.Where(a => a.OrganisationId == zhiheng.Id && a.Status == ApplicationStatus.Draft && a.CreatedById == leader.Id).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync()),
            ["submittedA"] = S(submittedA),
            ["submittedB"] = S(Of(hynu, ApplicationStatus.Submitted)),
            ["recommendedB"] = S(Of(hynu, ApplicationStatus.Recommended)),
            ["reviewedB"] = S(Of(hynu, ApplicationStatus.Reviewed)),
            ["reviewB"] = S(inReview),
            ["submittedReview"] = S(await db.ExpertReviews.Where(r => r.State == Shenbao.Data.Experts.ReviewState.Submitted).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync()),
            ["expertUnassigned"] = S(unassigned.Id),
            ["fileA"] = S(await db.Attachments.Where(a => a.ApplicationId == submittedA).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync()),
            ["proofA"] = S(await db.Attachments.Where(a => a.OrganisationId == zhiheng.Id && a.ApplicationId == null).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync()),
            ["pendingOrganisation"] = S(await db.Organisations.Where(o => o.Status == Shenbao.Data.OrganisationStatus.Pending && o.District == zhiheng.District).Select(o => o.Id).FirstAsync()),
            ["objection"] = S(await db.Objections.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync()),
            ["bureauUser"] = bureau.Id,
            ["noticeOfBureau"] = S(notice.Id),
            ["request"] = Requests.For("key-rd").ToJsonString(),
        };
        var names = new Dictionary<Actor, string>
        {
            [Actor.ApplicantA] = "zhiheng-leader",
            [Actor.ApplicantB] = "hynu-admin",
            [Actor.OrgAdminA] = "zhiheng-admin",
            [Actor.RecommenderOwn] = "gaoxin-recommender",
            [Actor.RecommenderOther] = "zhuhui-recommender",
            [Actor.Bureau] = "bureau-officer",
            [Actor.ExpertAssigned] = declared.Expert.User!.UserName!,
            [Actor.ExpertUnassigned] = unassigned.User!.UserName!,
            [Actor.SystemAdmin] = "sysadmin",
            [Actor.AuditAdmin] = "auditadmin",
            [Actor.SecurityAdmin] = "secadmin",
        };
        return (names, resources);
    }

    /// <summary>
    /// What a request could have changed, in one line: a refused request (or a post without its token) must leave it
    /// as it was. Every state change also writes the audit trail, which is counted.
    /// </summary>
    public async Task<string> FingerprintAsync()
    {
        await using var db = Db();
        var parts = new object[]
        {
            // a refusal is itself recorded (越权访问被拒绝): what must not change is everything else
            await db.AuditTrail.CountAsync(a => a.Action != Shenbao.Domain.Audit.AuditAction.PermissionDenied),
            await db.Applications.CountAsync(), await db.Applications.SumAsync(a => a.Version),
            await db.ApplicationEvents.CountAsync(), await db.Attachments.CountAsync(),
            await db.Organisations.SumAsync(o => o.Version), await db.Calls.CountAsync(),
            await db.Experts.SumAsync(e => e.Version), await db.ExpertReviews.CountAsync(), await db.ExpertReviews.SumAsync(r => r.Version),
            await db.Notifications.CountAsync(n => n.ReadAt != null), await db.Objections.CountAsync(),
            await db.UserRoles.CountAsync(), await db.Users.CountAsync(), await db.Users.CountAsync(u => u.DisabledAt != null),
            string.Join(",", await db.Users.OrderBy(u => u.Id).Select(u => u.SecurityStamp).ToListAsync()),
            await db.TechSmeAssessments.CountAsync(), await db.RecommendationQuotas.SumAsync(q => q.Limit), await db.RecoveryCodes.CountAsync(), await db.SecurityPolicies.CountAsync(), await db.SecurityPolicies.SumAsync(p => p.Version), await db.SiteSettings.SumAsync(p => p.Version),
        };
        return string.Join("|", parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) gate.Dispose();
        base.Dispose(disposing);
    }
}
