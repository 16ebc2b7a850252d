using System.Globalization;
using System.Text.Json;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Applications;

/// <summary>A form value as a person reads it, the same on the pages and on the printed 申报书.</summary>
public static class FieldText
{
    /// <summary>The word for a code, 是/否, amounts in 元 with separators, dates in Chinese, consortium members with their kind.</summary>
    public static string Display(FormField field, string value, IReadOnlyList<(string Value, string Label)> options)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(options);
        return field.Type switch
        {
            FieldType.YesNo => value switch { "true" => "是", "false" => "否", _ => value },
            FieldType.Choice => options.FirstOrDefault(o => o.Value == value).Label ?? value,
            FieldType.Money when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan) => $"{Money.Format(yuan)} 元",
            FieldType.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => ChineseDate.Format(date),
            FieldType.Members => string.Join("、", Members(value).Select(m => m.Kind is { } kind ? $"{m.Name}（{Vocabulary.OrganisationKinds.Label(kind)}）" : m.Name)),
            _ => value,
        };
    }

    /// <summary>The consortium members a members field holds (JSON of name and kind); nothing for text that does not read.</summary>
    public static IReadOnlyList<Member> Members(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try { return JsonSerializer.Deserialize<List<Member>>(json, JsonSerializerOptions.Web) ?? []; }
        catch (JsonException) { return []; }
    }

    public sealed record Member(string? Name, string? Kind);
}
