using System.Globalization;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Eligibility.Rules;
using Shenbao.Domain.Requests;
using YamlDotNet.RepresentationModel;

namespace Shenbao.Domain.Guides;

/// <summary>
/// Builds rules from their YAML: resolves `use:` against the shared rules, each fact name against
/// <see cref="Facts"/>, each parameter to its type and each message against the placeholders its kind offers.
/// </summary>
internal sealed class RuleBuilder(LoadContext context, IReadOnlyDictionary<string, YamlMappingNode> shared, IReadOnlyDictionary<string, string> attachmentTypes)
{
    private const string DefaultMissing = "未提供{missing}";
    private static readonly string[] MissingNames = ["missing"];
    private static readonly string[] DetailsNames = ["details"];
    private static readonly string[] OneOfNames = ["value", "values"];
    private static readonly string[] SizeDutyNames = ["within", "exceeded", "missing", "done"];

    private HashSet<string>? reads;

    /// <summary>Starts collecting the facts the rules built from now on read (for one category rule).</summary>
    public void StartReading() => reads = [];

    /// <summary>The facts read since <see cref="StartReading"/>.</summary>
    public IReadOnlySet<string> StopReading()
    {
        var result = reads ?? [];
        reads = null;
        return result;
    }

    public static IReadOnlyList<string> Kinds { get; } =
        ["flag", "one-of", "at-least", "at-most", "ratio", "sum-over-years", "count-in-years", "date-window", "quota", "any-item", "includes-all", "all-of", "any-of", "size-duty"];

    /// <summary>The category a rule is built for: its id and support fields ("@fields").</summary>
    public sealed record Scope(string CategoryId, IReadOnlyList<string> Fields);

    /// <summary>
    /// Turns a rule node into a map, merging a `use:` of a shared rule under the keys written beside it.
    /// A bare scalar is short for `use: NAME`.
    /// </summary>
    public YamlMap? Open(YamlNode node, string path, string what)
    {
        switch (node)
        {
            case YamlScalarNode { Value: { } name }:
                return Shared(name, node, [], path, what);
            case YamlMappingNode mapping when mapping.Children.TryGetValue(new YamlScalarNode("use"), out var use):
                if (use is not YamlScalarNode { Value: { } useName })
                {
                    context.Error(use, $"{what}的“use”应为共享规则的名称");
                    return null;
                }
                return Shared(useName, mapping, mapping.Children.Where(c => c.Key is not YamlScalarNode { Value: "use" }), path, what);
            case YamlMappingNode mapping:
                return new YamlMap(mapping, context, path);
            default:
                context.Error(node, $"{what}应为映射（键: 值）或共享规则的名称");
                return null;
        }
    }

    private YamlMap? Shared(string name, YamlNode at, IEnumerable<KeyValuePair<YamlNode, YamlNode>> own, string path, string what)
    {
        if (!shared.TryGetValue(name, out var definition))
        {
            context.Error(at, $"{what}引用的共享规则“{name}”不存在，可用：{string.Join("、", shared.Keys)}");
            return null;
        }
        var merged = new YamlMappingNode();
        foreach (var (key, value) in definition.Children) merged.Children[key] = value;
        foreach (var (key, value) in own) merged.Children[key] = value;
        return new YamlMap(merged, context, path, at);
    }

    public Rule? Build(YamlMap map, Scope scope, string what)
    {
        var kind = map.Text("kind", what);
        if (kind is null) return null;
        Rule? rule = kind switch
        {
            "flag" => Flag(map, what),
            "one-of" => OneOf(map, scope, what),
            "at-least" => Bound(map, isMinimum: true, what),
            "at-most" => Bound(map, isMinimum: false, what),
            "ratio" => Ratio(map, what),
            "sum-over-years" => SumOverYears(map, what),
            "count-in-years" => CountInYears(map, what),
            "date-window" => DateWindow(map, what),
            "quota" => Quota(map, what),
            "any-item" => AnyItem(map, what),
            "includes-all" => IncludesAll(map, what),
            "all-of" or "any-of" => Composite(map, scope, kind == "all-of", what),
            "size-duty" => SizeDuty(map, scope, what),
            _ => Unknown(map, kind, what),
        };
        return rule;
    }

    private Rule? Unknown(YamlMap map, string kind, string what)
    {
        context.Error(map.Get("kind"), $"{what}的规则类型“{kind}”未知，可用：{string.Join("、", Kinds)}");
        return null;
    }

