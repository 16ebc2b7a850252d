namespace Shenbao.Domain.Guides;

/// <summary>A section of a category's application form, defined in the guide file (合同、联合体、预算…).</summary>
public sealed record FormSection(string Id, string Title, IReadOnlyList<FormField> Fields);

/// <summary>
/// One input of the form. Its path says where the value goes: "application.…" paths are facts of the
/// eligibility request (the live check reads them); "project.…" and "narrative.…" are the 申报书's own text.
/// </summary>
public sealed record FormField(string Path, string Label, FieldType Type, bool Required, string? Options, string? Hint)
{
    /// <summary>The list column the field's value fills (<see cref="Applications.Listing.Columns"/>): the guide says which of its own fields is the title or a budget.</summary>
    public string? Column { get; init; }
}

public enum FieldType { Text, Textarea, Money, Count, Date, YesNo, Choice, Members }

public static class FormPaths
{
    public static bool IsNarrative(string path) =>
        path.StartsWith("project.", StringComparison.Ordinal) || path.StartsWith("narrative.", StringComparison.Ordinal);

    /// <summary>Choice lists a field may name: the contract's word lists, the category's fields, the applicant's platforms.</summary>
    public static readonly IReadOnlySet<string> ChoiceLists = Requests.Vocabulary.Lists.Keys.Append("@fields").Append("@platforms").ToHashSet();
}
