using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;

namespace Shenbao.Web.Applications;

/// <summary>
/// What formal review checks across the call's applications, from what each submission froze: one contract
/// registration number in more than one application, one project leader on several, and near-duplicate titles or
/// summaries (MinHash over LSH bands; the threshold is <c>Shenbao:Similarity:Threshold</c>, 0.8 by default).
/// </summary>
public sealed class CrossChecks(AppDbContext db, IConfiguration configuration)
{
    public enum Kind { ContractNumber, Leader, SimilarTitle, SimilarSummary }

    /// <summary>One finding: what is shared, with the other application it links to; Similarity for the near-duplicates.</summary>
    public sealed record Finding(Kind Kind, int OtherId, string OtherNumber, string? OtherTitle, string OtherOrganisation, string Shared, double? Similarity)
    {
        public string Describe() => Kind switch
        {
            Kind.ContractNumber => $"技术合同登记编号 {Shared} 也用于",
            Kind.Leader => $"项目负责人 {Shared} 也负责",
            Kind.SimilarTitle => $"项目名称与之相似（估计相似度 {Similarity:P0}）：",
            Kind.SimilarSummary => $"项目简介与之相似（估计相似度 {Similarity:P0}）：",
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    public double Threshold { get; } = configuration.GetValue("Shenbao:Similarity:Threshold", 0.8);

    /// <summary>The findings for one application against the call's other submitted applications (given up ones aside).</summary>
    public async Task<IReadOnlyList<Finding>> ForAsync(Application application, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(application);
        var others = db.Applications.AsNoTracking().Where(a => a.CallId == application.CallId && a.Id != application.Id
            && a.SubmittedAt != null && a.Status != ApplicationStatus.Withdrawn && a.Status != ApplicationStatus.Draft);
        var findings = new List<Finding>();
        if (application.ContractRegistrationNo is { } number)
            findings.AddRange((await others.Where(a => a.ContractRegistrationNo == number)
                    .Select(a => new { a.Id, a.Number, a.Title, Organisation = a.Organisation.Name }).ToListAsync(ct))
                .Select(a => new Finding(Kind.ContractNumber, a.Id, a.Number, a.Title, a.Organisation, number, null)));
        if (application.LeaderName is { } leader)
            findings.AddRange((await others.Where(a => a.LeaderName == leader)
                    .Select(a => new { a.Id, a.Number, a.Title, Organisation = a.Organisation.Name }).ToListAsync(ct))
                .Select(a => new Finding(Kind.Leader, a.Id, a.Number, a.Title, a.Organisation, leader, null)));
        findings.AddRange(await SimilarAsync(application, SubmissionIndex.TitleText, application.TitleSignature, Kind.SimilarTitle, ct));
        findings.AddRange(await SimilarAsync(application, SubmissionIndex.SummaryText, application.SummarySignature, Kind.SimilarSummary, ct));
        return findings;
    }

    /// <summary>Candidates share a band (an indexed lookup); each is then estimated from the two signatures.</summary>
    private async Task<IEnumerable<Finding>> SimilarAsync(Application application, string text, string? stored, Kind kind, CancellationToken ct)
    {
        if (stored is null) return [];
        var signature = Similarity.Read(stored);
        var bands = Similarity.BandHashes(signature);
        var hashes = bands.ToList();
        var candidates = (await db.SimilarityBands.AsNoTracking()
                .Where(b => b.CallId == application.CallId && b.Text == text && b.ApplicationId != application.Id && hashes.Contains(b.Hash))
                .Select(b => new { b.ApplicationId, b.Band, b.Hash }).ToListAsync(ct))
            .Where(b => bands[b.Band] == b.Hash).Select(b => b.ApplicationId).Distinct().ToList();
        if (candidates.Count == 0) return [];
        var rows = await db.Applications.AsNoTracking()
            .Where(a => candidates.Contains(a.Id) && a.SubmittedAt != null && a.Status != ApplicationStatus.Withdrawn && a.Status != ApplicationStatus.Draft)
            .Select(a => new { a.Id, a.Number, a.Title, Organisation = a.Organisation.Name, a.TitleSignature, a.SummarySignature })
            .ToListAsync(ct);
        return rows
            .Select(a => (Row: a, Other: kind == Kind.SimilarTitle ? a.TitleSignature : a.SummarySignature))
            .Where(x => x.Other is not null)
            .Select(x => (x.Row, Estimate: Similarity.Estimate(signature, Similarity.Read(x.Other!))))
            .Where(x => x.Estimate >= Threshold)
            .OrderByDescending(x => x.Estimate)
            .Select(x => new Finding(kind, x.Row.Id, x.Row.Number, x.Row.Title, x.Row.Organisation, text, x.Estimate));
    }
}
