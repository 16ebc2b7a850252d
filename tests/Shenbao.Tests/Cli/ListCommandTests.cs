using Microsoft.EntityFrameworkCore;
using Shenbao.Data.OfficialLists;

namespace Shenbao.Tests.Cli;

/// <summary>lists import on the demo database: a bad row imports nothing (exit 1, every error); a good file is the next version, and the PDF cites it.</summary>
public sealed class ListCommandTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private string Write(string name, params Dictionary<string, object?>[] rows)
    {
        var path = demo.File(name);
        File.WriteAllBytes(path, ExpertSheets.Xlsx(rows));
        return path;
    }

    private static Dictionary<string, object?> Certificate(string code) =>
        new() { ["证书编号"] = "GR202443000321", ["企业名称"] = "衡阳智衡计量科技有限公司", ["统一社会信用代码"] = code, ["发证日期"] = "2024-12-01", ["有效期至"] = "2027-11-30" };

    [Fact]
    public void A_bad_row_imports_nothing_and_a_good_list_becomes_the_next_version_the_PDF_cites()
    {
        var bad = CliRunner.Invoke("lists", "import", "hte", Write("bad.xlsx", Certificate("91430408MA7B2C3D4X")), "--db", demo.Path);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("第2行：统一社会信用代码", bad.Error, StringComparison.Ordinal);
        using (var db = demo.Open()) Assert.Equal(0, db.OfficialListImports.Count(i => i.Kind == OfficialListKind.HteCertificates));

        var good = CliRunner.Invoke("lists", "import", "hte", Write("good.xlsx", Certificate("91430408MA7B2C3D4Y")), "--db", demo.Path);

        Assert.Equal(0, good.ExitCode);
        Assert.Contains("已导入高新技术企业名单第1版，共 1 条", good.Output, StringComparison.Ordinal);
        var pdf = demo.File("listed.pdf");
        Assert.Equal(0, CliRunner.Invoke("pdf", "--db", demo.Path, "--application", "HENGYANG-2025-00003", "--out", pdf).ExitCode);
        Assert.Contains("【一致】高新技术企业证书GR202443000321与高新技术企业名单（第1版，", PdfReading.Squeezed(string.Concat(PdfReading.Pages(File.ReadAllBytes(pdf)))), StringComparison.Ordinal);
        using var after = demo.Open();
        Assert.Contains(after.AuditTrail.AsNoTracking().AsEnumerable(), e => e.Action == Shenbao.Domain.Audit.AuditAction.OfficialListImport);
    }
}
