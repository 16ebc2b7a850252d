using System.IO.Compression;
using System.Text;

namespace Shenbao.Domain.Files;

/// <summary>
/// What a PDF holds besides pages. A proof is read by officials and experts on their own machines, so a PDF that can
/// act when opened (/JavaScript, /Launch, a form that submits), carry other files (/EmbeddedFile) or hide behind a
/// password (/Encrypt) is refused, as is one with bytes after its end (a second file riding on it). Names are read as
/// PDF tokens — outside strings and comments, with #xx escapes decoded, and inside compressed object streams where a
/// writer may have put them — while page and image streams are skipped: their bytes are not structure.
/// </summary>
public static class PdfInspection
{
    private static readonly Dictionary<string, string> Active = new(StringComparer.Ordinal)
    {
        ["JavaScript"] = "脚本（/JavaScript）", ["JS"] = "脚本（/JS）", ["Launch"] = "启动外部程序的动作（/Launch）",
        ["EmbeddedFile"] = "嵌入的文件（/EmbeddedFile）", ["EmbeddedFiles"] = "嵌入的文件（/EmbeddedFiles）",
        ["RichMedia"] = "多媒体内容（/RichMedia）", ["XFA"] = "XFA 动态表单（/XFA）",
        ["SubmitForm"] = "提交表单的动作（/SubmitForm）", ["ImportData"] = "导入数据的动作（/ImportData）",
    };

    /// <summary>Filters and predictors beside FlateDecode: an object stream so encoded is not read here, so it is not accepted.</summary>
    private static readonly string[] OtherEncodings =
        ["ASCIIHexDecode", "ASCII85Decode", "LZWDecode", "RunLengthDecode", "CCITTFaxDecode", "JBIG2Decode", "DCTDecode", "JPXDecode", "Crypt", "Predictor"];

    /// <summary>Why the PDF is refused (a clause to follow the file's name), or null when it is only a document.</summary>
    public static string? Refusal(ReadOnlySpan<byte> pdf, long maxUnpackedBytes)
    {
        if (pdf.Length < 8 || !pdf.StartsWith("%PDF-"u8) || !char.IsAsciiDigit((char)pdf[5]) || pdf[6] != '.' || !char.IsAsciiDigit((char)pdf[7]))
            return "的文件头不是有效的 PDF 版本标记";
        if (!pdf.TrimEnd(" \t\r\n\f\0"u8).EndsWith("%%EOF"u8))
            return "不完整，或在 PDF 的结束标记（%%EOF）之后还附带了其他数据；请重新导出 PDF 后上传";
        var scan = new Scan(maxUnpackedBytes);
        scan.Structure(pdf, streams: true);
        return scan.Problem;
    }

    private sealed class Scan(long maxUnpackedBytes)
    {
        public string? Problem { get; private set; }
        private long unpacked;
        private readonly HashSet<string> objectNames = new(StringComparer.Ordinal);

        public void Structure(ReadOnlySpan<byte> text, bool streams)
        {
            var i = 0;
            while (i < text.Length && Problem is null)
            {
                var b = text[i];
                if (b == '%') i = LineEnd(text, i);
                else if (b == '(') i = LiteralStringEnd(text, i);
                else if (b == '<' && i + 1 < text.Length && text[i + 1] == '<') i += 2;
                else if (b == '<') { var end = text[i..].IndexOf((byte)'>'); i = end < 0 ? text.Length : i + end + 1; }
                else if (b == '/') i = Name(text, i + 1);
                else if (IsRegular(b))
                {
                    var start = i;
                    while (i < text.Length && IsRegular(text[i])) i++;
                    var word = text[start..i];
                    if (word.SequenceEqual("obj"u8) || word.SequenceEqual("endobj"u8)) objectNames.Clear();
                    else if (streams && word.SequenceEqual("stream"u8)) i = Stream(text, i);
                }
                else i++;
            }
        }

        private int Name(ReadOnlySpan<byte> text, int i)
        {
            var name = new StringBuilder();
            while (i < text.Length && IsRegular(text[i]))
            {
                if (text[i] == '#' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
                {
                    name.Append((char)Convert.ToByte(Encoding.ASCII.GetString(text.Slice(i + 1, 2)), 16));
                    i += 3;
                }
                else name.Append((char)text[i++]);
            }
            var value = name.ToString();
            objectNames.Add(value);
            if (Active.TryGetValue(value, out var what))
                Problem = $"含有{what}，打开时可能执行操作或释放其他文件，不能作为申报材料；请用“打印为 PDF”另存一份后上传";
            else if (value == "Encrypt")
                Problem = "已加密或设置了密码，审核和评审时无法检查其内容；请去掉密码后重新导出上传";
            return i;
        }

        /// <summary>Skips a stream's bytes; an object stream (where other objects' dictionaries live) is unpacked and read as structure.</summary>
        private int Stream(ReadOnlySpan<byte> text, int i)
        {
            if (i < text.Length && text[i] == '\r') i++;
            if (i < text.Length && text[i] == '\n') i++;
            var length = text[i..].IndexOf("endstream"u8);
            if (length < 0) { Problem = "已损坏（数据流没有结束标记）"; return text.Length; }
            if (objectNames.Contains("ObjStm"))
            {
                if (!objectNames.Contains("FlateDecode") || objectNames.Overlaps(OtherEncodings))
                    Problem = "的对象流使用了无法检查的编码；请重新导出 PDF 后上传";
                else if (Inflate(text.Slice(i, length)) is { } inner)
                    Structure(inner, streams: false);
            }
            return i + length + "endstream".Length;
        }

        private byte[]? Inflate(ReadOnlySpan<byte> compressed)
        {
            try
            {
                using var input = new ZLibStream(new MemoryStream(compressed.ToArray(), writable: false), CompressionMode.Decompress);
                var inflated = Unpacking.ReadAtMost(input, maxUnpackedBytes - unpacked);
                if (inflated is null) { Problem = "解压后的内容过大（可能是压缩炸弹）"; return null; }
                unpacked += inflated.Length;
                return inflated;
            }
            catch (InvalidDataException)
            {
                Problem = "已损坏（对象流无法解压）；请重新导出 PDF 后上传";
                return null;
            }
        }
    }

    private static int LineEnd(ReadOnlySpan<byte> text, int i)
    {
        var end = text[i..].IndexOfAny((byte)'\r', (byte)'\n');
        return end < 0 ? text.Length : i + end;
    }

    /// <summary>After a literal string: parentheses nest, a backslash escapes the next byte.</summary>
    private static int LiteralStringEnd(ReadOnlySpan<byte> text, int i)
    {
        var depth = 0;
        for (; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i + 1;
        }
        return text.Length;
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    /// <summary>PDF's regular characters: neither white space nor a delimiter.</summary>
    private static bool IsRegular(byte b) => b switch
    {
        0 or 9 or 10 or 12 or 13 or 32 => false,
        (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%' => false,
        _ => true,
    };
}
