using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Shenbao.Web.Pages.SelfCheck;

/// <summary>
/// An optional figure typed as text (元 or a count). Bound as text rather than decimal so that what cannot be read
/// gets a Chinese message beside the field instead of the model binder's English one.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NonNegativeAttribute : ValidationAttribute
{
    /// <summary>A count (people, subsidies) rather than an amount: no decimals.</summary>
    public bool WholeNumber { get; init; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var message = (value as string) switch
        {
            null or { Length: 0 } => null,
            var text when Parse(text) is null => WholeNumber ? "请填写整数" : "请填写数字（可带小数点）",
            var text when Parse(text) < 0 => "不能为负数",
            var text when Parse(text) > Shenbao.Domain.Requests.Money.Largest => Shenbao.Domain.Requests.Money.TooLarge,
            var text when WholeNumber && Parse(text) % 1 != 0 => "请填写整数",
            _ => null,
        };
        return message is null ? ValidationResult.Success : new ValidationResult(message, validationContext.MemberName is { } name ? [name] : null);
    }

    /// <summary>The figure as typed, thousands separators (, or ，) allowed; null when empty or unreadable.</summary>
    public static decimal? Parse(string? text) => Shenbao.Domain.Requests.Money.Parse(text);
}
