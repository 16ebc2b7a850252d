using Microsoft.EntityFrameworkCore;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;

namespace Shenbao.Data;

/// <summary>
/// What formal review lists, filters and cross-checks on, written from a submission as frozen: the verdict, the warned
/// rules, the contract's registration number and the title's and summary's similarity signatures with their LSH bands.
/// One writer, for the submission page and the demo alike.
/// </summary>
public static class SubmissionIndex
{
    public const string TitleText = "title";
    public const string SummaryText = "summary";

    /// <summary>Removes the bands of an earlier submission of the application (a resubmission replaces them).</summary>
    public static Task ClearAsync(AppDbContext db, int applicationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.SimilarityBands.Where(b => b.ApplicationId == applicationId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Stages the index of a submission (the caller saves, after <see cref="ClearAsync"/> for a resubmission).</summary>
    public static void Stage(AppDbContext db, Application application, Category category, IReadOnlyDictionary<string, string> form, Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(verdict);
        application.Verdict = verdict.Word;
        var warned = verdict.Rules.Where(r => r.Outcome == Outcome.Warn).Select(r => r.RuleId).ToList();
        application.WarnedRules = warned.Count == 0 ? null : "|" + string.Join("|", warned) + "|";
        application.ContractRegistrationNo = form.GetValueOrDefault("application.contract.registrationNo")?.Trim() is { Length: > 0 } no
            ? no.Length > Listing.FieldLength ? no[..Listing.FieldLength] : no
            : null;
        var summaryPath = category.Form.SelectMany(s => s.Fields).FirstOrDefault(f => f.Column == "summary")?.Path;
        var title = Similarity.Signature(application.Title);
        var summary = Similarity.Signature(summaryPath is null ? null : form.GetValueOrDefault(summaryPath));
        application.TitleSignature = title is null ? null : Similarity.Write(title);
        application.SummarySignature = summary is null ? null : Similarity.Write(summary);

        var callId = application.CallId != 0 ? application.CallId : application.Call.Id;
        foreach (var (text, signature) in new[] { (TitleText, title), (SummaryText, summary) })
        {
            if (signature is null) continue;
            var hashes = Similarity.BandHashes(signature);
            for (var band = 0; band < hashes.Length; band++)
                db.SimilarityBands.Add(new SimilarityBand { CallId = callId, Application = application, Text = text, Band = band, Hash = hashes[band] });
        }
    }
}
