using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Applications;

/// <summary>
/// What lists of applications show, filter and sort on, taken from the form on every save so that a list is a query
/// on indexed columns, not a read of every form. The full text stays in the form; these are cut to their column.
/// </summary>
public sealed record Listing(string? Title, string? SupportField, string? LeaderName, decimal? TotalBudget, decimal? RequestedFunding, string? PlatformId)
{
    public const int TitleLength = 300;
    public const int FieldLength = 100;
    public const int LeaderLength = 100;
    public const int PlatformLength = 50;

    /// <summary>The columns a guide's own form fields may fill (<c>column:</c> in the guide file), with the field type each takes.</summary>
    public static IReadOnlyDictionary<string, FieldType> Columns { get; } = new Dictionary<string, FieldType>
    {
        ["title"] = FieldType.Text,
        ["total-budget"] = FieldType.Money,
        ["requested-funding"] = FieldType.Money,
        // not a list column: the text formal review compares across the call for near-duplicates (SubmissionIndex)
        ["summary"] = FieldType.Textarea,
    };

    /// <summary>
    /// The columns of a category's form: the title and budgets from the fields the guide marks with their column, the
    /// support field, leader and platform from the request contract's facts.
    /// </summary>
    public static Listing Of(Category category, IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(form);
        var marked = category.Form.SelectMany(s => s.Fields).Where(f => f.Column is not null).GroupBy(f => f.Column!).ToDictionary(g => g.Key, g => g.First().Path);
        string? PathOf(string column) => marked.GetValueOrDefault(column);
        return new(
            PathOf("title") is { } title ? Text(form, title, TitleLength) : null,
            Text(form, "application.field", FieldLength),
            Text(form, "application.leader.name", LeaderLength),
            PathOf("total-budget") is { } total ? Amount(form, total) : null,
            PathOf("requested-funding") is { } requested ? Amount(form, requested) : null,
            Text(form, "application.platformId", PlatformLength));
    }

    /// <summary>The column's largest amount (18 digits, 2 after the point); a figure beyond it is no budget anyone asks for.</summary>
    public const decimal MaxAmount = 9_999_999_999_999_999.99m;

    private static decimal? Amount(IReadOnlyDictionary<string, string> form, string path) =>
        Money.Parse(form.GetValueOrDefault(path)) is { } value && Math.Abs(value) <= MaxAmount ? Math.Round(value, 2) : null;

    private static string? Text(IReadOnlyDictionary<string, string> form, string path, int length) =>
        form.GetValueOrDefault(path)?.Trim() is { Length: > 0 } text ? text.Length > length ? text[..length] : text : null;
}
