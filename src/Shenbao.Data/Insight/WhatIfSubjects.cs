using Microsoft.EntityFrameworkCore;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Data.Insight;

/// <summary>A submitted application as read for a what-if: its number and its latest submission's frozen facts (null when none is stored) and day judged.</summary>
public sealed record FrozenFacts(string Number, string? Facts, DateOnly AsOf)
{
    /// <summary>The facts parsed under the guide, or null when the guide no longer reads them.</summary>
    public WhatIfSubject? Under(Guide guide) =>
        Facts is not null && RequestReader.ReadFrozen(Facts, guide, AsOf) is ReadResult.Parsed parsed ? new WhatIfSubject(Number, parsed.Request) : null;
}

/// <summary>Reads a call's applications for a what-if: each one submitted (not a draft, not withdrawn) as its latest frozen submission.</summary>
public static class WhatIfData
{
    public const string Judging = "读取提交内容并按修改前后的指南重新判定";

    /// <summary>The statuses a what-if leaves out: never submitted, or taken back by the applicant.</summary>
    public static readonly IReadOnlyList<ApplicationStatus> Left = [ApplicationStatus.Draft, ApplicationStatus.Withdrawn];

    /// <summary>
    /// The frozen facts of the call's submitted applications, as text, streamed from the database, with how many there
    /// are: each application's latest submission is the one its receipt names (a join on a unique index, not a search of
    /// every submission). Parsed later, one at a time.
    /// </summary>
    public static async Task<(int Total, IAsyncEnumerable<FrozenFacts> Rows)> StreamAsync(AppDbContext db, int callId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var applications = db.Applications.AsNoTracking().Where(a => a.CallId == callId && a.SubmittedAt != null && !Left.Contains(a.Status));
        var total = await applications.CountAsync(ct);
        var rows = from a in applications
                   join s in db.Snapshots on a.ReceiptNo equals s.ReceiptNo into frozen
                   from s in frozen.DefaultIfEmpty()
                   select new FrozenFacts(a.Number, s == null ? null : s.Facts, s == null ? default : s.AsOf);
        return (total, rows.AsAsyncEnumerable());
    }

    /// <summary>Every submitted application of the call, parsed and kept (the benchmark's baseline holds them in memory).</summary>
    public static async Task<IReadOnlyList<WhatIfSubject>> LoadAsync(AppDbContext db, int callId, Guide guide, CancellationToken ct)
    {
        var rows = await (await StreamAsync(db, callId, ct)).Rows.ToListAsync(ct);
        return rows.AsParallel().AsOrdered().Select(f => f.Under(guide)).OfType<WhatIfSubject>().ToList();
    }

    /// <summary>The title and organisation of each application named, for the list of what changed (read in chunks the database's parameter limits allow).</summary>
    public static async Task<IReadOnlyDictionary<string, (string? Title, string Organisation)>> NamesAsync(AppDbContext db, int callId, IEnumerable<string> numbers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var names = new Dictionary<string, (string?, string)>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(500))
            foreach (var a in await db.Applications.AsNoTracking().Where(a => a.CallId == callId && chunk.Contains(a.Number))
                         .Select(a => new { a.Number, a.Title, Organisation = a.Organisation.Name }).ToListAsync(ct))
                names[a.Number] = (a.Title, a.Organisation);
        return names;
    }
}
