using System.IO.Compression;

namespace Shenbao.Domain.Files;

/// <summary>A kind of document the system accepts as proof, recognised by its content, never by its name.</summary>
public sealed record FileKind(string Name, string ContentType, IReadOnlyList<string> Extensions);

public static class FileKinds
{
    public static readonly FileKind Pdf = new("PDF", "application/pdf", [".pdf"]);
    public static readonly FileKind Png = new("PNG", "image/png", [".png"]);
    public static readonly FileKind Jpeg = new("JPG", "image/jpeg", [".jpg", ".jpeg"]);
    /// <summary>OFD (GB/T 33190), China's fixed-layout format: a ZIP package whose root holds OFD.xml.</summary>
    public static readonly FileKind Ofd = new("OFD", "application/ofd", [".ofd"]);

    public static IReadOnlyList<FileKind> Accepted { get; } = [Pdf, Jpeg, Png, Ofd];

    public static string AcceptedNames => string.Join("、", Accepted.Select(k => k.Name));

    /// <summary>What the bytes are, or null when they are none of the accepted kinds.</summary>
    public static FileKind? Sniff(ReadOnlyMemory<byte> content)
    {
        var head = content.Span;
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (IsPng(head)) return Png;
        if (IsJpeg(head)) return Jpeg;
        if (head.StartsWith("PK\u0003\u0004"u8) && IsOfdPackage(content)) return Ofd;
        return null;
    }

    public static bool IsPng(ReadOnlySpan<byte> head) => head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

    public static bool IsJpeg(ReadOnlySpan<byte> head) => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);

    private static bool IsOfdPackage(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var zip = new ZipArchive(Unpacking.Over(content), ZipArchiveMode.Read);
            return zip.Entries.Any(e => string.Equals(e.FullName, "OFD.xml", StringComparison.OrdinalIgnoreCase));
        }
        catch (InvalidDataException)
        {
            return false;   // a damaged or disguised ZIP is not an OFD document
        }
    }
}
