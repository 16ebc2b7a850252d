using System.Globalization;

namespace Shenbao.Domain.Experts;

/// <summary>
/// 居民身份证号码 (GB 11643-1999): 6 digits of the place of registration, 8 of the date of birth, 3 of the order and a
/// check character (ISO 7064 MOD 11-2, 10 written X). Personal data: shown masked, never logged.
/// </summary>
public static class IdentityNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The number as stored: trimmed, a lower-case x made upper-case.</summary>
    public static string Normalise(string value) => value.Trim().ToUpperInvariant();

    /// <summary>What is wrong with the number, in Chinese (after the column's name), or null when it is a valid one.</summary>
    public static string? Problem(string value)
    {
        var id = Normalise(value);
        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
            return $"应为18位（前17位为数字，末位为数字或X），实际为{id.Length}位";
        if (!DateOnly.TryParseExact(id[6..14], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born) || born.Year < 1900)
            return $"中的出生日期“{id[6..14]}”不是有效日期";
        var expected = CheckCharacterOf(id);
        return id[17] == expected ? null : $"校验位错误：按前17位计算应为“{expected}”，实际为“{id[17]}”";
    }

    public static char CheckCharacterOf(string id) => CheckCharacters[Weights.Select((w, i) => w * (id[i] - '0')).Sum() % 11];

    /// <summary>430404********2011: the place and the last four only, as every view and export shows it.</summary>
    public static string Mask(string id) => id.Length == 18 ? $"{id[..6]}********{id[14..]}" : new string('*', id.Length);
}
