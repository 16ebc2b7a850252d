using System.Globalization;
using System.Text.Json;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Web.Applications;

/// <summary>One input of the application form as the page renders it.</summary>
public sealed record FieldView(FormField Field, string Name, string Id, string Value, string? Error, IReadOnlyList<(string Value, string Label)> Options, string? Hint)
{
    public IReadOnlyList<MemberRow> Members => Field.Type == FieldType.Members ? MemberRow.Parse(Value) : [];

    /// <summary>The value as a person reads it (<see cref="FieldText.Display"/>).</summary>
    public string Display => FieldText.Display(Field, Value, Options);
}

/// <summary>A consortium member as posted from the form (M[i].Name, M[i].Kind).</summary>
public sealed class MemberRow
{
    public string? Name { get; set; }
    public string? Kind { get; set; }

    public static IReadOnlyList<MemberRow> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try { return JsonSerializer.Deserialize<List<MemberRow>>(json, JsonSerializerOptions.Web) ?? []; }
        catch (JsonException) { return []; }
    }
}

/// <summary>
/// Between the guide's form definition and the posted form: input names that survive model binding (a path's
/// dots become "__"), the values kept (only the category's own fields, so nothing else can be smuggled in), and
/// the choice lists.
/// </summary>
public static class FormView
{
    public static string InputName(string path) => $"F[{path.Replace(".", "__", StringComparison.Ordinal)}]";

    public static Dictionary<string, string> Collect(Category category, IReadOnlyDictionary<string, string?> posted, IReadOnlyList<MemberRow> members)
    {
        var values = new Dictionary<string, string>();
        foreach (var field in category.Form.SelectMany(s => s.Fields))
        {
            if (field.Type == FieldType.Members)
            {
                var rows = members.Where(m => !string.IsNullOrWhiteSpace(m.Name))
                    .Select(m => new MemberRow { Name = m.Name!.Trim(), Kind = string.IsNullOrWhiteSpace(m.Kind) ? null : m.Kind }).ToList();
                values[field.Path] = JsonSerializer.Serialize(rows, JsonSerializerOptions.Web);
            }
            else if (posted.GetValueOrDefault(field.Path.Replace(".", "__", StringComparison.Ordinal)) is { } text && text.Trim().Length > 0)
            {
                values[field.Path] = text.Trim();
            }
        }
        return values;
    }

    /// <summary>"≈ 80 万元" beside an amount in 元, for people who think in 万元.</summary>
    public static string? WanHint(FormField field, string value) =>
        field.Type == FieldType.Money && decimal.TryParse(value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan)
            ? $"≈ {(yuan / 10000m).ToString("#,0.####", CultureInfo.InvariantCulture)} 万元"
            : null;

    public static IReadOnlyList<(FormSection Section, IReadOnlyList<FieldView> Fields)> Build(Workspace workspace)
    {
        return workspace.Category.Form.Select(section => (section, (IReadOnlyList<FieldView>)section.Fields.Select(field =>
        {
            var value = workspace.Values.GetValueOrDefault(field.Path) ?? "";
            var hint = string.Join(" ", new[] { field.Hint, WanHint(field, value) }.OfType<string>());
            return new FieldView(field, InputName(field.Path), "f-" + field.Path.Replace(".", "-", StringComparison.Ordinal), value,
                workspace.ErrorFor(field.Path), Shenbao.Data.FieldOptions.Of(field, workspace.Category, workspace.Application.Organisation), hint.Length > 0 ? hint : null);
        }).ToList())).ToList();
    }
}
