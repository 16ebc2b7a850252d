using System.Runtime.InteropServices;

namespace Shenbao.Data;

/// <summary>
/// A file that a database row will point to is on the disk before that row commits: its bytes flushed to the device,
/// then renamed into place, then its folder flushed so that the new name survives a crash too. After a power cut a
/// committed row never points at a file that is missing or half-written.
/// </summary>
public static partial class DiskFlush
{
    /// <summary>Writes the bytes under a temporary name, flushes them, and moves them to <paramref name="path"/> atomically.</summary>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var created = Make(folder);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, ct);
                stream.Flush(flushToDisk: true);
            }
            // the move is atomic: a reader sees the whole file or none
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        Flushed(folder, created);
    }

    /// <summary>The same for a file copied: the copy flushed under a temporary name, then moved into place.</summary>
    public static void Copy(string from, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var created = Make(folder);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.Copy(from, temporary);
            using (var copied = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite)) copied.Flush(flushToDisk: true);
            File.Move(temporary, path);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        Flushed(folder, created);
    }

    /// <summary>The folder made where missing, and the folders that made (files/ab/ for a new prefix): each is an entry of its parent.</summary>
    private static List<string> Make(string folder)
    {
        var created = new List<string>();
        for (var missing = folder; !Directory.Exists(missing); missing = Path.GetDirectoryName(missing)!) created.Add(missing);
        Directory.CreateDirectory(folder);
        return created;
    }

    /// <summary>The folder's new entry, and each new folder's entry in its parent.</summary>
    private static void Flushed(string folder, IEnumerable<string> created)
    {
        Folder(folder);
        foreach (var made in created) Folder(Path.GetDirectoryName(made)!);
    }

    /// <summary>
    /// Flushes a folder's entries (a rename, a new file) to the disk. .NET opens no folder as a file, so on Linux and
    /// macOS this is open(2) and fsync(2) themselves; Windows' NTFS journals its entries, and the call does nothing there.
    /// </summary>
    public static void Folder(string folder)
    {
        if (OperatingSystem.IsWindows()) return;
        var descriptor = Open(folder, 0 /* O_RDONLY */);
        if (descriptor < 0) throw new IOException($"could not open the folder {folder} to flush it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(descriptor) != 0) throw new IOException($"could not flush the folder {folder} (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
