namespace Shenbao.Domain.Guides;

/// <summary>What a parameter holds, as the loader read it: how a form offers it and how a diff words it.</summary>
public enum ParameterKind { Text, Number, WholeNumber, Flag, Date, List }

/// <summary>
/// One parameter of a rule as the guide file gives it, by the path a what-if override names
/// ("achievement-transfer.transfer-revenue.minimum"), with its value as written (a list comma-separated).
/// </summary>
public sealed record GuideParameter(string Path, string Value, ParameterKind Kind)
{
    /// <summary>The category the parameter belongs to: the first part of its path.</summary>
    public string Category => Path[..Path.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>The rule it belongs to: the second part of its path.</summary>
    public string Rule => Path.Split('.')[1];

    /// <summary>The key under the rule: "minimum", or "ends-late-enough.from" inside a composite.</summary>
    public string Key => Path[(Category.Length + Rule.Length + 2)..];

    /// <summary>
    /// Whether a what-if may sensibly change it: a threshold, a date, a year, a list, a flag or the severity; not the
    /// rule's wording, its kind or the facts it reads (a date window's fact included), which change what the rule is
    /// rather than where its line lies.
    /// </summary>
    public bool Tunable => Kind is not ParameterKind.Text ? !Key.EndsWith("fact", StringComparison.Ordinal) : Key.EndsWith("severity", StringComparison.Ordinal);
}