    private FlagRule? Flag(YamlMap map, string what)
    {
        var fact = Fact<FlagFact>(map, "fact", what, "是/否事实");
        var expected = map.Flag("expected", what);
        var (pass, fail, missing) = (Template(map, "pass", [], what), Template(map, "fail", [], what), Missing(map, what));
        return fact is null || expected is null || pass is null || fail is null || missing is null
            ? null
            : new FlagRule(fact, expected.Value, pass, fail, missing);
    }

    private OneOfRule? OneOf(YamlMap map, Scope scope, string what)
    {
        var fact = Fact<Fact>(map, "fact", what, "文字或数字事实");
        Func<EligibilityRequest, string?>? get = null;
        Func<string, string>? describe = null;
        Words? words = null;
        switch (fact)
        {
            case TextFact text:
                (get, describe, words) = (text.Get, text.Describe, text.Words);
                break;
            case NumberFact number:
                (get, describe) = (r => number.Get(r)?.ToString(CultureInfo.InvariantCulture), v => v);
                break;
            case not null:
                WrongFact(map, fact, what, "文字或数字事实");
                break;
        }
        var valuesNode = map.Get("values");
        IReadOnlyList<string>? values = valuesNode is YamlScalarNode { Value: "@fields" }
            ? scope.Fields
            : map.List("values", what);
        if (values is { Count: 0 })
            context.Error(valuesNode ?? map.Anchor, $"{what}的“values”为空{(valuesNode is YamlScalarNode ? "：本类别没有列出支持领域（fields）" : "")}");
        var doubtful = map.Has("doubtful") ? map.List("doubtful", what) : [];
        if (words is not null)
            foreach (var value in (values ?? []).Concat(doubtful ?? []).Where(v => !words.Contains(v)))
                context.Error(valuesNode, $"{what}中的“{value}”不是{words.Name}的取值，可用：{words.Describe()}");

        var pass = Template(map, "pass", OneOfNames, what);
        var fail = Template(map, "fail", OneOfNames, what);
        var warn = doubtful is { Count: > 0 } ? Template(map, "warn", OneOfNames, what) : null;
        var missing = Missing(map, what);
        if (get is null || describe is null || values is null || doubtful is null || pass is null || fail is null || missing is null || (doubtful.Count > 0 && warn is null))
            return null;
        return new OneOfRule(get, fact!.MissingLabel, describe, values.ToHashSet(), doubtful.ToHashSet(), pass, fail, warn, missing);
    }

    private BoundRule? Bound(YamlMap map, bool isMinimum, string what)
    {
        var key = isMinimum ? "minimum" : "maximum";
        var source = Number(map, "fact", what);
        var bound = map.Decimal(key, what);
        string[] names = ["value", key, "year"];
        var (pass, fail, missing) = (Template(map, "pass", names, what), Template(map, "fail", names, what), Missing(map, what));
        return source is null || bound is null || pass is null || fail is null || missing is null
            ? null
            : new BoundRule(source, bound.Value, isMinimum, pass, fail, missing);
    }

    private RatioRule? Ratio(YamlMap map, string what)
    {
        var part = Number(map, "part", what);
        var whole = Number(map, "whole", what);
        var minimum = map.Decimal("minimum", what);
        if (minimum is < 0 or > 1)
            context.Error(map.Get("minimum"), $"{what}的“minimum”是比例，应在 0 到 1 之间（20% 写作 0.2），实际为 {minimum}");
        var strict = map.Flag("strict", what, required: false) ?? false;
        string[] names = ["part", "whole", "share", "minimum"];
        var (pass, fail, missing) = (Template(map, "pass", names, what), Template(map, "fail", names, what), Missing(map, what));
        return part is null || whole is null || minimum is null or < 0 or > 1 || pass is null || fail is null || missing is null
            ? null
            : new RatioRule(part, whole, minimum.Value, strict, pass, fail, missing);
    }

    private SumOverYearsRule? SumOverYears(YamlMap map, string what)
    {
        var fact = Fact<YearlyFact>(map, "fact", what, "按年度填报的数额");
        var (from, to) = YearWindow(map, what);
        var minimum = map.Decimal("minimum", what);
        string[] names = ["value", "minimum", "from", "to", "years"];
        var (pass, fail, missing) = (Template(map, "pass", names, what), Template(map, "fail", names, what), Missing(map, what));
        return fact is null || from is null || to is null || minimum is null || pass is null || fail is null || missing is null
            ? null
            : new SumOverYearsRule(fact, from.Value, to.Value, minimum.Value, pass, fail, missing);
    }

