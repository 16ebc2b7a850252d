using System.Globalization;

namespace Shenbao.Domain.Requests;

/// <summary>How figures are written in messages: 9,999,999.50 元, 2025年4月15日.</summary>
public static class Money
{
    /// <summary>
    /// The largest figure read anywhere (a thousand trillion): beyond any organisation's statement, and far enough
    /// from decimal's limit that sums over years and ratios of such figures cannot overflow.
    /// </summary>
    public const decimal Largest = 1_000_000_000_000_000m;

    /// <summary>The refusal of a figure over <see cref="Largest"/>.</summary>
    public static string TooLarge { get; } = $"数值过大（超过 {Format(Largest)}），请核对单位是否为元";

    /// <summary>Whole numbers without decimals, fractions with at least two: 10,000,000 and 9,999,999.50.</summary>
    public static string Format(decimal value) =>
        value == decimal.Truncate(value)
            ? value.ToString("N0", CultureInfo.InvariantCulture)
            : value.ToString("#,0.00##########", CultureInfo.InvariantCulture);

    /// <summary>A figure as people type it, thousands separators (, or ，) allowed; null when empty or not a number.</summary>
    public static decimal? Parse(string? text)
    {
        var plain = text?.Trim().Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal);
        return !string.IsNullOrEmpty(plain) && decimal.TryParse(plain, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }
}

public static class ChineseDate
{
    public static string Format(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";
}
