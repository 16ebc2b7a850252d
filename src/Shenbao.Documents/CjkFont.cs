using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace Shenbao.Documents;

/// <summary>The 申报书's font is missing: what the person running the site must install.</summary>
public sealed class FontMissingException(string message) : Exception(message);

/// <summary>
/// The one CJK font the PDFs are set in: WenQuanYi Zen Hei (glyf outlines, small subset PDFs, Latin included).
/// Debian ships it only as a TrueType collection, which PdfSharp cannot read, so face 0 is cut out into a plain
/// TrueType font once per process.
/// </summary>
public static class CjkFont
{
    public const string Family = "WenQuanYi Zen Hei";

    /// <summary>Where Debian's fonts-wqy-zenhei puts it; Shenbao:PdfFont names another file.</summary>
    public const string DebianPath = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

    private static readonly Lock Gate = new();
    private static string? loadedFrom;

    /// <summary>Installs the font for every PDF this process writes (PdfSharp's resolver is global: the first font given is the one used).</summary>
    public static void Use(string? path)
    {
        path ??= DebianPath;
        // checked every time, so that a font removed or misnamed is reported rather than hidden by the one loaded
        if (!File.Exists(path))
            throw new FontMissingException($"找不到生成 PDF 所用的中文字体 {path}：请在服务器上安装 fonts-wqy-zenhei（apt-get install fonts-wqy-zenhei），或在配置 Shenbao:PdfFont 中指定字体文件");
        lock (Gate)
        {
            if (loadedFrom is not null) return;
            var bytes = File.ReadAllBytes(path);
            var face = IsCollection(bytes) ? FirstFace(bytes) : bytes;
            GlobalFontSettings.FontResolver = new Resolver(face);
            loadedFrom = path;
        }
    }

    private static bool IsCollection(ReadOnlySpan<byte> font) => font.Length > 12 && font[..4].SequenceEqual("ttcf"u8);

    /// <summary>
    /// Face 0 of a collection as a standalone font: its offset table and table records, then each table it names,
    /// copied and re-pointed (table data is shared between a collection's faces, so offsets are file-absolute).
    /// </summary>
    public static byte[] FirstFace(byte[] collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var span = collection.AsSpan();
        var face = (int)BinaryPrimitives.ReadUInt32BigEndian(span[12..]);
        var tables = BinaryPrimitives.ReadUInt16BigEndian(span[(face + 4)..]);
        var header = 12 + 16 * tables;
        var records = new List<(int Record, int Offset, int Length)>();
        var size = header;
        for (var i = 0; i < tables; i++)
        {
            var record = face + 12 + 16 * i;
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(span[(record + 8)..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(span[(record + 12)..]);
            records.Add((record, offset, length));
            size += (length + 3) & ~3;
        }
        var font = new byte[size];
        span.Slice(face, 12).CopyTo(font);
        var at = header;
        for (var i = 0; i < records.Count; i++)
        {
            var (record, offset, length) = records[i];
            var target = 12 + 16 * i;
            span.Slice(record, 16).CopyTo(font.AsSpan(target));
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(target + 8), (uint)at);
            span.Slice(offset, length).CopyTo(font.AsSpan(at));
            at += (length + 3) & ~3;
        }
        return font;
    }

    /// <summary>Every family name resolves to the one face; bold is simulated.</summary>
    private sealed class Resolver(byte[] face) : IFontResolver
    {
        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(Family, bold, false);

        public byte[] GetFont(string faceName) => face;
    }
}