    private CountInYearsRule? CountInYears(YamlMap map, string what)
    {
        var fact = Fact<ItemsFact>(map, "fact", what, "列表");
        var fieldName = map.Text("yearField", what);
        ItemField? yearField = null;
        if (fact is not null && fieldName is not null && !fact.Fields.TryGetValue(fieldName, out yearField))
            context.Error(map.Get("yearField"), $"{what}：{fact.Label}没有字段“{fieldName}”，可用：{string.Join("、", fact.Fields.Keys)}");
        var (from, to) = YearWindow(map, what);
        var fewerThan = map.Integer("fewerThan", what);
        string[] names = ["count", "limit", "from", "to"];
        var (pass, fail, missing) = (Template(map, "pass", names, what), Template(map, "fail", names, what), Missing(map, what));
        return fact is null || yearField is null || from is null || to is null || fewerThan is null || pass is null || fail is null || missing is null
            ? null
            : new CountInYearsRule(fact, yearField, from.Value, to.Value, fewerThan.Value, pass, fail, missing);
    }

    private DateWindowRule? DateWindow(YamlMap map, string what)
    {
        var value = Date(map, "fact", what, required: true);
        var from = Date(map, "from", what, required: false);
        var to = Date(map, "to", what, required: false);
        if (!map.Has("from") && !map.Has("to"))
            map.Error($"{what}须至少给出“from”或“to”之一");
        string[] names = ["value", "from", "to"];
        var (pass, fail, missing) = (Template(map, "pass", names, what), Template(map, "fail", names, what), Missing(map, what));
        return value is null || (from is null && to is null) || pass is null || fail is null || missing is null
            ? null
            : new DateWindowRule(value, from, to, pass, fail, missing);
    }

    private QuotaRule? Quota(YamlMap map, string what)
    {
        var taken = Number(map, "fact", what);
        var limit = map.Integer("limit", what);
        string[] names = ["value", "limit", "remaining"];
        var (pass, fail, missing) = (Template(map, "pass", names, what), Template(map, "fail", names, what), Missing(map, what));
        return taken is null || limit is null || pass is null || fail is null || missing is null
            ? null
            : new QuotaRule(taken, limit.Value, pass, fail, missing);
    }

    private AnyItemRule? AnyItem(YamlMap map, string what)
    {
        var fact = Fact<ItemsFact>(map, "fact", what, "列表");
        var alternatives = new List<IReadOnlyList<ItemCondition>>();
        var nodes = map.Has("where") ? [map.Get("where")!] : map.Sequence("whereAny", what) ?? [];
        if (!map.Has("where") && !map.Has("whereAny")) map.Error($"{what}须给出“where”或“whereAny”");
        for (var index = 0; index < nodes.Count; index++)
        {
            var node = nodes[index];
            // each condition is a parameter like any other: "basic-research.basic-platform.whereAny.0.level"
            var at = map.Has("where") ? $"{map.Path}.where" : $"{map.Path}.whereAny.{index}";
            if (node is not YamlMappingNode conditions) { context.Error(node, $"{what}的条件应为映射，如 level: [national, provincial]"); continue; }
            var alternative = new List<ItemCondition>();
            foreach (var (key, value) in conditions.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (fact is null) continue;
                if (!fact.Fields.TryGetValue(name, out var field))
                {
                    context.Error(key, $"{what}：{fact.Label}没有字段“{name}”，可用：{string.Join("、", fact.Fields.Keys)}");
                    continue;
                }
                var overridden = context.Override($"{at}.{name}");
                if (overridden is null && (value is not YamlSequenceNode list || list.Children.Any(c => c is not YamlScalarNode)))
                {
                    context.Error(value, $"{what}：字段“{name}”的取值应为列表，如 [a, b]");
                    continue;
                }
                var accepted = (overridden?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    ?? ((YamlSequenceNode)value).Children.Cast<YamlScalarNode>().Select(s => s.Value ?? "")).ToHashSet();
                context.Record(at, name, string.Join(",", accepted), ParameterKind.List);
                foreach (var word in accepted.Where(w => field.Words is { } words && !words.Contains(w)))
                    context.Error(value, $"{what}中的“{word}”不是{field.Label}的取值，可用：{field.Words!.Describe()}");
                alternative.Add(new ItemCondition(field, accepted));
            }
            alternatives.Add(alternative);
        }
        string[] names = ["match", "items"];
        var (pass, fail, missing) = (Template(map, "pass", names, what), Template(map, "fail", names, what), Missing(map, what));
        return fact is null || alternatives.Count == 0 || pass is null || fail is null || missing is null
            ? null
            : new AnyItemRule(fact, alternatives, pass, fail, missing);
    }

