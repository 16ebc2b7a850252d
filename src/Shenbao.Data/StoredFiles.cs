using System.Security.Cryptography;

namespace Shenbao.Data;

/// <summary>
/// Where uploaded documents live: content-addressed by SHA-256 under {root}/ab/abcdef…, so the same document is stored
/// once and a stored file can never be silently changed under its name. The web upload, the demo and the receipt check share it.
/// </summary>
public static class StoredFiles
{
    /// <summary>The file's path, or null for a name that is not a lower-case SHA-256 (which must never become a path).</summary>
    public static string? PathOf(string root, string sha256) =>
        sha256.Length == 64 && sha256.All(char.IsAsciiHexDigitLower) ? Path.Combine(root, sha256[..2], sha256) : null;

    /// <summary>Stores the bytes (once) and gives their SHA-256.</summary>
    public static async Task<string> WriteAsync(string root, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var path = PathOf(root, sha)!;
        // on the disk before the row that refers to it commits; two uploads of the same file both succeed
        if (!File.Exists(path)) await DiskFlush.WriteAsync(path, content, ct);
        return sha;
    }

    /// <summary>The SHA-256 of a stored file's bytes as they are now, or null when it is not there.</summary>
    public static string? HashOf(string root, string sha256)
    {
        if (PathOf(root, sha256) is not { } path || !File.Exists(path)) return null;
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>A stored file's bytes, and whether they still hash to the name they are stored under.</summary>
    public sealed record Content(byte[] Bytes, bool Intact);

    /// <summary>Reads a stored file and checks its hash again (a disk or a hand may have changed it); null when it is not there.</summary>
    public static async Task<Content?> ReadAsync(string root, string sha256, CancellationToken ct)
    {
        if (PathOf(root, sha256) is not { } path || !File.Exists(path)) return null;
        var bytes = await File.ReadAllBytesAsync(path, ct);
        return new Content(bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)) == sha256);
    }
}
