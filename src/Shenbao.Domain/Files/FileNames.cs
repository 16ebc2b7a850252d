using System.Globalization;
using System.Text;

namespace Shenbao.Domain.Files;

/// <summary>
/// The name an uploaded file is listed, downloaded and audited under. It is what people read, so it must say what the
/// file is: one name without a path, no control characters, nothing that turns the text around (U+202E shows
/// “invoice‮fdp.exe” as “invoiceexe.pdf”), and bounded. The same checks serve every upload, so a name is stored the
/// same whichever page took it.
/// </summary>
public static class FileNames
{
    /// <summary>Characters, not bytes: a Chinese name of 100 characters is still short enough for every list and header.</summary>
    public const int MaxLength = 100;

    public abstract record Result
    {
        private Result() { }
        public sealed record Accepted(string Name, string Extension) : Result;
        public sealed record Refused(string Message) : Result;
    }

    /// <summary>The name as it will be stored (NFC, trimmed), or why it cannot be.</summary>
    public static Result Check(string? raw)
    {
        var name = (raw ?? "").Trim();
        if (name.Length == 0) return new Result.Refused("文件没有名称，请给文件起一个名称后重新上传");
        if (!IsWellFormed(name)) return new Result.Refused("文件名含有无法识别的字符，请重命名后重新上传");
        name = name.Normalize(NormalizationForm.FormC);
        if (name.Any(char.IsControl))
            return new Result.Refused($"文件名“{Visible(name)}”含有控制字符（如换行、制表符），请重命名后重新上传");
        if (name.Any(IsInvisibleFormatting))
            return new Result.Refused($"文件名“{Visible(name)}”含有改变文字方向或不可见的字符，显示出来的名称可能与实际不符，请重命名后重新上传");
        if (name.Contains('/') || name.Contains('\\'))
            return new Result.Refused($"文件名“{Visible(name)}”含有路径分隔符“/”或“\\”，请只用文件本身的名称");
        if (name.StartsWith('.'))
            return new Result.Refused($"文件名“{Visible(name)}”不能以“.”开头，请重命名后重新上传");
        var length = new StringInfo(name).LengthInTextElements;
        if (length > MaxLength)
            return new Result.Refused($"文件名过长（{length} 个字符，最多 {MaxLength} 个），请改短后重新上传");
        var dot = name.LastIndexOf('.');
        if (dot <= 0 || dot == name.Length - 1)
            return new Result.Refused($"文件名“{Visible(name)}”没有扩展名，请使用 {string.Join("、", FileKinds.Accepted.SelectMany(k => k.Extensions))} 等扩展名");
        return new Result.Accepted(name, name[dot..].ToLowerInvariant());
    }

    /// <summary>
    /// A name fit to be shown in a message or written to the audit trail, whatever was sent: control and direction
    /// characters as �, cut to a length a message can carry.
    /// </summary>
    public static string Visible(string? raw)
    {
        var builder = new StringBuilder();
        foreach (var rune in (raw ?? "").EnumerateRunes())
            builder.Append(Rune.IsControl(rune) || IsInvisibleFormatting(rune) || rune == Rune.ReplacementChar ? "\uFFFD" : rune.ToString());
        var visible = builder.ToString().Trim();
        return visible.Length <= 60 ? visible : visible[..30] + "…" + visible[^29..];
    }

    private static bool IsWellFormed(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])) { i++; continue; }
            if (char.IsSurrogate(name[i]) || name[i] == '\uFFFD') return false;
        }
        return true;
    }

    /// <summary>Direction overrides and isolates, marks, zero-width and other formatting characters (Unicode category Cf).</summary>
    private static bool IsInvisibleFormatting(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private static bool IsInvisibleFormatting(Rune rune) => Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format;
}