    private IncludesAllRule? IncludesAll(YamlMap map, string what)
    {
        var fact = Fact<WordsFact>(map, "fact", what, "附件列表");
        var values = map.List("values", what);
        foreach (var value in (values ?? []).Where(v => !attachmentTypes.ContainsKey(v)))
            context.Error(map.Get("values"), $"{what}中的附件类型“{value}”未在 attachmentTypes 中定义");
        string[] names = ["required", "lacking"];
        var (pass, fail) = (Template(map, "pass", names, what), Template(map, "fail", names, what));
        return fact is null || values is null || pass is null || fail is null
            ? null
            : new IncludesAllRule(fact, values, v => attachmentTypes.GetValueOrDefault(v, v), pass, fail);
    }

    private Rule? Composite(YamlMap map, Scope scope, bool all, string what)
    {
        var parts = Parts(map, "rules", scope, what);
        var pass = Template(map, "pass", DetailsNames, what, "{details}");
        var fail = Template(map, "fail", DetailsNames, what, "{details}");
        if (parts is null || pass is null || fail is null) return null;
        return all ? new AllOfRule(parts, pass, fail) : new AnyOfRule(parts, pass, fail);
    }

    private SizeDutyRule? SizeDuty(YamlMap map, Scope scope, string what)
    {
        var limits = new List<BoundRule>();
        foreach (var (node, i) in (map.Sequence("limits", what) ?? []).Select((n, i) => (n, i)))
        {
            if (Open(node, $"{map.Path}.{ChildId(node, i)}", $"{what}的第{i + 1}个限额") is not { } limit) continue;
            var limitWhat = $"{what}的限额“{ChildId(node, i)}”";
            limit.Get("id");
            if (limit.Has("kind") && limit.Text("kind", limitWhat) != "at-most")
                context.Error(limit.Get("kind"), $"{limitWhat}只能是 at-most");
            if (Bound(limit, isMinimum: false, limitWhat) is { } bound) limits.Add(bound);
            limit.RejectUnread(limitWhat);
        }
        var duty = map.Get("duty") is { } dutyNode && Open(dutyNode, $"{map.Path}.duty", $"{what}的 duty") is { } dutyMap
            ? BuildChecked(dutyMap, scope, $"{what}的 duty")
            : null;
        if (!map.Has("duty")) map.Error($"{what}缺少“duty”");
        var undertaking = map.Flag("undertaking", what, required: false) ?? false;
        var done = Template(map, "done", SizeDutyNames, what);
        var exempt = Template(map, "exempt", SizeDutyNames, what);
        var due = Template(map, "due", SizeDutyNames, what);
        var missing = Template(map, "missing", SizeDutyNames, what);
        return limits.Count == 0 || duty is null || done is null || exempt is null || due is null || missing is null
            ? null
            : new SizeDutyRule(limits, duty, undertaking, new SizeDutyMessages(done, exempt, due, missing));
    }

    /// <summary>Builds a rule and reports keys it did not read.</summary>
    public Rule? BuildChecked(YamlMap map, Scope scope, string what)
    {
        map.Get("id");
        var rule = Build(map, scope, what);
        map.RejectUnread(what);
        return rule;
    }

    private List<Rule>? Parts(YamlMap map, string key, Scope scope, string what)
    {
        var nodes = map.Sequence(key, what);
        if (nodes is null) return null;
        if (nodes.Count == 0) { context.Error(map.Get(key), $"{what}的“{key}”为空"); return null; }
        var ids = new HashSet<string>();
        var parts = new List<Rule>();
        foreach (var (node, i) in nodes.Select((n, i) => (n, i)))
        {
            var id = ChildId(node, i);
            if (!ids.Add(id)) context.Error(node, $"{what}中的子规则 id“{id}”重复");
            var partWhat = $"{what}的子规则“{id}”";
            if (Open(node, $"{map.Path}.{id}", partWhat) is { } part && BuildChecked(part, scope, partWhat) is { } rule)
                parts.Add(rule);
        }
        return parts.Count == nodes.Count ? parts : null;
    }

