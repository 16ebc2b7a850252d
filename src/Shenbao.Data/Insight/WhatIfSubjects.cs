using Microsoft.EntityFrameworkCore;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Data.Insight;

/// <summary>The call's real applications as a what-if recounts them, and the numbers of any whose frozen facts the guide no longer reads.</summary>
public sealed record WhatIfSubjects(IReadOnlyList<WhatIfSubject> Subjects, IReadOnlyList<string> Unreadable)
{
    /// <summary>Each application's title and organisation by number: how the list of changes names them.</summary>
    public IReadOnlyDictionary<string, (string? Title, string Organisation)> Names { get; init; } = new Dictionary<string, (string?, string)>();
}

/// <summary>Loads a call's applications for a what-if: each one submitted (not a draft, not withdrawn) as its latest frozen submission.</summary>
public static class WhatIfData
{
    /// <summary>The statuses a what-if leaves out: never submitted, or taken back by the applicant.</summary>
    public const string Reading = "读取提交内容";

    public static readonly IReadOnlyList<ApplicationStatus> Left = [ApplicationStatus.Draft, ApplicationStatus.Withdrawn];

    /// <summary>
    /// Reads the frozen facts of the call's submitted applications and parses them under <paramref name="guide"/> on the
    /// day each was judged, in parallel; <paramref name="progress"/> hears how many are read.
    /// </summary>
    public static async Task<WhatIfSubjects> LoadAsync(AppDbContext db, int callId, Guide guide, IProgress<WhatIfProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(guide);
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.CallId == callId && a.SubmittedAt != null && !Left.Contains(a.Status))
            .Select(a => new { a.Number, a.Title, Organisation = a.Organisation.Name, Frozen = db.Snapshots.Where(s => s.ApplicationId == a.Id).OrderByDescending(s => s.Id).Select(s => new { s.Facts, s.AsOf }).FirstOrDefault() })
            .ToListAsync(ct);
        var subjects = new WhatIfSubject?[rows.Count];
        var read = 0;
        await Parallel.ForEachAsync(System.Collections.Concurrent.Partitioner.Create(0, rows.Count, Math.Clamp(rows.Count / (Environment.ProcessorCount * 8), 256, 8192)).GetDynamicPartitions(),
            new ParallelOptions { CancellationToken = ct },
            (range, _) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                    if (rows[i].Frozen is { } frozen && RequestReader.Read(frozen.Facts, guide, frozen.AsOf) is ReadResult.Parsed parsed)
                        subjects[i] = new WhatIfSubject(rows[i].Number, parsed.Request);
                progress?.Report(new WhatIfProgress(Reading, Interlocked.Add(ref read, range.Item2 - range.Item1), rows.Count));
                return ValueTask.CompletedTask;
            });
        var unreadable = rows.Where((_, i) => subjects[i] is null).Select(r => r.Number).Order(StringComparer.Ordinal).ToList();
        return new WhatIfSubjects(subjects.OfType<WhatIfSubject>().ToList(), unreadable)
        {
            Names = rows.ToDictionary(r => r.Number, r => (r.Title, r.Organisation), StringComparer.Ordinal),
        };
    }
}
