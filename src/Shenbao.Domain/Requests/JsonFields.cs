using System.Globalization;
using System.Text.Json;

namespace Shenbao.Domain.Requests;

/// <summary>An error in the request itself (not a verdict): the dotted JSON path and what to fix, in Chinese.</summary>
public sealed record InputError(string Path, string Message);

/// <summary>
/// Reads typed values out of a parsed JSON object, writing an <see cref="InputError"/> for every field
/// that is present but malformed, so that one pass reports every error with its path.
/// JSON null counts as absent.
/// </summary>
internal sealed class JsonFields(List<InputError> errors)
{
    public List<InputError> Errors { get; } = errors;

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static JsonElement? Get(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    // the path of a field is joined only when there is an error to report: a valid request allocates none
    public JsonElement? Object(JsonElement parent, string name, string path, bool required = false)
    {
        switch (Get(parent, name))
        {
            case null:
                if (required) Errors.Add(new(Join(path, name), "缺少必填项"));
                return null;
            case { ValueKind: JsonValueKind.Object } value:
                return value;
            default:
                Errors.Add(new(Join(path, name), "应为对象（{…}）"));
                return null;
        }
    }

    public IEnumerable<(JsonElement Item, string Path)> Array(JsonElement parent, string name, string path, out bool present)
    {
        var at = Join(path, name);
        present = false;
        switch (Get(parent, name))
        {
            case null:
                return [];
            case { ValueKind: JsonValueKind.Array } value:
                present = true;
                return value.EnumerateArray().Select((item, i) => (item, $"{at}.{i}")).ToList();
            default:
                Errors.Add(new(at, "应为数组（[…]）"));
                return [];
        }
    }

    public string? String(JsonElement parent, string name, string path, bool required = false)
    {
        switch (Get(parent, name))
        {
            case null:
                if (required) Errors.Add(new(Join(path, name), "缺少必填项"));
                return null;
            case { ValueKind: JsonValueKind.String } value:
                var text = value.GetString()!.Trim();
                if (required && text.Length == 0) { Errors.Add(new(Join(path, name), "不能为空")); return null; }
                return text;
            default:
                Errors.Add(new(Join(path, name), "应为文本"));
                return null;
        }
    }

    public string? Word(JsonElement parent, string name, string path, Words words, bool required = false)
    {
        var value = String(parent, name, path, required);
        if (value is null || words.Contains(value)) return value;
        Errors.Add(new(Join(path, name), $"{words.Name}“{value}”无效，应为：{words.Describe()}"));
        return null;
    }

    public bool? Flag(JsonElement parent, string name, string path)
    {
        switch (Get(parent, name))
        {
            case null: return null;
            case { ValueKind: JsonValueKind.True }: return true;
            case { ValueKind: JsonValueKind.False }: return false;
            default:
                Errors.Add(new(Join(path, name), "应为 true 或 false"));
                return null;
        }
    }

    /// <summary>A non-negative number (amounts, headcounts): the contract has no negative figures.</summary>
    public decimal? Amount(JsonElement parent, string name, string path) =>
        Get(parent, name) is { } value ? AmountAt(value, path, name) : null;

    public decimal? Amount(JsonElement value, string at) => AmountAt(value, at, null);

    private decimal? AmountAt(JsonElement value, string path, string? name)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            Errors.Add(new(name is null ? path : Join(path, name), "应为数字"));
            return null;
        }
        if (number < 0)
        {
            Errors.Add(new(name is null ? path : Join(path, name), $"不能为负数（实际为 {number.ToString(CultureInfo.InvariantCulture)}）"));
            return null;
        }
        if (number > Money.Largest)
        {
            Errors.Add(new(name is null ? path : Join(path, name), Money.TooLarge));
            return null;
        }
        return number;
    }

    public int? WholeNumber(JsonElement parent, string name, string path)
    {
        if (Get(parent, name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            if (number >= 0) return number;
            Errors.Add(new(Join(path, name), $"不能为负数（实际为 {number}）"));
            return null;
        }
        Errors.Add(new(Join(path, name), "应为非负整数"));
        return null;
    }

    public DateOnly? Date(JsonElement parent, string name, string path)
    {
        switch (Get(parent, name))
        {
            case null: return null;
            case { ValueKind: JsonValueKind.String } value
                when DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return date;
            case { ValueKind: JsonValueKind.String } value:
                Errors.Add(new(Join(path, name), $"日期“{value.GetString()}”格式错误，应为 YYYY-MM-DD 的有效日期"));
                return null;
            default:
                Errors.Add(new(Join(path, name), "应为 YYYY-MM-DD 格式的日期文本"));
                return null;
        }
    }

    /// <summary>An object keyed by fiscal year ("2024": …); a key that is not a year is an error.</summary>
    public IEnumerable<(int Year, JsonElement Value, string Path)> Years(JsonElement parent, string name, string path, out bool present)
    {
        present = false;
        if (Object(parent, name, path) is not { } years) return [];
        present = true;
        var result = new List<(int, JsonElement, string)>();
        var parentPath = Join(path, name);
        foreach (var property in years.EnumerateObject())
        {
            var at = $"{parentPath}.{property.Name}";
            if (property.Name.Length == 4 && int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                result.Add((year, property.Value, at));
            else
                Errors.Add(new(at, $"“{property.Name}”不是年份，应为四位数字年份，如 \"2024\""));
        }
        return result;
    }
}
