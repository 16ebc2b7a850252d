using System.Text.Json;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Data;

/// <summary>The choices of a form field: the category's support fields, the organisation's platforms, or a vocabulary list.</summary>
public static class FieldOptions
{
    public static IReadOnlyList<(string Value, string Label)> Of(FormField field, Category category, Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(organisation);
        IEnumerable<(string, string)> list = field.Options switch
        {
            "@fields" => category.Fields.Select(f => (f, f)),
            "@platforms" => Platforms(organisation),
            { } name when Vocabulary.Lists.TryGetValue(name, out var words) => words.Labels.Select(p => (p.Key, p.Value)),
            _ => [],
        };
        return list.ToList();
    }

    private static List<(string, string)> Platforms(Organisation organisation)
    {
        using var profile = JsonDocument.Parse(organisation.ProfileJson);
        if (!profile.RootElement.TryGetProperty("platforms", out var platforms) || platforms.ValueKind != JsonValueKind.Array) return [];
        return platforms.EnumerateArray()
            .Where(p => p.TryGetProperty("id", out _))
            .Select(p => (p.GetProperty("id").GetString() ?? "", p.TryGetProperty("name", out var n) ? n.GetString() ?? "" : p.GetProperty("id").GetString() ?? ""))
            .ToList();
    }
}
