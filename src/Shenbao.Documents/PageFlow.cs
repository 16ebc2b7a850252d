using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Shenbao.Documents;

/// <summary>
/// Text poured down A4 pages: a new page when the next line would not fit, Chinese wrapped per character by measured
/// width (XTextFormatter breaks only at spaces), an optional watermark under every page's content, and the page
/// footer written once the number of pages is known.
/// </summary>
internal sealed class PageFlow : IDisposable
{
    public const double Width = 595.28;
    public const double Height = 841.89;
    public const double Left = 56;
    public const double Right = Width - 56;
    private const double Top = 56;
    private const double Bottom = Height - 60;

    private readonly PdfDocument document;
    private readonly string? watermark;
    private readonly Dictionary<(char, double), double> widths = [];
    private XGraphics? page;

    public PageFlow(PdfDocument document, string? watermark)
    {
        this.document = document;
        this.watermark = watermark;
    }

    public double Y { get; private set; }

    public XGraphics Graphics => page ?? throw new InvalidOperationException("no page yet");

    public static XFont Font(double size, bool bold = false) =>
        new(CjkFont.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    public void NewPage()
    {
        page?.Dispose();
        page = XGraphics.FromPdfPage(document.AddPage());
        if (watermark is not null) Watermark(page, watermark);
        Y = Top;
    }

    /// <summary>Room for <paramref name="height"/> more points on this page, or a new page.</summary>
    public void Need(double height)
    {
        if (page is null || Y + height > Bottom) NewPage();
    }

    public void Skip(double points) => Y += points;

    /// <summary>Text from <paramref name="x"/> to the right margin, wrapped, continued on the next page when it runs over.</summary>
    public void Text(string text, XFont font, double x = Left, XBrush? brush = null, double right = Right)
    {
        var lineHeight = font.Size * 1.5;
        foreach (var line in Wrap(text, font, right - x))
        {
            Need(lineHeight);
            Graphics.DrawString(line, font, brush ?? XBrushes.Black, new XRect(x, Y, right - x, lineHeight), XStringFormats.TopLeft);
            Y += lineHeight;
        }
    }

    /// <summary>A label in a column of its own and its value wrapped beside it; the label repeats on no page.</summary>
    public void Pair(string label, string value, XFont font, double labelWidth = 120)
    {
        var lineHeight = font.Size * 1.5;
        var labelLines = Wrap(label, font, labelWidth - 8);
        var valueLines = Wrap(value, font, Right - Left - labelWidth);
        for (var i = 0; i < Math.Max(labelLines.Count, valueLines.Count); i++)
        {
            Need(lineHeight);
            if (i < labelLines.Count)
                Graphics.DrawString(labelLines[i], font, XBrushes.DimGray, new XRect(Left, Y, labelWidth, lineHeight), XStringFormats.TopLeft);
            if (i < valueLines.Count)
                Graphics.DrawString(valueLines[i], font, XBrushes.Black, new XRect(Left + labelWidth, Y, Right - Left - labelWidth, lineHeight), XStringFormats.TopLeft);
            Y += lineHeight;
        }
    }

    public void Rule()
    {
        Need(8);
        Graphics.DrawLine(XPens.LightGray, Left, Y + 3, Right, Y + 3);
        Y += 8;
    }

    /// <summary>Lines no wider than <paramref name="width"/>: breaks at the text's own line ends and wherever the next character would not fit.</summary>
    public List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            var used = 0d;
            foreach (var c in paragraph)
            {
                var w = WidthOf(c, font);
                if (used + w > width && line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    used = 0;
                    if (c == ' ') continue;
                }
                line.Append(c);
                used += w;
            }
            lines.Add(line.ToString());
        }
        return lines;
    }

    private double WidthOf(char c, XFont font)
    {
        if (widths.TryGetValue((c, font.Size), out var w)) return w;
        w = Graphics.MeasureString(c.ToString(), font).Width;
        widths[(c, font.Size)] = w;
        return w;
    }

    /// <summary>第 x 页 / 共 y 页 and the document's reference at the foot of every page, once every page exists.</summary>
    public void Footers(string reference)
    {
        page?.Dispose();
        page = null;
        var font = Font(8);
        for (var i = 0; i < document.PageCount; i++)
        {
            using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            g.DrawLine(XPens.LightGray, Left, Height - 44, Right, Height - 44);
            g.DrawString(reference, font, XBrushes.DimGray, new XRect(Left, Height - 40, Right - Left, 12), XStringFormats.TopLeft);
            g.DrawString($"第 {i + 1} 页 / 共 {document.PageCount} 页", font, XBrushes.DimGray, new XRect(Left, Height - 40, Right - Left, 12), XStringFormats.TopRight);
        }
    }

    private static void Watermark(XGraphics g, string text)
    {
        var state = g.Save();
        g.RotateAtTransform(-35, new XPoint(Width / 2, Height / 2));
        var font = Font(150, bold: true);
        g.DrawString(text, font, new XSolidBrush(XColor.FromArgb(40, 200, 0, 0)), new XRect(0, Height / 2 - 100, Width, 200), XStringFormats.Center);
        g.Restore(state);
    }

    public void Dispose() => page?.Dispose();
}
