using System.IO.Compression;
using System.Text;
using Shenbao.Domain.Files;

namespace Shenbao.Tests.Domain;

public sealed class FileKindsTests
{
    /// <summary>A ZIP package holding the named entries, as an OFD writer (or an impostor) would produce.</summary>
    public static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var name in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write("""<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>""");
            }
        return buffer.ToArray();
    }

    public static byte[] Pdf(string text = "") => Encoding.ASCII.GetBytes($"%PDF-1.7\n% {text}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    public static byte[] Exe() => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];

    [Fact]
    public void A_pdf_is_recognised_by_its_header() => Assert.Same(FileKinds.Pdf, FileKinds.Sniff(Pdf()));

    [Fact]
    public void A_png_is_recognised_by_its_signature() =>
        Assert.Same(FileKinds.Png, FileKinds.Sniff(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D }));

    [Fact]
    public void A_jpeg_is_recognised_by_its_start_of_image_marker() =>
        Assert.Same(FileKinds.Jpeg, FileKinds.Sniff(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46 }));

    [Theory]
    [InlineData("OFD.xml")]
    [InlineData("ofd.xml")]
    public void A_zip_with_ofd_xml_at_its_root_is_an_ofd_document(string entry) =>
        Assert.Same(FileKinds.Ofd, FileKinds.Sniff(Zip(entry, "Doc_0/Document.xml")));

    [Fact]
    public void A_zip_without_ofd_xml_is_refused() => Assert.Null(FileKinds.Sniff(Zip("word/document.xml", "[Content_Types].xml")));

    [Fact]
    public void Ofd_xml_in_a_subfolder_does_not_make_an_ofd_document() => Assert.Null(FileKinds.Sniff(Zip("Doc_0/OFD.xml")));

    [Fact]
    public void A_damaged_zip_is_refused_not_thrown() => Assert.Null(FileKinds.Sniff("PK\u0003\u0004 not really a zip archive"u8.ToArray()));

    [Fact]
    public void An_executable_is_refused_whatever_its_name() => Assert.Null(FileKinds.Sniff(Exe()));

    [Theory]
    [InlineData("")]
    [InlineData("%PD")]
    [InlineData("plain text that says %PDF- later")]
    public void Text_and_truncated_headers_are_refused(string content) => Assert.Null(FileKinds.Sniff(Encoding.ASCII.GetBytes(content)));

    [Fact]
    public void The_accepted_kinds_are_named_for_messages() => Assert.Equal("PDF、JPG、PNG、OFD", FileKinds.AcceptedNames);
}
