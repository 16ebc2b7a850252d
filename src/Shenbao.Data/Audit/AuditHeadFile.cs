using System.Text.Json;
using Shenbao.Domain.Audit;

namespace Shenbao.Data.Audit;

/// <summary>
/// The chain's head kept outside the database ({DataPath}/audit-head.json), so that a cut-off tail or a chain
/// rewritten from the start is found. Each appending transaction writes its head as pending before its commit and
/// as the head after it; a crash in between leaves the pending head, which the table may then end at. Writes only
/// move the head forward, so processes that commit in one order and write the file in another still leave the latest
/// head. Every process that appends must write the same file: nodes share the data folder (as they share uploads).
/// </summary>
public sealed class AuditHeadFile(string path)
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The committed head, and the heads of transactions between their commit and its confirmation.</summary>
    public sealed record State(AuditHead? Head, IReadOnlyList<AuditHead> Pending)
    {
        /// <summary>Whether the table may end at <paramref name="end"/>: the head, or a head about to become it.</summary>
        public bool Allows(AuditHead end) => end == (Head ?? AuditHead.Empty) || Pending.Contains(end);
    }

    private sealed record Stored(long Count, string Hash, List<StoredHead>? Pending);

    private sealed record StoredHead(long Count, string Hash);

    public static string For(string dataPath) => System.IO.Path.Combine(dataPath, "audit-head.json");

    public State Read()
    {
        if (!File.Exists(Path)) return new State(null, []);
        Stored? stored;
        try
        {
            stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(Path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The audit head {Path} cannot be read: {e.Message}", e);
        }
        if (stored is not { Hash.Length: 64 }) throw new InvalidDataException($"The audit head {Path} is not an audit head");
        return new State(new AuditHead(stored.Count, stored.Hash), (stored.Pending ?? []).Select(p => new AuditHead(p.Count, p.Hash)).ToList());
    }

    /// <summary>Before the commit: the head the table will have if it commits.</summary>
    public void Pending(AuditHead head) => Update(state => state with { Pending = [.. state.Pending.Where(p => p != head), head] });

    /// <summary>After the commit: the table now ends at this head (or later, if another process committed since).</summary>
    public void Committed(AuditHead head) => Update(state =>
    {
        var latest = state.Head is { } known && known.Count >= head.Count ? known : head;
        return new State(latest, state.Pending.Where(p => p.Count > latest.Count).ToList());
    });

    /// <summary>
    /// Sets the head to the table's end, whatever the file said: for `audit accept` after a restore, once someone has
    /// looked. The caller records the old head and the new end in the trail itself.
    /// </summary>
    public void Reset(AuditHead end) => Update(_ => new State(end, []));

    /// <summary>The transaction rolled back: its pending head is not the table's.</summary>
    public void Abandoned(AuditHead head) => Update(state => state with { Pending = state.Pending.Where(p => p != head).ToList() });

    /// <summary>
    /// Every write is flushed, and so is the folder after the rename: on file systems that may keep a rename but not
    /// the data before it (XFS, ext4 without auto_da_alloc), an unflushed write could leave an empty head after a crash.
    /// </summary>
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
                JsonSerializer.Serialize(file, new Stored(head.Count, head.Hash, next.Pending.Select(p => new StoredHead(p.Count, p.Hash)).ToList()));
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path, overwrite: true);
            FlushFolder(System.IO.Path.GetDirectoryName(Path)!);
        }
        finally
        {
            InProcess.Release();
        }
    }

    /// <summary>fsync of the folder, so that the rename itself survives a power cut (POSIX only; Windows has no such call).</summary>
    private static void FlushFolder(string folder)
    {
        if (OperatingSystem.IsWindows()) return;
        var descriptor = NativeFiles.open(folder, 0);
        if (descriptor < 0) return;
        try
        {
            if (NativeFiles.fsync(descriptor) != 0)
                throw new IOException($"fsync of {folder} failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = NativeFiles.close(descriptor);
        }
    }

    private FileStream OpenExclusive(string lockPath)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 1000)
            {
                Thread.Sleep(10);
            }
            catch (IOException e)
            {
                throw new IOException($"The audit head {Path} stayed locked for 10 s: another process holds {lockPath}.", e);
            }
        }
    }
}

internal static partial class NativeFiles
{
#pragma warning disable CA1401, CA5392, SYSLIB1054 // three libc calls; the folder's name is ours, not a caller's
    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true, CharSet = System.Runtime.InteropServices.CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    internal static extern int open(string path, int flags);

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    internal static extern int fsync(int descriptor);

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    internal static extern int close(int descriptor);
#pragma warning restore CA1401, CA5392, SYSLIB1054
}
