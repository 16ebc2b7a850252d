using System.Text.Json;
using Shenbao.Domain.Guides;

namespace Shenbao.Domain.Experts;

/// <summary>The organisations an application works with, from the fields its guide marks partner: (their experts are 回避).</summary>
public static class Partners
{
    public static IReadOnlyList<string> Of(Category category, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(values);
        var names = new List<string>();
        foreach (var field in category.Form.SelectMany(s => s.Fields).Where(f => f.Partner))
        {
            if (values.GetValueOrDefault(field.Path)?.Trim() is not { Length: > 0 } value) continue;
            if (field.Type != FieldType.Members) { names.Add(value); continue; }
            try
            {
                names.AddRange((JsonSerializer.Deserialize<List<Member>>(value, JsonSerializerOptions.Web) ?? [])
                    .Select(m => m.Name?.Trim()).OfType<string>().Where(n => n.Length > 0));
            }
            catch (JsonException)
            {
                // a value the form could not read was refused at submission; nothing to avoid from it
            }
        }
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    private sealed record Member(string? Name);
}
