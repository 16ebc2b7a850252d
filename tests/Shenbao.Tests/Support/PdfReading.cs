using System.Diagnostics;
using System.Text;
using ZXing;

namespace Shenbao.Tests.Support;

/// <summary>
/// A PDF read back as its readers would: its text with poppler's pdftotext in layout order (a label beside its value; pages split at form feeds), its cover
/// rendered with pdftoppm and the QR code on it decoded with ZXing.Net. poppler-utils is installed by ./test.sh;
/// without it these fail saying so, never skip.
/// </summary>
public static class PdfReading
{
    /// <summary>Each page's text, in reading order.</summary>
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        var text = Run("pdftotext", pdf, (input, output) => $"-layout -enc UTF-8 {input} {output}", ".txt");
        var pages = Encoding.UTF8.GetString(text).Split('\f').ToList();
        if (pages.Count > 0 && pages[^1].Trim().Length == 0) pages.RemoveAt(pages.Count - 1);
        return pages;
    }

    /// <summary>The whole text with its white space removed: for finding phrases whatever the line breaks.</summary>
    public static string Squeezed(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>The text of the QR code on the given page (1-based), rendered in grey at 150 dpi; null when none is found.</summary>
    public static string? QrCode(byte[] pdf, int page = 1)
    {
        // at 150 dpi a module is about 4 pixels and some codes (it depends on their content) do not decode: as a
        // phone's camera would, look again closer
        foreach (var dpi in (int[])[150, 300])
        {
            var pgm = Run("pdftoppm", pdf, (input, output) => $"-gray -r {dpi} -f {page} -l {page} -singlefile {input} {output[..^4]}", ".pgm");
            var (width, height, pixels) = ReadPgm(pgm);
            var reader = new BarcodeReaderGeneric { Options = { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
            if (reader.Decode(new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text is { } text) return text;
        }
        return null;
    }

    /// <summary>A binary PGM (P5, 8-bit): the header's three numbers, then one byte per pixel.</summary>
    private static (int Width, int Height, byte[] Pixels) ReadPgm(byte[] file)
    {
        var at = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)file[at])) at++;
            var start = at;
            while (!char.IsWhiteSpace((char)file[at])) at++;
            return Encoding.ASCII.GetString(file, start, at - start);
        }
        Assert.Equal("P5", Token());
        var width = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("255", Token());
        at++;
        return (width, height, file.AsSpan(at, width * height).ToArray());
    }

    private static byte[] Run(string tool, byte[] pdf, Func<string, string, string> arguments, string extension)
    {
        var folder = Directory.CreateTempSubdirectory("shenbao-pdf-").FullName;
        try
        {
            var input = Path.Combine(folder, "in.pdf");
            var output = Path.Combine(folder, "out" + extension);
            File.WriteAllBytes(input, pdf);
            Process process;
            try
            {
                process = Process.Start(new ProcessStartInfo(tool, arguments(input, output)) { RedirectStandardError = true, UseShellExecute = false })!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new InvalidOperationException($"{tool} is not installed: install poppler-utils (./test.sh does) to read PDFs back in the tests");
            }
            using (process)
            {
                var error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {error}");
            }
            return File.ReadAllBytes(output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
