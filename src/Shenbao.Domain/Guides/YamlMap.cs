using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Shenbao.Domain.Guides;

/// <summary>A problem in a guide file, with where it is: "guides/x.yaml:37: …".</summary>
public sealed record GuideError(string File, long Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>What the loader is reading: the file, the errors found so far and the what-if overrides to apply.</summary>
internal sealed class LoadContext(string file, IReadOnlyDictionary<string, string> overrides, Eligibility.FactCatalog facts)
{
    public string File { get; } = file;

    /// <summary>The facts the guide may name: its forms' fields and its rules' facts.</summary>
    public Eligibility.FactCatalog Facts { get; } = facts;

    /// <summary>The same facts as rules read them.</summary>
    public IReadOnlyDictionary<string, Eligibility.Fact> RuleFacts { get; } = Eligibility.Facts.For(facts);
    public List<GuideError> Errors { get; } = [];
    public HashSet<string> UsedOverrides { get; } = [];

    public void Error(YamlNode? node, string message) => Errors.Add(new(File, node?.Start.Line ?? 0, message));

    public string? Override(string path)
    {
        if (!overrides.TryGetValue(path, out var value)) return null;
        UsedOverrides.Add(path);
        return value;
    }

    public IEnumerable<string> UnusedOverrides => overrides.Keys.Where(k => !UsedOverrides.Contains(k));

    private readonly Dictionary<string, GuideParameter> parameters = [];

    /// <summary>Every parameter of a rule read so far ("category.rule[.part].key"), in the file's order.</summary>
    public IReadOnlyList<GuideParameter> Parameters => [.. parameters.Values];

    /// <summary>Remembers a rule's parameter as read (its override when one was given); a map's own keys have no path and are not parameters.</summary>
    public void Record(string mapPath, string key, string? value, ParameterKind kind)
    {
        if (mapPath.Length == 0 || value is null) return;
        var path = $"{mapPath}.{key}";
        parameters[path] = new GuideParameter(path, value, kind);
    }
}

/// <summary>
/// A YAML mapping read with its line numbers. Every read is remembered, so keys nobody read (typos such as
/// "minimun") are reported; a parameter read under a path may be replaced by a what-if override.
/// </summary>
internal sealed class YamlMap(YamlMappingNode node, LoadContext context, string path, YamlNode? anchor = null)
{
    private readonly HashSet<string> read = [];

    public YamlMappingNode Node { get; } = node;
    public LoadContext Context { get; } = context;
    /// <summary>Where parameters live for overrides: "category.rule[.part]".</summary>
    public string Path { get; } = path;

    public bool Has(string key) => Node.Children.ContainsKey(new YamlScalarNode(key));

    /// <summary>A file's root mapping, or the error that says why there is none (YAML syntax, or not a mapping).</summary>
    public static (YamlMappingNode? Root, GuideError? Error) ParseRoot(string yaml, string file, string notAMapping)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            return (null, new GuideError(file, e.Start.Line, $"YAML 语法错误：{e.InnerException?.Message ?? e.Message}"));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18.1 throws this instead of a YamlException when a flow list or map ([…] / {…}) is still open at the end of the file
            return (null, new GuideError(file, 0, "YAML 语法错误：文件结束时仍有未闭合的 [ 或 {"));
        }
        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root ? (root, null) : (null, new GuideError(file, 1, notAMapping));
    }

    public YamlNode? Get(string key)
    {
        read.Add(key);
        return Node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public IEnumerable<string> Keys => Node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    /// <summary>Where errors about the mapping as a whole point: a merged (use:) mapping points at its use.</summary>
    public YamlNode Anchor { get; } = anchor ?? node;

    public void Error(string message) => Context.Error(Anchor, message);

    /// <summary>Reports every key that no reader asked for.</summary>
    public void RejectUnread(string what)
    {
        foreach (var (key, _) in Node.Children)
            if (key is YamlScalarNode { Value: { } name } && !read.Contains(name))
                Context.Error(key, $"{what}中有未知的键“{name}”");
    }

    /// <summary>A scalar parameter, replaced by an override for "{Path}.{key}" when one is given.</summary>
    public (string? Value, YamlNode? Node) Scalar(string key, bool required, string what)
    {
        var node = Get(key);
        if (Context.Override($"{Path}.{key}") is { } overridden) return (overridden, node ?? Anchor);
        switch (node)
        {
            case null:
                if (required) Context.Error(Anchor, $"{what}缺少“{key}”");
                return (null, null);
            case YamlScalarNode scalar:
                return (scalar.Value, scalar);
            default:
                Context.Error(node, $"{what}的“{key}”应为单个值");
                return (null, node);
        }
    }

    public string? Text(string key, string what, bool required = true)
    {
        var value = Scalar(key, required, what).Value;
        Context.Record(Path, key, value, ParameterKind.Text);
        return value;
    }

    public decimal? Decimal(string key, string what, bool required = true)
    {
        var (value, node) = Scalar(key, required, what);
        if (value is null) return null;
        Context.Record(Path, key, value, ParameterKind.Number);
        if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return number;
        Context.Error(node, $"{what}的“{key}”应为数字，实际为“{value}”");
        return null;
    }

    public int? Integer(string key, string what, bool required = true)
    {
        var (value, node) = Scalar(key, required, what);
        if (value is null) return null;
        Context.Record(Path, key, value, ParameterKind.WholeNumber);
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return number;
        Context.Error(node, $"{what}的“{key}”应为整数，实际为“{value}”");
        return null;
    }

    public bool? Flag(string key, string what, bool required = true)
    {
        var (value, node) = Scalar(key, required, what);
        Context.Record(Path, key, value, ParameterKind.Flag);
        switch (value)
        {
            case null: return null;
            case "true": return true;
            case "false": return false;
            default:
                Context.Error(node, $"{what}的“{key}”应为 true 或 false，实际为“{value}”");
                return null;
        }
    }

    /// <summary>A list of scalars, e.g. [enterprise] or [2025]; an override is written comma-separated.</summary>
    public IReadOnlyList<string>? List(string key, string what, bool required = true)
    {
        var node = Get(key);
        if (Context.Override($"{Path}.{key}") is { } overridden)
        {
            var items = overridden.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Context.Record(Path, key, string.Join(",", items), ParameterKind.List);
            return items;
        }
        switch (node)
        {
            case null:
                if (required) Context.Error(Anchor, $"{what}缺少“{key}”");
                return null;
            case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode):
                var list = sequence.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? "").ToList();
                Context.Record(Path, key, string.Join(",", list), ParameterKind.List);
                return list;
            default:
                Context.Error(node, $"{what}的“{key}”应为列表，如 [a, b]");
                return null;
        }
    }

    public YamlMap? Map(string key, string what, string path, bool required = true)
    {
        switch (Get(key))
        {
            case null:
                if (required) Context.Error(Anchor, $"{what}缺少“{key}”");
                return null;
            case YamlMappingNode mapping:
                return new YamlMap(mapping, Context, path);
            case var other:
                Context.Error(other, $"{what}的“{key}”应为映射（键: 值）");
                return null;
        }
    }

    public IReadOnlyList<YamlNode>? Sequence(string key, string what, bool required = true)
    {
        switch (Get(key))
        {
            case null:
                if (required) Context.Error(Anchor, $"{what}缺少“{key}”");
                return null;
            case YamlSequenceNode sequence:
                return sequence.Children.ToList();
            case var other:
                Context.Error(other, $"{what}的“{key}”应为列表");
                return null;
        }
    }
}
