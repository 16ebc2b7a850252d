using Microsoft.EntityFrameworkCore;
using Shenbao.Data;

namespace Shenbao.Web.Organisations;

/// <summary>
/// An organisation's 科技型中小企业 standing as the profile, the finder, the application and the reviewers show it:
/// its latest recorded self-assessment, and the 入库登记编号 of the national platform with its proofs.
/// </summary>
public sealed record TechSmeStatus(TechSmeAssessment? Latest, string? Number, int? NumberYear, IReadOnlyList<Attachment> RegistrationProofs)
{
    public const string Page = "/Organisation/TechSme";

    public static async Task<TechSmeStatus> LoadAsync(AppDbContext db, int organisationId, CancellationToken ct) =>
        (await LoadAsync(db, [organisationId], ct)).GetValueOrDefault(organisationId) ?? new(null, null, null, []);

    /// <summary>The standing as it was at <paramref name="at"/> (a submission): the latest self-assessment recorded by then.</summary>
    public static async Task<TechSmeStatus> AsAtAsync(AppDbContext db, int organisationId, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var status = await LoadAsync(db, organisationId, ct);
        var then = (await db.TechSmeAssessments.AsNoTracking().Where(t => t.OrganisationId == organisationId).ToListAsync(ct))
            .Where(t => t.AssessedAt <= at).MaxBy(t => t.Id);
        return status with { Latest = then };
    }

    /// <summary>The standing of several organisations in three queries, whatever their number (a 推荐单位's list).</summary>
    public static async Task<IReadOnlyDictionary<int, TechSmeStatus>> LoadAsync(AppDbContext db, IReadOnlyCollection<int> organisationIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = organisationIds.ToList();
        // ids grow with time, so an organisation's highest is its latest record
        var latest = await db.TechSmeAssessments.AsNoTracking()
            .Where(t => ids.Contains(t.OrganisationId) && t.Id == db.TechSmeAssessments.Where(x => x.OrganisationId == t.OrganisationId).Max(x => x.Id))
            .ToDictionaryAsync(t => t.OrganisationId, ct);
        var numbers = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new { o.Id, o.TechSmeNumber, o.TechSmeNumberYear }).ToListAsync(ct);
        var proofs = (await db.Attachments.AsNoTracking()
                .Where(a => ids.Contains(a.OrganisationId) && a.ApplicationId == null && a.Purpose == TechSmeAssessments.RegistrationProof)
                .OrderBy(a => a.Id).ToListAsync(ct))
            .ToLookup(a => a.OrganisationId);
        return numbers.ToDictionary(n => n.Id, n => new TechSmeStatus(latest.GetValueOrDefault(n.Id), n.TechSmeNumber, n.TechSmeNumberYear, proofs[n.Id].ToList()));
    }

    /// <summary>"2025年度自评：符合科技型中小企业标准（评分 96 分）", or that none is recorded.</summary>
    public string Summary => Latest is { } record ? $"{record.Year}年度自评：{record.Conclusion()}" : "尚未在系统内完成科技型中小企业自评";
}
