using System.Text.Json;
using Shenbao.Domain.Audit;

namespace Shenbao.Data.Audit;

/// <summary>
/// The chain's head kept outside the database, so that a cut-off tail or a chain rewritten from the start is found.
/// Two files in the data folder:
/// <list type="bullet">
/// <item><c>audit-head.json</c>, written and flushed just before each appending transaction commits, while it still
/// holds the chain's lock: the table's committed end, and the end it is about to commit (pending). A crash at any
/// moment leaves the table at one of the two. The file has two fixed slots of text, written in turn in place (one
/// flush, no rename, no folder to flush): a write torn by a power cut spoils only its own slot, and the other one,
/// a write older, still allows the table's end, since the torn write's transaction had not committed.</item>
/// <item><c>audit-head.json.committed</c>, written after the commit and not flushed: the end now committed, which
/// narrows the two to one, so that cutting even the last row is found. Lost or torn in a crash, it is ignored and the
/// first file stands.</item>
/// </list>
/// Every process that appends must write the same files: nodes share the data folder (as they share uploads).
/// </summary>
public sealed class AuditHeadFile(string path)
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    private string CommittedPath => Path + ".committed";

    /// <summary>The committed head, and the head of a transaction between its commit and the confirmation of it.</summary>
    public sealed record State(AuditHead? Head, IReadOnlyList<AuditHead> Pending)
    {
        /// <summary>Whether the table may end at <paramref name="end"/>: the head, or a head about to become it.</summary>
        public bool Allows(AuditHead end) => end == (Head ?? AuditHead.Empty) || Pending.Contains(end);
    }

    private sealed record Stored(long Count, string Hash, List<StoredHead>? Pending);

    private sealed record StoredHead(long Count, string Hash);

    public static string For(string dataPath) => System.IO.Path.Combine(dataPath, "audit-head.json");

    /// <summary>The head as both files give it; a missing head file is no head (State.Head null).</summary>
    public State Read()
    {
        if (!File.Exists(Path)) return new State(null, []);
        var state = Newest(File.ReadAllBytes(Path))?.State ?? throw new InvalidDataException($"The audit head {Path} has no readable slot");
        // the confirmation counts only when it is one of the ends the flushed file allows (a stale or torn one does not)
        return Confirmation() is { } committed && state.Allows(committed)
            ? new State(committed, state.Pending.Where(p => p.Count > committed.Count).ToList())
            : state;
    }

    /// <summary>Before the commit, under the chain's lock: the table ends at <paramref name="end"/>, and will end at <paramref name="next"/> if it commits.</summary>
    public void Pending(AuditHead end, AuditHead next) => Locked(() => WriteSlot(new State(end, [next])));

    /// <summary>After the commit: the table now ends at this head (or later, if another process has confirmed since).</summary>
    public void Committed(AuditHead head) => Locked(() =>
    {
        if (Confirmation() is { } known && known.Count >= head.Count) return;
        Replace(CommittedPath, new State(head, []));
    });

    /// <summary>
    /// Sets the head to the table's end, whatever the files said: for `audit accept` after a restore, once someone has
    /// looked. The caller records the old head and the new end in the trail itself.
    /// </summary>
    public void Reset(AuditHead end) => Locked(() =>
    {
        WriteSlot(new State(end, []));
        File.Delete(CommittedPath);
    });

    private AuditHead? Confirmation()
    {
        try
        {
            return File.Exists(CommittedPath) && Load(CommittedPath) is { } stored ? new AuditHead(stored.Count, stored.Hash) : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static Stored? Load(string file)
    {
        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(file));
            return stored is { Hash.Length: 64 } ? stored : throw new InvalidDataException($"The audit head {file} is not an audit head");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The audit head {file} cannot be read: {e.Message}", e);
        }
    }

    private void Locked(Action write)
    {
        InProcess.Wait();
        try
        {
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            // the lock file keeps other processes out between a read and a write
            using var gate = OpenExclusive(Path + ".lock");
            write();
        }
        finally
        {
            InProcess.Release();
        }
    }

    private const int SlotSize = 512;

    private sealed record Slot(long Serial, Stored Stored)
    {
        public State State => new(new AuditHead(Stored.Count, Stored.Hash), (Stored.Pending ?? []).Select(p => new AuditHead(p.Count, p.Hash)).ToList());
    }

    private sealed record SlotText(long Serial, long Count, string Hash, List<StoredHead> Pending, string Check);

    /// <summary>The newest slot whose check holds, or null when neither does.</summary>
    private static Slot? Newest(byte[] file) =>
        Enumerable.Range(0, 2)
            .Select(i => file.Length >= (i + 1) * SlotSize ? ReadSlot(file.AsSpan(i * SlotSize, SlotSize)) : null)
            .OfType<Slot>()
            .MaxBy(slot => slot.Serial);

    private static Slot? ReadSlot(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes).TrimEnd(' ', '\n', '\0');
            if (JsonSerializer.Deserialize<SlotText>(text) is not { Hash.Length: 64 } slot || slot.Check != Check(slot.Serial, slot.Count, slot.Hash, slot.Pending)) return null;
            return new Slot(slot.Serial, new Stored(slot.Count, slot.Hash, slot.Pending));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Check(long serial, long count, string hash, IEnumerable<StoredHead> pending) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            $"{serial}|{count}|{hash}|{string.Join(",", pending.Select(p => $"{p.Count}:{p.Hash}"))}")))[..16];

    /// <summary>Writes the next slot in place and flushes it: the slot the older of the two is in.</summary>
    private void WriteSlot(State state)
    {
        var created = !File.Exists(Path);
        using var file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var current = new byte[Math.Min(file.Length, 2 * SlotSize)];
        file.ReadExactly(current);
        var serial = (Newest(current)?.Serial ?? 0) + 1;
        var head = state.Head ?? AuditHead.Empty;
        var pending = state.Pending.Select(p => new StoredHead(p.Count, p.Hash)).ToList();
        var text = JsonSerializer.Serialize(new SlotText(serial, head.Count, head.Hash, pending, Check(serial, head.Count, head.Hash, pending)));
        var slot = new byte[SlotSize];
        Array.Fill(slot, (byte)' ');
        slot[^1] = (byte)'\n';
        var written = System.Text.Encoding.UTF8.GetBytes(text, slot);
        if (written >= SlotSize - 1) throw new InvalidOperationException("An audit head does not fit its slot.");
        if (file.Length < 2 * SlotSize) file.SetLength(2 * SlotSize);
        file.Position = (serial % 2) * SlotSize;
        file.Write(slot);
        file.Flush(flushToDisk: true);
        // a new file's name must survive a power cut too: its folder is flushed once, when it is made
        if (created) FlushFolder(System.IO.Path.GetDirectoryName(Path)!);
    }

    /// <summary>The confirmation: written beside and renamed over (a reader never sees half of it), not flushed.</summary>
    private static void Replace(string file, State state)
    {
        var head = state.Head ?? AuditHead.Empty;
        var temporary = file + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            JsonSerializer.Serialize(stream, new Stored(head.Count, head.Hash, []));
        File.Move(temporary, file, overwrite: true);
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
