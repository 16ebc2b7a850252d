using Shenbao.Domain.Files;

namespace Shenbao.Tests.Files;

/// <summary>The inspection itself, without a server: every hostile file refused in words, every genuine one accepted.</summary>
public sealed class UploadInspectionTests
{
    private static readonly UploadLimits Limits = new(HostileCorpus.MaxBytes);

    public static TheoryData<string> Hostile => HostileCorpus.Ids(needsScanner: false);

    public static TheoryData<string> Genuine => HostileCorpus.GenuineNames;

    [Fact]
    public void The_corpus_holds_at_least_30_hostile_and_10_genuine_files()
    {
        Assert.True(HostileCorpus.All.Count >= 30, $"{HostileCorpus.All.Count} hostile files");
        Assert.True(HostileCorpus.GenuineFileNames.Count >= 10, $"{HostileCorpus.GenuineFileNames.Count} genuine files");
        Assert.Equal(4, HostileCorpus.GenuineFileNames.Select(Path.GetExtension).Distinct().Count());   // PDF, PNG, JPG and OFD
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Each_hostile_file_is_refused_with_its_reason(string id)
    {
        var file = HostileCorpus.Named(id);

        var refused = Assert.IsType<UploadInspection.Result.Refused>(UploadInspection.Inspect(file.FileName, file.Content(), Limits));

        Assert.Contains(file.Refusal, refused.Message, StringComparison.Ordinal);
        // the message shows no character that could turn or break what is around it
        Assert.DoesNotContain(refused.Message, c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
    }

    [Theory]
    [InlineData("pdf-eicar-inside")]
    [InlineData("png-eicar-in-a-chunk")]
    public void A_well_formed_file_carrying_eicar_passes_the_format_checks_so_the_scanner_is_what_stops_it(string id)
    {
        var file = HostileCorpus.Named(id);

        Assert.IsType<UploadInspection.Result.Accepted>(UploadInspection.Inspect(file.FileName, file.Content(), Limits));
    }

    [Theory]
    [MemberData(nameof(Genuine))]
    public void Each_genuine_file_made_by_a_real_tool_is_accepted_as_its_kind(string name)
    {
        var content = File.ReadAllBytes(Path.Combine(Paths.GenuineFiles, name));

        var accepted = Assert.IsType<UploadInspection.Result.Accepted>(UploadInspection.Inspect(name, content, Limits));

        Assert.Contains(Path.GetExtension(name), accepted.Kind.Extensions);
        Assert.Equal(name, accepted.Name);
    }

    [Theory]
    [InlineData("照片.JPEG")]
    [InlineData("照片.jpeg")]
    [InlineData("照片.Jpg")]
    public void A_jpeg_may_be_named_jpg_or_jpeg_in_any_case(string name) =>
        Assert.IsType<UploadInspection.Result.Accepted>(UploadInspection.Inspect(name, File.ReadAllBytes(Path.Combine(Paths.GenuineFiles, "poppler.jpg")), Limits));

    [Fact]
    public void A_name_of_exactly_100_characters_is_kept_and_101_are_refused()
    {
        Assert.IsType<FileNames.Result.Accepted>(FileNames.Check(new string('报', 96) + ".pdf"));
        Assert.Contains("文件名过长（101 个字符", Assert.IsType<FileNames.Result.Refused>(FileNames.Check(new string('报', 97) + ".pdf")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_is_stored_trimmed_and_in_one_unicode_form()
    {
        var accepted = Assert.IsType<FileNames.Result.Accepted>(FileNames.Check("  Cafe\u0301 报告.PDF "));

        Assert.Equal(("Café 报告.PDF", ".pdf"), (accepted.Name, accepted.Extension));
    }

    [Fact]
    public void A_hostile_name_is_shown_with_its_tricks_replaced_and_cut_to_a_readable_length()
    {
        Assert.Equal("invoice\uFFFDfdp.exe", FileNames.Visible("invoice\u202Efdp.exe"));
        Assert.Equal("a\uFFFD\uFFFD2026 INFO x", FileNames.Visible("a\r\n2026 INFO x"));
        Assert.Equal(60, FileNames.Visible(new string('报', 300)).Length);
    }

    [Fact]
    public void A_picture_of_exactly_the_pixel_limit_is_accepted_and_one_pixel_more_is_refused()
    {
        var limits = new UploadLimits(HostileCorpus.MaxBytes, MaxPixels: 64 * 32);
        var png = File.ReadAllBytes(Path.Combine(Paths.GenuineFiles, "python-zlib.png"));   // 64 × 32

        Assert.IsType<UploadInspection.Result.Accepted>(UploadInspection.Inspect("a.png", png, limits));
        Assert.IsType<UploadInspection.Result.Refused>(UploadInspection.Inspect("a.png", png, limits with { MaxPixels = 64 * 32 - 1 }));
    }

    [Fact]
    public void A_pdf_that_only_mentions_javascript_in_its_text_or_comments_is_a_document()
    {
        var pdf = HostileCorpus.Pdf("/Metadata 4 0 R", extraObjects: "% /JavaScript in a comment\n4 0 obj\n<< /Title (about /JavaScript and /Launch) >>\nendobj\n");

        Assert.IsType<UploadInspection.Result.Accepted>(UploadInspection.Inspect("说明.pdf", pdf, Limits));
    }

    [Fact]
    public void A_file_at_the_size_limit_is_inspected_and_one_byte_more_is_refused()
    {
        var pdf = HostileCorpus.Pdf();
        var limits = new UploadLimits(pdf.Length);

        Assert.IsType<UploadInspection.Result.Accepted>(UploadInspection.Inspect("a.pdf", pdf, limits));
        Assert.IsType<UploadInspection.Result.Refused>(UploadInspection.Inspect("a.pdf", pdf, limits with { MaxBytes = pdf.Length - 1 }));
    }
}
