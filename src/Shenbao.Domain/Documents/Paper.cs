namespace Shenbao.Domain.Documents;

/// <summary>
/// The printed 申报书 of one application, everything it says already worded: a cover, the sections of the form, the
/// rule outcomes with their clauses, the files relied on with their hashes, and what the official lists found.
/// Built from the frozen snapshot for a submission (<see cref="Receipt"/> set), from the form as saved for a draft.
/// </summary>
public sealed record Paper(
    string CallTitle,
    string CategoryName,
    string Title,
    string Organisation,
    string Leader,
    string ApplicationNumber,
    PaperReceipt? Receipt,
    IReadOnlyList<PaperSection> Sections,
    IReadOnlyList<PaperRule> Rules,
    IReadOnlyList<PaperFile> Files,
    DateTimeOffset PrintedAt)
{
    /// <summary>A draft's paper carries the 草稿 watermark on every page and no QR code: there is no receipt to verify.</summary>
    public bool Draft => Receipt is null;

    /// <summary>A line said under the cover's facts: a void receipt, a draft's rules judged now.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>What the official lists say about the applicant's claims (the list and its import date cited).</summary>
    public IReadOnlyList<string> ListFindings { get; init; } = [];
}

/// <summary>The receipt on the cover, and the absolute address its QR code holds (/Receipts/Verify under the public base URL).</summary>
public sealed record PaperReceipt(string ReceiptNo, DateTimeOffset IssuedAt, string Hash, string GuideVersion, DateOnly AsOf, string VerifyUrl);

public sealed record PaperSection(string Title, IReadOnlyList<(string Label, string Value)> Lines);

/// <summary>One rule's outcome in words (符合, 不符合, 提示, 人工审核), its message, the clause it implements and, for a warning, the applicant's 说明.</summary>
public sealed record PaperRule(string Outcome, string Name, string Message, string ClauseId, string? ClauseText, string? Justification);

public sealed record PaperFile(string Kind, string FileName, string Sha256, long Size);
