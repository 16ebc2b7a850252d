using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Shenbao.Web.Setup;

/// <summary>A refused form's field errors, each with the id of the input it belongs to, for the summary at the top.</summary>
public static class ErrorSummary
{
    /// <summary>
    /// The field errors of the model state (grouped by field name), each linked to its input:
    /// the id the tag helpers give a name, unless <paramref name="anchor"/> knows a page's own ids better.
    /// </summary>
    public static IReadOnlyList<(string Message, string? Anchor)> Of(ModelStateDictionary state, Func<string, string?>? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state
            .Where(entry => entry.Key.Length > 0 && entry.Value is { Errors.Count: > 0 })
            .SelectMany(entry => entry.Value!.Errors.Select(e => (e.ErrorMessage, (string?)(anchor?.Invoke(entry.Key) ?? TagBuilder.CreateSanitizedId(entry.Key, "_")))))
            .ToList();
    }
}
