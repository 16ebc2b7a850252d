using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Applications;

/// <summary>A file the submission relies on: an attachment of the application or a proof in the organisation's profile.</summary>
public sealed record FileRef(string Purpose, string FileName, string Sha256, long Size);

/// <summary>
/// What was submitted, frozen: the facts the engine judged (profile and form, in the request contract's shape), the
/// form as typed, the justifications, the date the rules were judged on, the guide's id and version, every rule's
/// result and every file relied on with its SHA-256. Later stages read this, never today's profile.
/// Each part is kept as the exact text that was hashed; the receipt's hash covers the manifest, which names the
/// hash of every part, so a change to any part, or to the manifest itself, is found and named.
/// </summary>
public sealed record Snapshot(
    string ReceiptNo,
    string ApplicationNumber,
    string SubmittedById,
    DateTimeOffset SubmittedAt,
    string GuideId,
    string GuideVersion,
    DateOnly AsOf,
    string Facts,
    string Form,
    string Justifications,
    string Results,
    string Files)
{
    /// <summary>The parts by name, in manifest order.</summary>
    public IReadOnlyList<(string Name, string Text)> Parts =>
        [("facts", Facts), ("form", Form), ("justifications", Justifications), ("results", Results), ("files", Files)];

    /// <summary>The manifest: who, when, under which guide, and the SHA-256 of each part. The receipt hash is its hash.</summary>
    public string Manifest()
    {
        var manifest = new JsonObject
        {
            ["receiptNo"] = ReceiptNo,
            ["application"] = ApplicationNumber,
            ["submittedBy"] = SubmittedById,
            ["submittedAt"] = SubmittedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["guide"] = GuideId,
            ["guideVersion"] = GuideVersion,
            ["asOf"] = AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        foreach (var (name, text) in Parts) manifest[name] = Sha256(text);
        return manifest.ToJsonString(CheckJson.Options);
    }

    public string Hash() => Sha256(Manifest());

    public IReadOnlyDictionary<string, string> FormValues => Read(Form);

    public IReadOnlyDictionary<string, string> JustificationValues => Read(Justifications);

    public IReadOnlyList<RuleResult> RuleResults => ReadResults(Results);

    /// <summary>A results part as stored (outcomes by their contract words), read back.</summary>
    public static IReadOnlyList<RuleResult> ReadResults(string results) =>
        JsonSerializer.Deserialize<List<StoredResult>>(results, CheckJson.Options)!.Select(r => r.ToRuleResult()).ToList();

    public IReadOnlyList<FileRef> FileRefs => JsonSerializer.Deserialize<List<FileRef>>(Files, CheckJson.Options)!;

    /// <summary>
    /// Freezes a submission as judged: the request the engine read (in the contract's JSON), the date and rules of that
    /// judgement, under the guide it was made with.
    /// </summary>
    public static Snapshot Take(string receiptNo, string applicationNumber, string submittedById, DateTimeOffset submittedAt, Guide guide, Judgement judgement,
        IReadOnlyDictionary<string, string> form, IReadOnlyDictionary<string, string> justifications, IEnumerable<FileRef> files)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(judgement);
        return Take(receiptNo, applicationNumber, submittedById, submittedAt, guide.Id, guide.Version, judgement.Request.AsOf,
            RequestWriter.Write(judgement.Request), form, justifications, judgement.Verdict.Rules, files);
    }

    /// <summary>Freezes a submission: each part written once (form and justifications with sorted keys), so the same content always gives the same text.</summary>
    public static Snapshot Take(string receiptNo, string applicationNumber, string submittedById, DateTimeOffset submittedAt, string guideId, string guideVersion, DateOnly asOf,
        JsonObject facts, IReadOnlyDictionary<string, string> form, IReadOnlyDictionary<string, string> justifications,
        IReadOnlyList<RuleResult> results, IEnumerable<FileRef> files) =>
        // whole milliseconds: what every database keeps of an instant, so the stored time hashes as it was taken
        new(receiptNo, applicationNumber, submittedById, new DateTimeOffset(submittedAt.UtcTicks - submittedAt.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero), guideId, guideVersion, asOf,
            facts.ToJsonString(CheckJson.Options),
            Sorted(form).ToJsonString(CheckJson.Options),
            Sorted(justifications).ToJsonString(CheckJson.Options),
            JsonSerializer.Serialize(results.Select(StoredResult.From), CheckJson.Options),
            JsonSerializer.Serialize(files.OrderBy(f => f.Purpose, StringComparer.Ordinal).ThenBy(f => f.Sha256, StringComparer.Ordinal).ThenBy(f => f.FileName, StringComparer.Ordinal), CheckJson.Options));

    /// <summary>
    /// Everything that differs between a stored snapshot and the receipt given for it: the receipt's hash, a part
    /// whose text no longer has the hash its manifest names, a file missing or changed. Empty when all hold.
    /// <paramref name="fileHash"/> gives a stored file's SHA-256 as read from its bytes, or null when it is gone.
    /// </summary>
    public IReadOnlyList<string> Verify(string receiptHash, string recordedManifest, Func<string, string?> fileHash)
    {
        ArgumentNullException.ThrowIfNull(fileHash);
        var differences = new List<string>();
        var manifest = Manifest();
        if (manifest != recordedManifest)
        {
            JsonObject recorded;
            try
            {
                recorded = JsonNode.Parse(recordedManifest) as JsonObject ?? [];
            }
            catch (JsonException)
            {
                recorded = [];
                differences.Add("提交时记录的清单已无法读取");
            }
            var now = JsonNode.Parse(manifest)!.AsObject();
            foreach (var (key, value) in now)
                if (!JsonNode.DeepEquals(value, recorded[key]))
                    differences.Add(key switch
                    {
                        "facts" or "form" or "justifications" or "results" or "files" =>
                            $"快照的 {key} 部分已改变：其 SHA-256 为 {(string)value!}，提交时记录为 {(string?)recorded[key] ?? "（无）"}",
                        _ => $"快照的 {key} 已改变：现为 {value?.ToJsonString()}，提交时记录为 {recorded[key]?.ToJsonString() ?? "（无）"}",
                    });
        }
        if (Sha256(recordedManifest) != receiptHash)
            differences.Add($"回执哈希 {receiptHash} 与提交时记录的清单不符（清单的 SHA-256 为 {Sha256(recordedManifest)}）");
        IReadOnlyList<FileRef> files;
        try
        {
            files = FileRefs;
        }
        catch (JsonException)
        {
            differences.Add("快照的 files 部分已无法读取，不能核对所依据的文件");
            return differences;
        }
        foreach (var file in files)
            switch (fileHash(file.Sha256))
            {
                case null:
                    differences.Add($"文件“{file.FileName}”（{file.Purpose}，SHA-256 {file.Sha256}）已不在文件库中");
                    break;
                case var actual when actual != file.Sha256:
                    differences.Add($"文件“{file.FileName}”（{file.Purpose}）的内容已改变：SHA-256 为 {actual}，提交时为 {file.Sha256}");
                    break;
            }
        return differences;
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static Dictionary<string, string> Read(string json) => JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    private static JsonObject Sorted(IReadOnlyDictionary<string, string> values)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal)) sorted[key] = value;
        return sorted;
    }

    /// <summary>A rule result as the snapshot writes it: outcome by its contract word.</summary>
    private sealed record StoredResult(string Id, string Clause, string Outcome, string Message)
    {
        public static StoredResult From(RuleResult r) => new(r.RuleId, r.Clause, CheckResponse.OutcomeWord(r.Outcome), r.Message);

        public RuleResult ToRuleResult() => new(Id, Clause, Outcome switch
        {
            "pass" => Eligibility.Outcome.Pass,
            "fail" => Eligibility.Outcome.Fail,
            "warn" => Eligibility.Outcome.Warn,
            "manual" => Eligibility.Outcome.Manual,
            _ => throw new InvalidDataException($"unknown outcome '{Outcome}' in a stored snapshot"),
        }, Message);
    }
}
