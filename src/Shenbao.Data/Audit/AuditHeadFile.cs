using System.Text.Json;
using Shenbao.Domain.Audit;

namespace Shenbao.Data.Audit;

/// <summary>
/// The chain's head kept outside the database ({DataPath}/audit-head.json), so that a cut-off tail or a chain
/// rewritten from the start is found. Written as "pending" before a commit and as the head after it: a crash between
/// the two leaves the pending head, which the table may then end at. Writes only move the head forward, so processes
/// that commit in one order and write the file in another still leave the latest head.
/// </summary>
public sealed class AuditHeadFile(string path)
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public sealed record State(AuditHead? Head, AuditHead? Pending);

    private sealed record Stored(long Count, string Hash, long? PendingCount, string? PendingHash);

    public static string For(string dataPath) => System.IO.Path.Combine(dataPath, "audit-head.json");

    public State Read()
    {
        if (!File.Exists(Path)) return new State(null, null);
        var stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(Path))
            ?? throw new InvalidDataException($"{Path} is not an audit head");
        return new State(new AuditHead(stored.Count, stored.Hash),
            stored is { PendingCount: { } count, PendingHash: { } hash } ? new AuditHead(count, hash) : null);
    }

    /// <summary>Before the commit: the head the table will have if it commits.</summary>
    public void Pending(AuditHead head) => Update(state => state with { Pending = head });

    /// <summary>After the commit: the table now ends at this head.</summary>
    public void Committed(AuditHead head) => Update(state => new State(
        state.Head is { } known && known.Count >= head.Count ? known : head,
        state.Pending is { } pending && pending.Count > head.Count ? pending : null));

    /// <summary>The transaction did not commit: its pending head is not the table's.</summary>
    public void Abandoned(AuditHead head) => Update(state => state.Pending == head ? state with { Pending = null } : state);

    private void Update(Func<State, State> change)
    {
        InProcess.Wait();
        try
        {
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            // the lock file keeps other processes out between the read and the write
            using var gate = OpenExclusive(Path + ".lock");
            var next = change(Read());
            var head = next.Head ?? AuditHead.Empty;
            var temporary = Path + ".tmp";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(file, new Stored(head.Count, head.Hash, next.Pending?.Count, next.Pending?.Hash));
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            InProcess.Release();
        }
    }

    private static FileStream OpenExclusive(string lockPath)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 500)
            {
                Thread.Sleep(10);
            }
        }
    }
}
