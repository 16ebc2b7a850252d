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

    /// <summary>
    /// partner: true — the field names an organisation the project works with (a contract's counterparty, a
    /// consortium's members): its experts are chosen from outside them (回避).
    /// </summary>
    public bool Partner { get; init; }

    /// <summary>The most characters the guide allows (maxLength); a fact's field without one has its type's.</summary>
    public int? MaxLength { get; init; }

    /// <summary>
    /// The most characters a value may have: the guide's maxLength (required for the guide's own text), else a limit
    /// by type for a fact's field, whose values are short by nature (a name, a figure, a date, a choice).
    /// </summary>
    public int Limit => MaxLength ?? Type switch
    {
        FieldType.Textarea => 5000,
        FieldType.Text => 200,
        // a members list is stored as JSON rows: room for dozens of member names
        FieldType.Members => 20_000,
        _ => 100,
    };
}

/// <summary>The lengths the guide allows a form: each field's, and the form's in all.</summary>
public static class FormLimits
{
    /// <summary>The most characters of the justification of one warned rule (not a field of the guide's form).</summary>
    public const int JustificationLimit = 2000;

    /// <summary>Every value over its field's limit, and the form over the guide's total, as errors at their paths ("" for the total).</summary>
    public static IReadOnlyList<Requests.InputError> Check(Guide guide, Category category, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(values);
        var errors = new List<Requests.InputError>();
        foreach (var field in category.Form.SelectMany(s => s.Fields))
            if (values.GetValueOrDefault(field.Path) is { } value && value.Length > field.Limit)
                errors.Add(new(field.Path, $"{field.Label}最多 {field.Limit} 字，现为 {value.Length} 字，请删减"));
        var total = values.Values.Sum(v => v.Length);
        if (total > guide.FormMaxLength)
            errors.Add(new("", $"申报书内容共 {total} 字，超过本指南允许的 {guide.FormMaxLength} 字，请删减"));
        return errors;
    }
}

public enum FieldType { Text, Textarea, Money, Count, Date, YesNo, Choice, Members }

public static class FormPaths
{
    public static bool IsNarrative(string path) =>
        path.StartsWith("project.", StringComparison.Ordinal) || path.StartsWith("narrative.", StringComparison.Ordinal);

    /// <summary>Choice lists a field may name: the contract's word lists, the category's fields, the applicant's platforms.</summary>
    public static readonly IReadOnlySet<string> ChoiceLists = Requests.Vocabulary.Lists.Keys.Append("@fields").Append("@platforms").ToHashSet();
}
