namespace Shenbao.Tests.Web.Fuzzing;

/// <summary>
/// What a hostile or careless client types into a field: markup and script, SQL, control characters and a forged log
/// line, direction tricks, overlong text, numbers no field holds, dates no calendar has, and values of the wrong type.
/// </summary>
public static class HostileValues
{
    /// <summary>Script that would run if a page wrote a stored value unescaped; <see cref="RawMarkup"/> finds it.</summary>
    public const string Script = "<script>alert('fuzz')</script>";

    public static readonly IReadOnlyList<string> All =
    [
        Script,
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "\" autofocus onfocus=\"alert(1)",
        "<svg onload=alert(1)>",
        "javascript:alert(1)",
        "'; DROP TABLE Applications; --",
        "1' OR '1'='1",
        "\0NUL\0",
        "\u001b[31mESC\u007fDEL\u0008",
        "第一行\r\n2026-12-03 12:00:00 INFO forged log line",
        "\u202Efdp.exe",
        "\u200B\uFEFF\u2066",
        new string('长', 20_000),
        new string('x', 300),
        "99999999999999999999999999999999",
        "79228162514264337593543950335",
        "1000000000000000.01",
        "0.0000000000000000000000000001",
        "-2147483649",
        "1e309",
        "NaN",
        "-0",
        "0x7fffffff",
        "2025-02-30",
        "0000-00-00",
        "9999-12-31T23:59:59.9999999+14:00",
        "../../../../etc/passwd",
        "{{7*7}}${7*7}",
        "%00%0d%0a",
        "",
        "   ",
        "true",
        "[]",
    ];

    /// <summary>The values of <see cref="All"/> that are markup: a page that writes one unescaped shows <see cref="RawMarkup"/>.</summary>
    public static IReadOnlyList<string> Markup => All.Take(5).ToList();

    /// <summary>Invalid UTF-8 in a form body, percent-encoded and raw (an overlong slash, a lone continuation byte, 0xFF).</summary>
    public static readonly byte[] InvalidUtf8 = [0xC0, 0xAF, 0x80, 0xFF, 0xFE, 0xED, 0xA0, 0x80];

    /// <summary>
    /// The pieces of <see cref="All"/> that only appear in HTML when a value was written without encoding: Razor
    /// encodes &lt;, &gt;, &amp;, " and ' everywhere, so none of these survives it.
    /// </summary>
    public static readonly IReadOnlyList<string> RawMarkup =
        ["<script>alert(", "<img src=x onerror", "onmouseover='alert", "onfocus=\"alert", "<svg onload"];

    /// <summary>The raw markup found in an HTML page, if any, with what surrounds it.</summary>
    public static IEnumerable<string> RawMarkupIn(string html) =>
        RawMarkup.Where(m => html.Contains(m, StringComparison.OrdinalIgnoreCase))
            .Select(m =>
            {
                var at = html.IndexOf(m, StringComparison.OrdinalIgnoreCase);
                return html[Math.Max(0, at - 80)..Math.Min(html.Length, at + 60)].ReplaceLineEndings(" ");
            });
}
