using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data.Documents;
using Shenbao.Documents;

namespace Shenbao.Cli.Commands;

/// <summary>
/// pdf [--db PATH] --application NUMBER --out FILE [--base-url URL] [--font FILE]: the 申报书 PDF of one application
/// (its number as `applications --json` prints it), as the officials download it: the latest submission as frozen,
/// or a draft (watermarked, rules not judged).
/// </summary>
public static class PdfCommand
{
    public const int Written = 0;
    public const int Failed = 2;

    public static Command Create()
    {
        var db = CliData.DbOption();
        var number = new Option<string>("--application") { Description = "申报编号，如 HENGYANG-2025-00003（applications --json 输出的 number）", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "写入的 PDF 文件", Required = true };
        var baseUrl = new Option<string>("--base-url")
        {
            Description = "二维码中核验链接的站点地址（即站点配置的 Shenbao:PublicBaseUrl；默认取环境变量 Shenbao__PublicBaseUrl，否则 http://localhost:5000）",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Shenbao__PublicBaseUrl") ?? Shenbao.Data.PublicAddress.Default,
        };
        var font = new Option<FileInfo?>("--font") { Description = $"中文字体文件（默认 {CjkFont.DebianPath}）" };
        var command = new Command("pdf", "生成一份申报书的 PDF（封面含回执号和可核验的二维码）") { db, number, output, baseUrl, font };
        command.SetAction((result, ct) => WriteAsync(result.GetValue(db)!.FullName, result.GetValue(number)!, result.GetValue(output)!.FullName,
            result.GetValue(baseUrl)!, result.GetValue(font)?.FullName, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, ct));
        return command;
    }

    public static async Task<int> WriteAsync(string dbPath, string number, string outPath, string baseUrl, string? fontPath, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!File.Exists(dbPath)) { error.WriteLine($"数据库 {dbPath} 不存在"); return Failed; }
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https"))
        {
            error.WriteLine($"--base-url “{baseUrl}”不是 http(s) 站点地址，如 https://kjsb.example.gov.cn");
            return Failed;
        }
        await using var db = CliData.Open(dbPath);
        var application = await db.Applications.AsNoTracking().Include(a => a.Call).Include(a => a.Organisation).Include(a => a.Attachments)
            .AsSplitQuery().SingleOrDefaultAsync(a => a.Number == number.Trim(), ct);
        if (application is null) { error.WriteLine($"没有编号为“{number}”的申报书（编号见 applications --json 的 number）"); return Failed; }
        var guide = (await CliData.GuidesAsync(db, ct)).FirstOrDefault(g => g.Id == application.Call.GuideId);
        if (guide is null) { error.WriteLine($"申报书所属批次的指南 {application.Call.GuideId} 不在 guides 文件夹或数据库中"); return Failed; }
        var paper = await Papers.LoadAsync(db, guide, application, baseUrl, TimeProvider.System.GetUtcNow(), ct);
        byte[] pdf;
        try
        {
            pdf = PaperPdf.Render(paper, fontPath);
        }
        catch (FontMissingException missing)
        {
            error.WriteLine(missing.Message);
            return Failed;
        }
        await File.WriteAllBytesAsync(outPath, pdf, ct);
        output.WriteLine($"已生成申报书 {application.Number}{(paper.Draft ? "（草稿）" : $"（回执号 {paper.Receipt!.ReceiptNo}）")}：{outPath}，{pdf.Length / 1024} KB");
        return Written;
    }
}
