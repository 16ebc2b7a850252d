using System.Buffers.Binary;
using System.IO.Compression;
using System.Xml;

namespace Shenbao.Domain.Files;

/// <summary>
/// An OFD package (GB/T 33190) is a ZIP, and a ZIP can carry anything. It is accepted only when it holds what an OFD
/// document is made of — XML, pictures, fonts and signature data — under plain relative paths, each entry being what
/// its name says (no program, web page or nested archive), unpacking to a bounded size, with OFD.xml an OFD root and
/// nothing after the archive's end.
/// </summary>
public static class OfdInspection
{
    private static readonly HashSet<string> Images = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".gif", ".jb2" };
    private static readonly HashSet<string> Fonts = new(StringComparer.OrdinalIgnoreCase) { ".ttf", ".otf", ".ttc" };
    private static readonly HashSet<string> SignatureData = new(StringComparer.OrdinalIgnoreCase) { ".dat", ".esl", ".sig", ".p7s" };
    private const int MaxEntries = 10_000;

    public static string? Refusal(ReadOnlyMemory<byte> ofd, long maxUnpackedBytes)
    {
        if (!EndsAtItsDirectory(ofd.Span)) return "在压缩包的结束位置之后还附带了其他数据（可能夹带了别的文件）；请重新导出 OFD 后上传";
        try
        {
            using var zip = new ZipArchive(Unpacking.Over(ofd), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries) return $"包内文件过多（{zip.Entries.Count} 个）";
            long unpacked = 0;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName;
                if (UnsafePath(name)) return $"包内有不安全的路径“{FileNames.Visible(name)}”";
                if (name.EndsWith('/')) continue;
                if (entry.IsEncrypted) return $"包内文件“{FileNames.Visible(name)}”已加密，无法检查";
                var extension = Path.GetExtension(name);
                var isXml = extension.Equals(".xml", StringComparison.OrdinalIgnoreCase);
                if (!isXml && !Images.Contains(extension) && !Fonts.Contains(extension) && !SignatureData.Contains(extension))
                    return $"包内有不属于 OFD 文档的文件“{FileNames.Visible(name)}”；OFD 只由 XML、图片、字体和签章数据组成";
                if (entry.Length > maxUnpackedBytes - unpacked) return "解压后的内容过大（可能是压缩炸弹）";
                byte[]? content;
                using (var input = entry.Open()) content = Unpacking.ReadAtMost(input, maxUnpackedBytes - unpacked);
                if (content is null) return "解压后的内容过大（可能是压缩炸弹）";
                unpacked += content.Length;
                if (Foreign(content)) return $"包内文件“{FileNames.Visible(name)}”是程序、网页或压缩包，不是 OFD 文档的内容";
                if (isXml && XmlRefusal(content, root: name.Equals("OFD.xml", StringComparison.OrdinalIgnoreCase)) is { } xml)
                    return $"包内文件“{FileNames.Visible(name)}”{xml}";
                if (Images.Contains(extension) && !IsImage(extension, content) || Fonts.Contains(extension) && !IsFont(content))
                    return $"包内文件“{FileNames.Visible(name)}”的内容与其扩展名不符";
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return "的压缩包已损坏，无法读取";
        }
    }

    /// <summary>The end-of-central-directory record, with its comment, is the last thing in the file.</summary>
    private static bool EndsAtItsDirectory(ReadOnlySpan<byte> zip)
    {
        var window = zip[Math.Max(0, zip.Length - 22 - ushort.MaxValue)..];
        var at = window.LastIndexOf("PK\u0005\u0006"u8);
        if (at < 0 || at + 22 > window.Length) return false;
        return at + 22 + BinaryPrimitives.ReadUInt16LittleEndian(window[(at + 20)..]) == window.Length;
    }

    private static bool UnsafePath(string name) =>
        name.Length == 0 || name.StartsWith('/') || name.Contains('\\') || name.Contains(':') || name.Any(char.IsControl)
        || name.Split('/').Any(segment => segment is ".." or ".");

    private static bool Foreign(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("MZ"u8) || content.StartsWith("\u007fELF"u8) || content.StartsWith("PK"u8) || content.StartsWith("#!"u8)
            || content.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE]) || content.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE]))
            return true;
        var head = System.Text.Encoding.UTF8.GetString(content[..Math.Min(content.Length, 4096)]);
        return head.Contains("<html", StringComparison.OrdinalIgnoreCase) || head.Contains("<script", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<svg", StringComparison.OrdinalIgnoreCase) || head.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Well-formed XML without a DTD (no entity tricks), no script anywhere, and OFD.xml rooted at ofd:OFD.</summary>
    private static string? XmlRefusal(byte[] content, bool root)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = true };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content, writable: false), settings);
            var first = true;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (first && root && reader.LocalName != "OFD") return "不是 OFD 文档的入口（根元素应为 ofd:OFD）";
                first = false;
                if (reader.LocalName.Equals("script", StringComparison.OrdinalIgnoreCase)) return "含有脚本";
            }
            return first ? "不是有效的 XML" : null;
        }
        catch (XmlException)
        {
            return "不是有效的 XML（或含有文档类型定义）";
        }
    }

    /// <summary>A picture's header; JBIG2 data in an OFD is usually a bare segment stream without one.</summary>
    private static bool IsImage(string extension, ReadOnlySpan<byte> content) =>
        extension.Equals(".jb2", StringComparison.OrdinalIgnoreCase)
        || FileKinds.IsPng(content) || FileKinds.IsJpeg(content)
        || content.StartsWith("BM"u8) || content.StartsWith("GIF8"u8) || content.StartsWith("II*\0"u8) || content.StartsWith("MM\0*"u8);

    private static bool IsFont(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0x00, 0x01, 0x00, 0x00]) || content.StartsWith("OTTO"u8) || content.StartsWith("true"u8) || content.StartsWith("ttcf"u8);
}
