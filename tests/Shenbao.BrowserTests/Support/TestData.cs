using System.Security.Cryptography;
using System.Text;
using Shenbao.Domain.Requests;

namespace Shenbao.BrowserTests.Support;

/// <summary>Fresh organisations and small documents for the journeys.</summary>
public static class TestData
{
    private const string CodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>
    /// An unused, well-formed 统一社会信用代码 of a Hengyang enterprise (91 430400 …): nine random characters for the
    /// organisation code, then the GB 32100 check character.
    /// </summary>
    public static string NewCreditCode()
    {
        var first17 = "91430400" + string.Concat(Enumerable.Range(0, 9).Select(_ => CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)]));
        return first17 + CreditCode.CheckCharacter(first17);
    }

    /// <summary>A short random suffix (digits) for names that must be unique.</summary>
    public static string Suffix() => RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A tiny valid PDF ("%PDF-1.4 … %%EOF") in a temporary folder, its content distinct per <paramref name="fileName"/>.</summary>
    public static string Pdf(string fileName)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "shenbao-browser-uploads")).FullName;
        var path = Path.Combine(folder, fileName);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes($"%PDF-1.4\n% {fileName}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"));
        return path;
    }
}
