using System.Runtime.InteropServices;

namespace Shenbao.Domain.Files;

/// <summary>Reading what an upload holds inside it — a ZIP's entries, a PDF's compressed streams — without trusting its sizes.</summary>
public static class Unpacking
{
    /// <summary>The upload's bytes as a read-only stream, without copying them (an upload may be 20 MB).</summary>
    public static MemoryStream Over(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);

    /// <summary>Everything the stream unpacks to, counted as it comes (a declared size may lie); null beyond the budget.</summary>
    public static byte[]? ReadAtMost(Stream input, long budget)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            if (output.Length + read > budget) return null;
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }
}
