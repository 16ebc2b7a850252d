using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using Shenbao.Domain.Requests;

namespace Shenbao.Web.Organisations;

/// <summary>
/// Profile values as people type them (text) and as the request contract stores them (JSON numbers, YYYY-MM-DD
/// dates). Numbers may be typed with thousands separators, as they are written on financial statements.
/// </summary>
public static class ProfileValues
{
    public static decimal? Number(string? text) => Money.Parse(text);

    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static int? Year(string? text) =>
        text?.Trim() is { Length: 4 } y && y.All(char.IsAsciiDigit) ? int.Parse(y, CultureInfo.InvariantCulture) : null;

    /// <summary>Years typed as a list ("2021、2024"), in any of the separators people use; null when one is not a year.</summary>
    public static IReadOnlyList<int>? Years(string? text)
    {
        var parts = (text ?? "").Split([',', '，', '、', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var years = parts.Select(Year).ToList();
        return years.Any(y => y is null) ? null : years.Select(y => y!.Value).ToList();
    }

    /// <summary>The hint beside an amount in 元: "2,100 万元", or nothing when the text is not a number.</summary>
    public static string WanYuan(string? text) =>
        Number(text) is { } value ? $"{Money.Format(value / 10_000m)} 万元" : "";

    /// <summary>A stored date as people read it: 2025年4月15日.</summary>
    public static string ChineseDate(string? text) =>
        Date(text) is { } date ? Domain.Requests.ChineseDate.Format(date) : "";

    /// <summary>A stored number or text as the form shows it; amounts with thousands separators.</summary>
    public static string? Text(JsonNode? node, bool amount = false) => node switch
    {
        JsonValue v when v.TryGetValue<decimal>(out var d) => amount ? Money.Format(d) : d.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => null,
    };

    public static bool? Flag(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    /// <summary>A number as the contract stores it, or null for an empty field.</summary>
    public static JsonNode? ToJson(string? number) => Number(number) is { } n ? JsonValue.Create(n) : null;
}

/// <summary>A number people type: empty, or a figure that is not negative (and whole, for head counts).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NumberTextAttribute : ValidationAttribute
{
    public bool WholeNumber { get; init; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is not string text || text.Trim().Length == 0) return ValidationResult.Success;
        var name = validationContext.DisplayName;
        return ProfileValues.Number(text) switch
        {
            null => new ValidationResult($"{name}应为数字，如 21,000,000"),
            < 0 => new ValidationResult($"{name}不能为负数"),
            > Money.Largest => new ValidationResult(name + Money.TooLarge),
            decimal n when WholeNumber && n != decimal.Truncate(n) => new ValidationResult($"{name}应为整数"),
            _ => ValidationResult.Success,
        };
    }
}

/// <summary>A date typed as YYYY-MM-DD, the format of a date input and of the request contract.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DateTextAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return value is not string text || text.Trim().Length == 0 || ProfileValues.Date(text) is not null
            ? ValidationResult.Success
            : new ValidationResult($"{validationContext.DisplayName}“{text}”不是有效日期，应按 年-月-日 填写（YYYY-MM-DD）");
    }
}

/// <summary>A year, or a list of years, each of four digits.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class YearTextAttribute : ValidationAttribute
{
    public bool List { get; init; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is not string text || text.Trim().Length == 0) return ValidationResult.Success;
        var valid = List ? ProfileValues.Years(text) is not null : ProfileValues.Year(text) is not null;
        return valid
            ? ValidationResult.Success
            : new ValidationResult(List ? $"{validationContext.DisplayName}应为四位年份，多个年份用顿号分隔" : $"{validationContext.DisplayName}应为四位年份");
    }
}
