using System.Text.RegularExpressions;

namespace Shenbao.LogScan;

/// <summary>
/// The passwords and keys a test run types: the demo's, and every password-shaped string literal in the tests'
/// sources (eight to forty characters with an upper-case letter, a lower-case letter, a digit and a sign), so that a
/// password a new test uses is looked for without being listed here.
/// </summary>
public static partial class RunSecrets
{
    public static IReadOnlyCollection<string> Find(string repositoryRoot)
    {
        var literals = Directory.EnumerateFiles(Path.Combine(repositoryRoot, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Shenbao.LogScan{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => StringLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(PasswordShaped);
        return new HashSet<string>(literals.Append(Shenbao.Data.Demo.DemoData.Password).Append(Shenbao.Data.Demo.DemoData.TotpSecret), StringComparer.Ordinal);
    }

    public static bool PasswordShaped(string text) =>
        text.Length is >= 8 and <= 40 && text.Any(char.IsAsciiLetterUpper) && text.Any(char.IsAsciiLetterLower) && text.Any(char.IsAsciiDigit)
        && text.Any(c => c is '-' or '!' or '#' or '@' or '$' or '%' or '&' or '*' or '_') && !text.Any(char.IsWhiteSpace);

    [GeneratedRegex("\"([^\"\\\\\\r\\n]{8,40})\"")]
    private static partial Regex StringLiteral();
}
