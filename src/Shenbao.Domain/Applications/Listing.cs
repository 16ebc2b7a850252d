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
            Money.Parse(form.GetValueOrDefault("narrative.budget.total")),
            Money.Parse(form.GetValueOrDefault("narrative.budget.requested")),
            Text(form, "application.platformId", PlatformLength));
    }

    private static string? Text(IReadOnlyDictionary<string, string> form, string path, int length) =>
        form.GetValueOrDefault(path)?.Trim() is { Length: > 0 } text ? text.Length > length ? text[..length] : text : null;
}
