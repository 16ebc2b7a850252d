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

    /// <summary>The form paths the columns come from: the request contract's, and the 申报书's own title and budget.</summary>
    public static Listing Of(IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new(
            Text(form, "project.title", TitleLength),
            Text(form, "application.field", FieldLength),
            Text(form, "application.leader.name", LeaderLength),
            Amount(form, "narrative.budget.total"),
            Amount(form, "narrative.budget.requested"),
            Text(form, "application.platformId", PlatformLength));
    }

    /// <summary>The column's largest amount (18 digits, 2 after the point); a figure beyond it is no budget anyone asks for.</summary>
    public const decimal MaxAmount = 9_999_999_999_999_999.99m;

    private static decimal? Amount(IReadOnlyDictionary<string, string> form, string path) =>
        Money.Parse(form.GetValueOrDefault(path)) is { } value && Math.Abs(value) <= MaxAmount ? Math.Round(value, 2) : null;

    private static string? Text(IReadOnlyDictionary<string, string> form, string path, int length) =>
        form.GetValueOrDefault(path)?.Trim() is { Length: > 0 } text ? text.Length > length ? text[..length] : text : null;
}