    /// <summary>A part's id for messages and override paths: its own id, its shared name, or its position.</summary>
    private static string ChildId(YamlNode node, int index) => node switch
    {
        YamlScalarNode { Value: { } name } => name,
        YamlMappingNode m when m.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id is YamlScalarNode { Value: { } v } => v,
        YamlMappingNode m when m.Children.TryGetValue(new YamlScalarNode("use"), out var use) && use is YamlScalarNode { Value: { } u } => u,
        _ => (index + 1).ToString(CultureInfo.InvariantCulture),
    };

    private (int? From, int? To) YearWindow(YamlMap map, string what)
    {
        var from = map.Integer("from", what);
        var to = map.Integer("to", what);
        if (from > to)
        {
            context.Error(map.Get("from"), $"{what}的年度区间有误：from（{from}）晚于 to（{to}）");
            return (null, null);
        }
        return (from, to);
    }

    private NumberSource? Number(YamlMap map, string key, string what)
    {
        var fact = Fact<Fact>(map, key, what, "数字事实");
        switch (fact)
        {
            case NumberFact number:
                return NumberSource.Of(number);
            case YearlyFact yearly:
                var year = map.Integer("year", what);
                return year is null ? null : NumberSource.Of(yearly, year.Value);
            case null:
                return null;
            default:
                WrongFact(map, fact, what, "数字事实", key);
                return null;
        }
    }

    /// <summary>A date bound: YYYY-MM-DD, a date fact's name, or { fact: NAME, plusYears: N }.</summary>
    private DateSource? Date(YamlMap map, string key, string what, bool required)
    {
        var node = map.Get(key);
        var overridden = context.Override($"{map.Path}.{key}");
        if (node is null && overridden is null)
        {
            if (required) map.Error($"{what}缺少“{key}”");
            return null;
        }
        if (overridden is null && node is YamlMappingNode shifted)
        {
            var inner = new YamlMap(shifted, context, $"{map.Path}.{key}");
            var fact = Fact<DateFact>(inner, "fact", what, "日期事实");
            var years = inner.Integer("plusYears", what);
            inner.RejectUnread($"{what}的“{key}”");
            return fact is null || years is null ? null : DateSource.Of(fact, years.Value);
        }
        var text = overridden ?? (node as YamlScalarNode)?.Value ?? "";
        context.Record(map.Path, key, text, ParameterKind.Date);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return DateSource.Fixed(date);
        if (context.RuleFacts.TryGetValue(text, out var named))
        {
            reads?.Add(text);
            if (named is DateFact dateFact) return DateSource.Of(dateFact);
            context.Error(node, $"{what}的“{key}”：事实“{text}”不是日期");
            return null;
        }
        context.Error(node, $"{what}的“{key}”应为 YYYY-MM-DD 日期、日期事实名称或 {{ fact: 名称, plusYears: 年数 }}，实际为“{text}”");
        return null;
    }

    private T? Fact<T>(YamlMap map, string key, string what, string expected) where T : Fact
    {
        var name = map.Text(key, what);
        if (name is null) return null;
        if (!context.RuleFacts.TryGetValue(name, out var fact))
        {
            context.Error(map.Get(key), $"{what}读取的事实“{name}”未知，可用：{string.Join("、", context.RuleFacts.Keys)}");
            return null;
        }
        reads?.Add(name);
        if (fact is T typed) return typed;
        WrongFact(map, fact, what, expected, key);
        return null;
    }

    private void WrongFact(YamlMap map, Fact fact, string what, string expected, string key = "fact") =>
        context.Error(map.Get(key), $"{what}：事实“{fact.Path}”（{fact.Label}）不是此类规则所需的{expected}");

    private Template? Missing(YamlMap map, string what) => Template(map, "missing", MissingNames, what, DefaultMissing);

    private Template? Template(YamlMap map, string key, IReadOnlyList<string> names, string what, string? fallback = null)
    {
        var node = map.Get(key);
        var source = node switch
        {
            null => fallback,
            YamlScalarNode scalar => scalar.Value,
            _ => null,
        };
        if (node is not null) context.Record(map.Path, key, source, ParameterKind.Text);
        if (source is null)
        {
            context.Error(node ?? map.Anchor, node is null ? $"{what}缺少消息“{key}”" : $"{what}的消息“{key}”应为文本");
            return null;
        }
        var (template, error) = Eligibility.Template.Compile(source, names);
        if (error is not null) context.Error(node ?? map.Anchor, $"{what}的消息“{key}”：{error}");
        return template;
    }
}
