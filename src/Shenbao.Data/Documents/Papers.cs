using Microsoft.EntityFrameworkCore;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Documents;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;

namespace Shenbao.Data.Documents;

/// <summary>The printed 申报书 of an application, worded from its frozen submission (or from the form as saved, for a draft).</summary>
public static class Papers
{
    /// <summary>Where the cover's QR code leads: the public verification page under the configured base URL, never the request's host.</summary>
    public static string VerifyUrl(string publicBaseUrl, string receiptNo, string hash)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        return $"{publicBaseUrl.TrimEnd('/')}/Receipts/Verify?no={Uri.EscapeDataString(receiptNo)}&hash={Uri.EscapeDataString(hash)}";
    }

    /// <summary>
    /// What the officials (and the command line) print: the latest submission as frozen, or, for an application never
    /// submitted, the form as saved with no rules judged (a draft's check is the live panel's, made against today's profile).
    /// The application comes with its call, organisation and attachments.
    /// </summary>
    public static async Task<Paper> LoadAsync(AppDbContext db, Guide guide, Application application, string publicBaseUrl, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(application);
        var category = guide.FindCategory(application.Category) ?? throw new InvalidOperationException($"Guide '{guide.Id}' has no category '{application.Category}'.");
        var stored = application.Status == ApplicationStatus.Draft ? null
            : await db.Snapshots.AsNoTracking().Where(s => s.ApplicationId == application.Id).OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        if (stored is null)
            return Of(guide, category, application, Read(application.FormJson), Read(application.JustificationsJson), null, DraftFiles(application), null, publicBaseUrl, now);
        var snapshot = stored.ToSnapshot();
        return Of(guide, category, application, snapshot.FormValues, snapshot.JustificationValues, snapshot.RuleResults, snapshot.FileRefs, stored, publicBaseUrl, now)
            with { ListFindings = Worded(await OfficialLists.OfficialListStore.FindingsAsync(db, stored, guide, category, ct)) };
    }

    /// <summary>The files a draft relies on: those uploaded to it now.</summary>
    public static IReadOnlyList<FileRef> DraftFiles(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return application.Attachments.OrderBy(a => a.Purpose, StringComparer.Ordinal).ThenBy(a => a.FileName, StringComparer.Ordinal)
            .Select(a => new FileRef(a.Purpose, a.FileName, a.Sha256, a.Size)).ToList();
    }

    /// <summary>
    /// The paper of an application from what a page already holds: values, justifications and files as shown, the rules
    /// judged (null: not judged, a draft printed from the command line) and the snapshot they were frozen in (null: a draft).
    /// </summary>
    public static Paper Of(Guide guide, Category category, Application application, IReadOnlyDictionary<string, string> values,
        IReadOnlyDictionary<string, string> justifications, IReadOnlyList<RuleResult>? rules, IReadOnlyList<FileRef> files,
        SubmissionSnapshot? snapshot, string publicBaseUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(justifications);
        ArgumentNullException.ThrowIfNull(files);
        var sections = category.Form.Select(section => new PaperSection(section.Title, section.Fields
            .Where(f => values.GetValueOrDefault(f.Path) is { Length: > 0 })
            .Select(f => (f.Label, FieldText.Display(f, values[f.Path], FieldOptions.Of(f, category, application.Organisation))))
            .ToList())).ToList();
        var order = new[] { Outcome.Fail, Outcome.Warn, Outcome.Pass, Outcome.Manual };
        var printed = (rules ?? []).OrderBy(r => Array.IndexOf(order, r.Outcome)).Select(r => new PaperRule(
            RuleWord.Of(r), category.Rules.FirstOrDefault(g => g.Id == r.RuleId)?.Name ?? r.RuleId, r.Message, r.Clause, guide.FindClause(r.Clause)?.Text,
            r.Outcome == Outcome.Warn ? justifications.GetValueOrDefault(r.RuleId) : null)).ToList();
        var notes = new List<string>();
        if (snapshot is null)
            notes.Add(rules is null
                ? "草稿：尚未提交，无回执。资格检查以申报系统中的实时检查为准，提交时冻结。"
                : "草稿：尚未提交，无回执。下列资格检查按打印时的单位信息和申报内容作出，提交时冻结。");
        else if (application.Status == ApplicationStatus.Withdrawn)
            notes.Add("已放弃申报：本回执已作废，仅作记录。");
        else if (application.Status == ApplicationStatus.Returned)
            notes.Add("已退回修改：以下为上一次提交的内容，重新提交后换发新回执。");
        // the title and leader as printed are those of the content printed, not of a revision in progress
        var listing = Listing.Of(category, values);
        return new Paper(
            application.Call.Title, category.Name, listing.Title ?? "（未命名项目）", application.Organisation.Name, listing.LeaderName ?? "（未填写）", application.Number,
            snapshot is null ? null : new PaperReceipt(snapshot.ReceiptNo, snapshot.SubmittedAt, snapshot.Hash, snapshot.GuideVersion, snapshot.AsOf,
                VerifyUrl(publicBaseUrl, snapshot.ReceiptNo, snapshot.Hash)),
            sections, printed,
            files.Select(f => new PaperFile(KindOf(guide, f.Purpose), f.FileName, f.Sha256, f.Size)).ToList(),
            now) { Notes = notes };
    }

    /// <summary>Findings as the paper prints them: a mismatch marked for checking, a confirmation as it is.</summary>
    public static IReadOnlyList<string> Worded(IReadOnlyList<Shenbao.Domain.OfficialLists.ListFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings.Select(f => f.Flagged ? "【需核实】" + f.Message : "【一致】" + f.Message).ToList();
    }

    private static string KindOf(Guide guide, string purpose)
    {
        if (!purpose.StartsWith(Attachment.ProofPrefix, StringComparison.Ordinal)) return guide.AttachmentTypes.GetValueOrDefault(purpose) ?? purpose;
        var group = purpose[Attachment.ProofPrefix.Length..];
        return $"单位信息证明（{FactCatalog.ProfileGroups.FirstOrDefault(g => g.Id == group)?.Title ?? group}）";
    }

    private static Dictionary<string, string> Read(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
