using Shenbao.Documents;
using Shenbao.Domain.Documents;

namespace Shenbao.Tests.Documents;

/// <summary>The 申报书 PDF read back with pdftotext and its QR code decoded from the rendered cover.</summary>
public sealed class PaperPdfTests
{
    private const string Hash = "ef17fb13c5aed67b8ef4fd7831855d6abf5bc5ce88e85b710217c60049e74029";
    private const string Url = "https://kjsb.example.cn/Receipts/Verify?no=HENGYANG-2025-00003-1&hash=" + Hash;

    private static Paper Submitted(int paragraphs = 1) => new(
        "2025年度衡阳市科技创新计划项目申报指南", "四（一）产学研合作", "智能衡器物联网平台产学研合作", "衡阳智衡计量科技有限公司", "王工", "HENGYANG-2025-00003",
        new PaperReceipt("HENGYANG-2025-00003-1", new DateTimeOffset(2026, 12, 1, 11, 41, 0, TimeSpan.Zero), Hash, "2025.1", new DateOnly(2026, 12, 1), Url),
        [
            new("项目基本信息", [("项目名称", "智能衡器物联网平台产学研合作"), ("所属领域", "电子信息")]),
            new("项目简介", [("项目简介", string.Join("\n", Enumerable.Repeat("与湖南工学院合作开发智能衡器物联网数据平台，实现称重数据实时采集、远程校准与异常预警，形成可推广的行业解决方案。", paragraphs)))]),
            new("经费预算", []),
        ],
        [
            new("符合", "合同支付比例", "已支付 150,000 元，占合同总金额的25%，不低于20%", "四（一）具体条件3", "3.合同已支付交易金额不低于合同总金额20%。", null),
            new("须说明理由", "项目负责人职称", "项目负责人为中级职称", "一、项目负责人", "项目负责人具有副高及以上职称。", "负责人为企业首席工程师，主持过省级项目"),
        ],
        [new("技术合同", "技术开发合同.pdf", "823bd975b96158382953fed8079a97ec61b9da658d840b62c107a5217e197c88", 123_456)],
        new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_cover_carries_the_call_category_title_organisation_leader_and_receipt()
    {
        var cover = PdfReading.Squeezed(PdfReading.Pages(PaperPdf.Render(Submitted()))[0]);

        foreach (var expected in new[] { "申报书", "2025年度衡阳市科技创新计划项目申报指南", "四（一）产学研合作", "智能衡器物联网平台产学研合作",
                     "衡阳智衡计量科技有限公司", "项目负责人王工", "HENGYANG-2025-00003-1", "2026年12月1日19:41（北京时间）", Hash })
            Assert.Contains(expected, cover, StringComparison.Ordinal);
        Assert.DoesNotContain("草稿", cover, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cover_QR_code_holds_the_verification_link()
    {
        Assert.Equal(Url, PdfReading.QrCode(PaperPdf.Render(Submitted())));
    }

    [Fact]
    public void The_content_rules_with_their_clauses_justifications_files_and_receipt_hash_are_printed()
    {
        var text = PdfReading.Squeezed(string.Concat(PdfReading.Pages(PaperPdf.Render(Submitted()))));

        Assert.Contains("项目基本信息", text, StringComparison.Ordinal);
        Assert.Contains("所属领域电子信息", text, StringComparison.Ordinal);
        Assert.Contains("经费预算（未填写）", text, StringComparison.Ordinal);
        Assert.Contains("【符合】合同支付比例：已支付150,000元", text, StringComparison.Ordinal);
        Assert.Contains("依据指南条款：四（一）具体条件3——3.合同已支付交易金额不低于合同总金额20%。", text, StringComparison.Ordinal);
        Assert.Contains("【须说明理由】项目负责人职称", text, StringComparison.Ordinal);
        Assert.Contains("申报单位的说明：负责人为企业首席工程师，主持过省级项目", text, StringComparison.Ordinal);
        Assert.Contains("技术合同：技术开发合同.pdf（120.6KB）", text, StringComparison.Ordinal);
        Assert.Contains("SHA-256823bd975b96158382953fed8079a97ec61b9da658d840b62c107a5217e197c88", text, StringComparison.Ordinal);
        Assert.Contains("回执摘要（SHA-256）：" + Hash, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_page_says_which_of_how_many_it_is_and_long_text_runs_onto_further_pages()
    {
        var pages = PdfReading.Pages(PaperPdf.Render(Submitted(paragraphs: 60)));

        Assert.True(pages.Count >= 4, $"{pages.Count} pages");
        for (var i = 0; i < pages.Count; i++)
            Assert.Contains($"第{i + 1}页/共{pages.Count}页", PdfReading.Squeezed(pages[i]), StringComparison.Ordinal);
        // the summary wraps by measured width: every one of its 60 paragraphs is there, none cut off at the margin
        var all = PdfReading.Squeezed(string.Concat(pages));
        Assert.Equal(60, CountOf(all, "形成可推广的行业解决方案。"));
    }

    [Fact]
    public void A_draft_is_watermarked_on_every_page_and_has_no_receipt_or_QR_code()
    {
        var draft = Submitted() with { Receipt = null, Notes = ["草稿：尚未提交，无回执。"] };
        var pdf = PaperPdf.Render(draft);
        var pages = PdfReading.Pages(pdf);

        Assert.All(pages, page => Assert.Contains("草稿", page, StringComparison.Ordinal));
        Assert.Contains("（草稿，尚未提交）", PdfReading.Squeezed(pages[0]), StringComparison.Ordinal);
        Assert.DoesNotContain(Hash, PdfReading.Squeezed(string.Concat(pages)), StringComparison.Ordinal);
        Assert.Null(PdfReading.QrCode(pdf));
        Assert.Equal("申报书-HENGYANG-2025-00003-草稿.pdf", PaperPdf.FileName(draft));
    }

    [Fact]
    public void A_font_collection_face_is_cut_out_into_a_font_of_its_own_tables()
    {
        var collection = File.ReadAllBytes(CjkFont.DebianPath);
        var face = CjkFont.FirstFace(collection);

        // a plain TrueType font: version 1.0, its table count, and every table inside the file it now is
        Assert.Equal([0, 1, 0, 0], face[..4]);
        var tables = face[4] << 8 | face[5];
        Assert.True(tables > 10, $"{tables} tables");
        for (var i = 0; i < tables; i++)
        {
            var record = 12 + 16 * i;
            var offset = (long)face[record + 8] << 24 | (long)face[record + 9] << 16 | (long)face[record + 10] << 8 | face[record + 11];
            var length = (long)face[record + 12] << 24 | (long)face[record + 13] << 16 | (long)face[record + 14] << 8 | face[record + 15];
            Assert.True(offset + length <= face.Length, $"table {i} runs past the end");
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
