using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;
using Shenbao.Domain.Documents;
using Shenbao.Domain.Eligibility;

namespace Shenbao.Documents;

/// <summary>
/// The 申报书 as a PDF: a cover with the receipt and its QR code, then every section of the form, the rule outcomes
/// with their clauses, what the official lists found, and the files relied on with their SHA-256; 第 x 页 / 共 y 页
/// on every page and 草稿 across every page of a draft.
/// </summary>
public static class PaperPdf
{
    public const string ContentType = "application/pdf";

    /// <summary>The file name it downloads as: the application's number, and 草稿 for a draft.</summary>
    public static string FileName(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        return $"申报书-{paper.ApplicationNumber}{(paper.Draft ? "-草稿" : "")}.pdf";
    }

    /// <param name="fontPath">The CJK font (null: Debian's WenQuanYi Zen Hei); see <see cref="CjkFont.Use"/>.</param>
    public static byte[] Render(Paper paper, string? fontPath = null)
    {
        ArgumentNullException.ThrowIfNull(paper);
        CjkFont.Use(fontPath);
        using var document = new PdfDocument();
        document.Info.Title = $"申报书：{paper.Title}";
        document.Info.Subject = paper.CallTitle;
        document.Info.Creator = "衡阳市科技创新计划项目申报管理系统";
        using (var flow = new PageFlow(document, paper.Draft ? "草稿" : null))
        {
            Cover(flow, paper);
            Content(flow, paper);
            Rules(flow, paper);
            Findings(flow, paper);
            Files(flow, paper);
            Closing(flow, paper);
            flow.Footers($"{paper.ApplicationNumber}{(paper.Receipt is { } r ? $" · 回执号 {r.ReceiptNo}" : " · 草稿")} · {paper.Title}");
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static readonly XFont Body = PageFlow.Font(10.5);
    private static readonly XFont Small = PageFlow.Font(8.5);
    private static readonly XFont Heading = PageFlow.Font(14, bold: true);
    private static readonly XFont Subheading = PageFlow.Font(11.5, bold: true);

    private static void Cover(PageFlow flow, Paper paper)
    {
        flow.NewPage();
        flow.Skip(40);
        flow.Text(paper.CallTitle, PageFlow.Font(13), PageFlow.Left);
        flow.Skip(20);
        var title = PageFlow.Font(36, bold: true);
        flow.Graphics.DrawString("申报书", title, XBrushes.Black, new XRect(PageFlow.Left, flow.Y, PageFlow.Right - PageFlow.Left, 50), XStringFormats.TopCenter);
        flow.Skip(90);
        var cover = PageFlow.Font(12);
        flow.Pair("项目名称", paper.Title, cover, 110);
        flow.Pair("申报类别", paper.CategoryName, cover, 110);
        flow.Pair("申报单位", paper.Organisation, cover, 110);
        flow.Pair("项目负责人", paper.Leader, cover, 110);
        flow.Pair("申报编号", paper.ApplicationNumber, cover, 110);
        if (paper.Receipt is { } receipt)
        {
            flow.Pair("回执号", receipt.ReceiptNo, cover, 110);
            flow.Pair("提交时间", $"{ChinaTime.Describe(receipt.IssuedAt)}（北京时间）", cover, 110);
            flow.Pair("内容摘要", "SHA-256 " + receipt.Hash, Small, 110 * Small.Size / cover.Size);
        }
        else
        {
            flow.Pair("回执号", "（草稿，尚未提交）", cover, 110);
        }
        flow.Skip(10);
        foreach (var note in paper.Notes) flow.Text(note, Body, brush: XBrushes.DarkRed);
        if (paper.Receipt is { } verifiable) Qr(flow, verifiable);
        flow.Graphics.DrawString($"打印时间：{ChinaTime.Describe(paper.PrintedAt)}", Small, XBrushes.DimGray,
            new XRect(PageFlow.Left, PageFlow.Height - 80, PageFlow.Right - PageFlow.Left, 12), XStringFormats.TopLeft);
    }

    /// <summary>The QR code at the foot of the cover, drawn module by module (vector, sharp at any scale), with the link it holds written beside it.</summary>
    private static void Qr(PageFlow flow, PaperReceipt receipt)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(receipt.VerifyUrl, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        const double size = 130;
        var module = size / matrix.Count;
        var x0 = PageFlow.Right - size;
        var y0 = PageFlow.Height - 100 - size;
        var g = flow.Graphics;
        g.DrawRectangle(XBrushes.White, x0, y0, size, size);
        for (var row = 0; row < matrix.Count; row++)
        {
            var column = 0;
            while (column < matrix.Count)
            {
                if (!matrix[row][column]) { column++; continue; }
                var start = column;
                while (column < matrix.Count && matrix[row][column]) column++;
                // a hair wider than the module so that neighbouring rectangles leave no seam when rasterised
                g.DrawRectangle(XBrushes.Black, x0 + start * module, y0 + row * module, (column - start) * module + 0.05, module + 0.05);
            }
        }
        var textRight = x0 - 12;
        var line = y0 + size - 60;
        foreach (var text in new[] { "扫描二维码可核验本回执：", "只显示该回执是否存在、摘要是否一致及签发时间，", "不显示申报内容。" })
        {
            g.DrawString(text, Small, XBrushes.DimGray, new XRect(PageFlow.Left, line, textRight - PageFlow.Left, 12), XStringFormats.TopLeft);
            line += 13;
        }
        foreach (var part in flow.Wrap(receipt.VerifyUrl, Small, textRight - PageFlow.Left))
        {
            g.DrawString(part, Small, XBrushes.DimGray, new XRect(PageFlow.Left, line, textRight - PageFlow.Left, 12), XStringFormats.TopLeft);
            line += 12;
        }
    }

    private static void Content(PageFlow flow, Paper paper)
    {
        flow.NewPage();
        flow.Text("一、申报内容", Heading);
        flow.Skip(4);
        foreach (var section in paper.Sections)
        {
            flow.Need(40);
            flow.Skip(4);
            flow.Text(section.Title, Subheading);
            if (section.Lines.Count == 0) flow.Text("（未填写）", Body, brush: XBrushes.DimGray);
            foreach (var (label, value) in section.Lines) flow.Pair(label, value, Body);
            flow.Rule();
        }
    }

    private static void Rules(PageFlow flow, Paper paper)
    {
        flow.Need(60);
        flow.Skip(8);
        flow.Text("二、资格条件检查", Heading);
        if (paper.Receipt is { } receipt)
            flow.Text($"按申报指南（版本 {receipt.GuideVersion}）于 {Shenbao.Domain.Requests.ChineseDate.Format(receipt.AsOf)} 的单位信息和申报内容检查，提交时冻结。", Small, brush: XBrushes.DimGray);
        flow.Skip(4);
        if (paper.Rules.Count == 0) flow.Text(paper.Draft ? "（草稿未作资格检查，请在申报系统中查看实时检查结果）" : "（提交时的资格检查未保存）", Body, brush: XBrushes.DimGray);
        foreach (var rule in paper.Rules)
        {
            flow.Need(40);
            flow.Text($"【{rule.Outcome}】{rule.Name}：{rule.Message}", Body);
            flow.Text($"依据指南条款：{rule.ClauseId}{(rule.ClauseText is { } text ? "——" + text : "")}", Small, PageFlow.Left + 16, XBrushes.DimGray);
            if (rule.Justification is { } said) flow.Text($"申报单位的说明：{said}", Small, PageFlow.Left + 16);
            flow.Skip(3);
        }
    }

    private static void Findings(PageFlow flow, Paper paper)
    {
        if (paper.ListFindings.Count == 0) return;
        flow.Need(60);
        flow.Skip(8);
        flow.Text("三、与官方名单的核对", Heading);
        flow.Skip(4);
        foreach (var finding in paper.ListFindings) flow.Text("· " + finding, Body);
    }

    private static void Files(PageFlow flow, Paper paper)
    {
        flow.Need(60);
        flow.Skip(8);
        flow.Text(paper.ListFindings.Count == 0 ? "三、附件清单" : "四、附件清单", Heading);
        flow.Skip(4);
        if (paper.Files.Count == 0) flow.Text("（无附件）", Body, brush: XBrushes.DimGray);
        foreach (var file in paper.Files)
        {
            flow.Need(36);
            flow.Text($"{file.Kind}：{file.FileName}（{Size(file.Size)}）", Body);
            flow.Text($"SHA-256 {file.Sha256}", Small, PageFlow.Left + 16, XBrushes.DimGray);
            flow.Skip(2);
        }
    }

    private static void Closing(PageFlow flow, Paper paper)
    {
        flow.Need(50);
        flow.Skip(10);
        flow.Rule();
        if (paper.Receipt is { } receipt)
        {
            flow.Text($"回执号 {receipt.ReceiptNo}，{ChinaTime.Describe(receipt.IssuedAt)} 提交。", Body);
            flow.Text($"回执摘要（SHA-256）：{receipt.Hash}", Small);
            flow.Text("本申报书由系统按提交时冻结的内容生成；内容、附件或检查结果的任何改动都会使摘要不符。", Small, brush: XBrushes.DimGray);
        }
        else
        {
            flow.Text("草稿：尚未提交，不具备回执，不能作为申报凭证。", Body, brush: XBrushes.DarkRed);
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };
}
