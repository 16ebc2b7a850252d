using BenchmarkDotNet.Attributes;
using ClosedXML.Excel;
using Shenbao.Data;
using Shenbao.Data.Exports;
using Shenbao.Documents;
using Shenbao.Domain.Documents;
using Shenbao.Domain.Guides;

namespace Shenbao.Benchmarks;

/// <summary>
/// The export of 100,000 applications from the database as Excel — the product's streaming MiniExcel writer against
/// ClosedXML 0.95.4 (the reference a user might pick) on the very same rows — and one full 申报书 PDF.
/// The database is ReviewListBenchmarks' (built once under the temp folder).
/// </summary>
[Config(typeof(RecountConfig))]
public class DocumentBenchmarks
{
    private AppDbContext db = null!;
    private Dictionary<int, Guide> guides = null!;
    private Paper paper = null!;

    [GlobalSetup]
    public void Setup()
    {
        db = DataServices.Create("Sqlite", $"Data Source={ReviewListBenchmarks.EnsureDatabase()};Mode=ReadOnly");
        var guide = GuideLoader.LoadValidFile(Path.Combine(AppContext.BaseDirectory, "guides", "hengyang-2025.yaml"));
        guides = db.Calls.Select(c => c.Id).ToList().ToDictionary(id => id, _ => guide);
        paper = FullPaper();
        PaperPdf.Render(paper);   // the font is cut out of its collection once per process, before any measurement
    }

    [GlobalCleanup]
    public void Cleanup() => db.Dispose();

    [Benchmark(Baseline = true, Description = "Excel, 100,000 applications: ClosedXML 0.95.4 (reference)")]
    public long ClosedXml()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("申报书");
        var columns = ApplicationSheets.ApplicationColumns;
        for (var c = 0; c < columns.Count; c++)
        {
            sheet.Cell(1, c + 1).Value = columns[c].Header;
            sheet.Column(c + 1).Width = columns[c].Width;
        }
        var r = 2;
        foreach (var row in ApplicationSheets.Applications(db.Applications, guides))
        {
            for (var c = 0; c < row.Length; c++)
                if (ExcelSheet.Neutralised(row[c]) is { } value) sheet.Cell(r, c + 1).Value = value;
            r++;
        }
        sheet.SheetView.FreezeRows(1);
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.Length;
    }

    [Benchmark(Description = "Excel, 100,000 applications: MiniExcel streaming (the product)")]
    public async Task<long> MiniExcel()
    {
        await using var output = new MemoryStream();
        await ExcelSheet.WriteAsync(output, "申报书", ApplicationSheets.ApplicationColumns, ApplicationSheets.Applications(db.Applications, guides), CancellationToken.None);
        return output.Length;
    }

    [Benchmark(Description = "申报书 PDF of a full application")]
    public int Pdf() => PaperPdf.Render(paper).Length;

    /// <summary>An application with every section filled, long narrative text, ten rules and eight files.</summary>
    public static Paper FullPaper()
    {
        var narrative = string.Concat(Enumerable.Repeat("围绕智能衡器称重传感器的温度漂移与蠕变补偿，开展敏感元件结构优化、数字补偿算法与在线校准方法研究，形成可量产的高精度传感器及配套软件。", 12));
        return new Paper("2025年度衡阳市科技创新计划项目申报指南", "四（一）产学研合作", "高精度智能衡器称重传感器关键技术研发", "衡阳智衡计量科技有限公司", "王工", "HENGYANG-2025-00003",
            new PaperReceipt("HENGYANG-2025-00003-1", DateTimeOffset.UtcNow, new string('a', 64), "2025.1", DateOnly.FromDateTime(DateTime.UtcNow), "https://kjsb.example.cn/Receipts/Verify?no=HENGYANG-2025-00003-1&hash=" + new string('a', 64)),
            Enumerable.Range(1, 8).Select(s => new PaperSection($"第{s}部分", Enumerable.Range(1, 6).Select(f => ($"填写项{s}.{f}", f == 6 ? narrative : $"内容 {s}.{f}：项目的相关情况说明")).ToList())).ToList(),
            Enumerable.Range(1, 10).Select(i => new PaperRule(i % 4 == 0 ? "须说明理由" : "符合", $"条件{i}", "申报单位在衡阳市内注册，已认定为高新技术企业，证书在有效期内", $"四（一）具体条件{i}",
                "合作双方须签订产学研合同（技术合同），合同需在项目执行期内，执行结束日期至少到2025年12月及以后。", i % 4 == 0 ? "已补充说明" : null)).ToList(),
            Enumerable.Range(1, 8).Select(i => new PaperFile("技术合同", $"附件{i}.pdf", new string((char)('a' + i), 64), 120_000 * i)).ToList(),
            DateTimeOffset.UtcNow);
    }
}
