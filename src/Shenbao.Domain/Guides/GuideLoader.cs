using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Eligibility.Rules;
using YamlDotNet.RepresentationModel;

namespace Shenbao.Domain.Guides;

/// <summary>The guide as loaded: the guide, or every problem found in its file.</summary>
public abstract record GuideLoad
{
    private GuideLoad() { }
    public sealed record Loaded(Guide Guide) : GuideLoad;
    public sealed record Invalid(IReadOnlyList<GuideError> Errors) : GuideLoad;
}

/// <summary>
/// Reads a guide file (YAML) into a <see cref="Guide"/>, validating all of it: unknown kinds, facts and keys,
/// duplicate ids, parameters of the wrong type, clauses that do not exist, categories without rules and
/// message placeholders that name nothing. What-if overrides ("category.rule.parameter" = value) replace
/// parameters before validation, so an override is checked exactly like the file.
/// </summary>
public static class GuideLoader
{
    public static GuideLoad LoadFile(string path, IReadOnlyDictionary<string, string>? overrides = null, FactCatalog? facts = null)
    {
        if (!File.Exists(path))
            return new GuideLoad.Invalid([new GuideError(path, 0, "指南文件不存在")]);
        return Load(File.ReadAllText(path), path, overrides, facts);
    }

    /// <summary>Loads a guide that must be valid (the shipped one); throws with every error otherwise.</summary>
    public static Guide LoadValidFile(string path, IReadOnlyDictionary<string, string>? overrides = null, FactCatalog? facts = null) => LoadFile(path, overrides, facts) switch
    {
        GuideLoad.Loaded loaded => loaded.Guide,
        GuideLoad.Invalid invalid => throw new InvalidDataException(string.Join(Environment.NewLine, invalid.Errors)),
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    /// <param name="facts">The facts the guide may name: the contract's (<see cref="FactCatalog.Standard"/>) unless more are declared.</param>
    public static GuideLoad Load(string yaml, string file, IReadOnlyDictionary<string, string>? overrides = null, FactCatalog? facts = null)
    {
        var context = new LoadContext(file, overrides ?? new Dictionary<string, string>(), facts ?? FactCatalog.Standard);
        var (root, problem) = YamlMap.ParseRoot(yaml, file, "指南文件应为一个映射（键: 值），包含 id、city、year、clauses、categories 等");
        if (root is null) return new GuideLoad.Invalid([problem!]);

        var guide = Read(new YamlMap(root, context, ""), context) is { } read ? read with { Source = yaml } : null;
        foreach (var unused in context.UnusedOverrides)
            context.Errors.Add(new GuideError(file, 0, $"参数覆盖“{unused}”没有对应的参数（格式：类别.规则[.子规则].参数=值）"));
        return context.Errors.Count == 0 && guide is not null
            ? new GuideLoad.Loaded(guide)
            : new GuideLoad.Invalid(context.Errors.OrderBy(e => e.Line).ToList());
    }

    private static Guide? Read(YamlMap root, LoadContext context)
    {
        const string what = "指南";
        var id = root.Text("id", what);
        var city = root.Text("city", what);
        var year = root.Integer("year", what);
        var version = root.Text("version", what);
        var title = root.Text("title", what);
        var formMaxLength = root.Integer("formMaxLength", what);
        if (formMaxLength is < 1000 or > 1_000_000) context.Error(root.Get("formMaxLength"), $"formMaxLength 应在 1000 到 1000000 之间，实际为 {formMaxLength}");

        var attachmentTypes = new Dictionary<string, string>();
        if (root.Map("attachmentTypes", what, "attachmentTypes") is { } types)
            foreach (var (key, value) in types.Node.Children)
                if (key is YamlScalarNode { Value: { } typeId } && value is YamlScalarNode { Value: { } typeName })
                    attachmentTypes[typeId] = typeName;
                else
                    context.Error(key, "attachmentTypes 的每一项应为“类型: 名称”");

        var clauses = new List<Clause>();
        foreach (var node in root.Sequence("clauses", what) ?? [])
        {
            if (node is not YamlMappingNode mapping) { context.Error(node, "clauses 的每一项应为 { id, text }"); continue; }
            var clause = new YamlMap(mapping, context, "");
            var (clauseId, text) = (clause.Text("id", "条款"), clause.Text("text", "条款"));
            clause.RejectUnread("条款");
            if (clauseId is null || text is null) continue;
            if (clauses.Any(c => c.Id == clauseId)) context.Error(node, $"条款 id“{clauseId}”重复");
            else clauses.Add(new Clause(clauseId, text));
        }

        var shared = new Dictionary<string, YamlMappingNode>();
        if (root.Map("shared", what, "shared", required: false) is { } sharedMap)
            foreach (var (key, value) in sharedMap.Node.Children)
                if (key is YamlScalarNode { Value: { } name } && value is YamlMappingNode definition)
                    shared[name] = definition;
                else
                    context.Error(key, "shared 的每一项应为“名称: 规则定义”");

        var sections = ReadSections(root, context);
        var rubrics = ReadRubrics(root, context);
        var builder = new RuleBuilder(context, shared, attachmentTypes);
        var categories = new List<Category>();
        foreach (var node in root.Sequence("categories", what) ?? [])
        {
            if (node is not YamlMappingNode mapping) { context.Error(node, "categories 的每一项应为类别定义"); continue; }
            if (ReadCategory(new YamlMap(mapping, context, ""), builder, clauses, attachmentTypes, sections, rubrics, context) is not { } category) continue;
            if (categories.Any(c => c.Id == category.Id)) context.Error(node, $"类别 id“{category.Id}”重复");
            else categories.Add(category);
        }
        if (categories.Count == 0) root.Error("指南没有任何类别（categories）");
        root.RejectUnread(what);

        return id is null || city is null || year is null || version is null || title is null || formMaxLength is null
            ? null
            : new Guide(id, city, year.Value, version, title, clauses, attachmentTypes, categories) { Facts = context.Facts, FormMaxLength = formMaxLength.Value, Parameters = context.Parameters };
    }

    private static Category? ReadCategory(YamlMap map, RuleBuilder builder, List<Clause> clauses, Dictionary<string, string> attachmentTypes, Dictionary<string, FormSection> sections,
        Dictionary<string, Rubric?> rubrics, LoadContext context)
    {
        var id = map.Text("id", "类别");
        var what = $"类别“{id}”";
        var name = map.Text("name", what);
        var fieldGroups = ReadFields(map, what, context);
        var attachments = map.List("attachments", what) ?? [];
        foreach (var unknown in attachments.Where(a => !attachmentTypes.ContainsKey(a)))
            context.Error(map.Get("attachments"), $"{what}的附件类型“{unknown}”未在 attachmentTypes 中定义");

        var scope = new RuleBuilder.Scope(id ?? "", fieldGroups.SelectMany(g => g.Fields).ToList());
        var rules = new List<GuideRule>();
        var ruleNodes = map.Sequence("rules", what) ?? [];
        if (ruleNodes.Count == 0) map.Error($"{what}没有任何规则（rules）");
        foreach (var node in ruleNodes)
            if (ReadRule(node, builder, scope, clauses, context) is { } rule)
                AddUnique(rules, rule, node, what, context);

        foreach (var node in map.Sequence("manual", what, required: false) ?? [])
        {
            if (node is not YamlMappingNode mapping) { context.Error(node, $"{what}的人工判断事项应为 {{ id, clause, text }}"); continue; }
            var item = new YamlMap(mapping, context, "");
            var itemId = item.Text("id", $"{what}的人工判断事项");
            var clause = ClauseOf(item, clauses, $"{what}的人工判断事项“{itemId}”", context);
            var text = item.Text("text", $"{what}的人工判断事项“{itemId}”");
            item.RejectUnread($"{what}的人工判断事项");
            if (itemId is not null && clause is not null && text is not null)
                AddUnique(rules, new GuideRule(itemId, clause, Severity.Manual, new ManualRule(text)) { Name = text }, node, what, context);
        }
        var form = new List<FormSection>();
        foreach (var sectionId in map.List("form", what) ?? [])
            if (sections.TryGetValue(sectionId, out var section)) form.Add(section);
            else context.Error(map.Get("form"), $"{what}的表单分节“{sectionId}”未在 sections 中定义");
        var rubricId = map.Text("rubric", what);
        var rubric = rubricId is null ? null : rubrics.GetValueOrDefault(rubricId);
        if (rubricId is not null && !rubrics.ContainsKey(rubricId))
            context.Error(map.Get("rubric"), $"{what}的评分标准“{rubricId}”未在 rubrics 中定义（可用：{string.Join("、", rubrics.Keys)}）");
        map.RejectUnread(what);
        return id is null || name is null || rubric is null ? null : new Category(id, name, fieldGroups, attachments, rules, form) { Rubric = rubric };
    }

    /// <summary>
    /// rubrics: the experts' scoring standards, which categories name by id under rubric:. The criteria's maxima must add
    /// up to the declared total, so that a score means the same on every review.
    /// </summary>
    /// <returns>Each declared rubric by id; null for one whose errors are already reported (its categories add none).</returns>
    private static Dictionary<string, Rubric?> ReadRubrics(YamlMap root, LoadContext context)
    {
        var rubrics = new Dictionary<string, Rubric?>(StringComparer.Ordinal);
        if (root.Map("rubrics", "指南", "rubrics") is not { } map) return rubrics;
        foreach (var (key, value) in map.Node.Children)
        {
            var id = (key as YamlScalarNode)?.Value ?? "";
            var what = $"评分标准“{id}”";
            if (value is not YamlMappingNode mapping) { context.Error(value, $"{what}应为 {{ name, experts, total, criteria }}"); continue; }
            var rubric = new YamlMap(mapping, context, "");
            var name = rubric.Text("name", what);
            var example = rubric.Flag("example", what, required: false) ?? false;
            var experts = rubric.Integer("experts", what);
            if (experts is < 1 or > 15) context.Error(rubric.Get("experts"), $"{what}的每项评审专家人数（experts）应在 1 到 15 之间，实际为 {experts}");
            var total = rubric.Decimal("total", what);
            if (total is <= 0) context.Error(rubric.Get("total"), $"{what}的总分（total）应大于 0");
            var trimFrom = rubric.Integer("trimFrom", what);
            if (trimFrom is < 3) context.Error(rubric.Get("trimFrom"), $"{what}的 trimFrom（去掉最高分和最低分所需的最少评审数）不能小于 3，实际为 {trimFrom}");
            var outlier = rubric.Decimal("outlierFromMedian", what);
            if (outlier is <= 0 || (outlier is not null && total is not null && outlier > total)) context.Error(rubric.Get("outlierFromMedian"), $"{what}的 outlierFromMedian 应大于 0 且不超过总分");
            var criteria = new List<Criterion>();
            foreach (var node in rubric.Sequence("criteria", what) ?? [])
            {
                if (node is not YamlMappingNode criterionNode) { context.Error(node, $"{what}的评分项应为 {{ id, name, max, guidance }}"); continue; }
                var criterion = new YamlMap(criterionNode, context, "");
                var criterionId = criterion.Text("id", $"{what}的评分项");
                var criterionWhat = $"{what}的评分项“{criterionId}”";
                var (criterionName, max, guidance) = (criterion.Text("name", criterionWhat), criterion.Decimal("max", criterionWhat), criterion.Text("guidance", criterionWhat));
                criterion.RejectUnread(criterionWhat);
                if (max is <= 0 || (max is { } m && m * 2 != Math.Floor(m * 2))) context.Error(criterion.Get("max"), $"{criterionWhat}的满分（max）应为大于 0 的整数或半分，实际为 {max}");
                if (criterionId is null || criterionName is null || max is null || guidance is null) continue;
                if (criteria.Any(c => c.Id == criterionId)) context.Error(node, $"{what}的评分项 id“{criterionId}”重复");
                else criteria.Add(new Criterion(criterionId, criterionName, max.Value, guidance));
            }
            if (criteria.Count == 0) rubric.Error($"{what}没有任何评分项（criteria）");
            else if (total is { } declared && criteria.Sum(c => c.Max) != declared)
                rubric.Error($"{what}各评分项满分之和为 {criteria.Sum(c => c.Max)}，与声明的总分 {declared} 不符");
            rubric.RejectUnread(what);
            rubrics[id] = name is not null && experts is not null && total is not null && trimFrom is not null && outlier is not null && criteria.Count > 0 && criteria.Sum(c => c.Max) == total
                ? new Rubric(id, name, experts.Value, total.Value, criteria, trimFrom.Value, outlier.Value, example)
                : null;
        }
        return rubrics;
    }

    /// <summary>sections: the application form's sections, which categories list by id under form:.</summary>
    private static Dictionary<string, FormSection> ReadSections(YamlMap root, LoadContext context)
    {
        var sections = new Dictionary<string, FormSection>();
        if (root.Map("sections", "指南", "sections") is not { } map) return sections;
        foreach (var (key, value) in map.Node.Children)
        {
            var id = (key as YamlScalarNode)?.Value ?? "";
            var what = $"表单分节“{id}”";
            if (value is not YamlMappingNode mapping) { context.Error(value, $"{what}应为 {{ title, fields }}"); continue; }
            var section = new YamlMap(mapping, context, "");
            var title = section.Text("title", what);
            var fields = new List<FormField>();
            foreach (var node in section.Sequence("fields", what) ?? [])
                if (node is YamlMappingNode fieldNode && ReadField(new YamlMap(fieldNode, context, ""), what, context) is { } field)
                {
                    // one value per path: a second field of the same path would overwrite the first as the applicant types
                    if (fields.Any(f => f.Path == field.Path)) context.Error(node, $"{what}的字段“{field.Path}”重复");
                    else fields.Add(field);
                }
                else if (node is not YamlMappingNode)
                    context.Error(node, $"{what}的字段应为 {{ path, label, type }}");
            section.RejectUnread(what);
            if (title is not null) sections[id] = new FormSection(id, title, fields);
        }
        return sections;
    }

    /// <summary>
    /// A form field. A field that fills a fact takes its label, type and choices from the fact catalogue unless the
    /// guide words them itself, and what the guide says must fit the fact (a money field for an amount, the fact's own
    /// word list for a choice); the 申报书's own text (project.…, narrative.…) says all three.
    /// </summary>
    private static FormField? ReadField(YamlMap map, string sectionWhat, LoadContext context)
    {
        var path = map.Text("path", $"{sectionWhat}的字段");
        var what = $"{sectionWhat}的字段“{path}”";
        var fact = path is null ? null : context.Facts.Find(path);
        var narrative = path is not null && FormPaths.IsNarrative(path);
        var label = map.Text("label", what, required: narrative) ?? fact?.Label;
        var typeName = map.Text("type", what, required: narrative);
        var required = map.Flag("required", what, required: false) ?? false;
        var options = map.Text("options", what, required: false);
        var hint = map.Text("hint", what, required: false);
        var column = map.Text("column", what, required: false);
        var maxLength = map.Integer("maxLength", what, required: false);
        var partner = map.Flag("partner", what, required: false) ?? false;
        map.RejectUnread(what);
        if (path is not null && !narrative && fact is not { FilledIn: FilledIn.Form })
        {
            context.Error(map.Get("path"), $"{what}：路径须为申报书可填写的事实（{string.Join("、", context.Facts.Filled(FilledIn.Form).Select(f => f.Path))}）或以 project.、narrative. 开头的申报书内容");
            return null;
        }
        FieldType? type = typeName switch
        {
            "text" => FieldType.Text, "textarea" => FieldType.Textarea, "money" => FieldType.Money, "integer" => FieldType.Count,
            "date" => FieldType.Date, "yesno" => FieldType.YesNo, "choice" => FieldType.Choice, "members" => FieldType.Members,
            null => fact is null ? null : DefaultType(fact),
            _ => null,
        };
        if (typeName is not null && type is null)
            context.Error(map.Get("type"), $"{what}的类型“{typeName}”未知，可用：text、textarea、money、integer、date、yesno、choice、members");
        options ??= type == FieldType.Choice ? fact?.Choices : null;
        if ((type == FieldType.Choice && options is null) || (options is not null && !FormPaths.ChoiceLists.Contains(options)))
            context.Error(map.Get("options") ?? map.Anchor, $"{what}为 choice，须给出 options：{string.Join("、", FormPaths.ChoiceLists)}");
        else if (fact is not null && type is { } given && !Fits(fact, given, options))
            context.Error(map.Get("type") ?? map.Get("options") ?? map.Anchor,
                $"{what}的类型“{typeName}”{(options is null ? "" : $"（options: {options}）")}与事实“{fact.Label}”不符，应为 {DefaultName(fact)}");
        if (column is not null && !(Applications.Listing.Columns.TryGetValue(column, out var columnType) && columnType == type))
            context.Error(map.Get("column"), $"{what}的 column“{column}”无效：可用 {string.Join("、", Applications.Listing.Columns.Select(c => $"{c.Key}（{c.Value} 字段）"))}");
        // the guide's own text has the limit the guide gives it; a fact's field may narrow its type's
        if (narrative && type is FieldType.Text or FieldType.Textarea && maxLength is null)
            context.Error(map.Anchor, $"{what}是申报书的文字内容，须给出 maxLength（最多字数）");
        else if (maxLength is < 1 or > 100_000)
            context.Error(map.Get("maxLength"), $"{what}的 maxLength 应在 1 到 100000 之间，实际为 {maxLength}");
        if (partner && type is not (FieldType.Text or FieldType.Members))
            context.Error(map.Get("partner"), $"{what}：partner 只能用于填写单位名称的 text 或 members 字段");
        return path is null || label is null || type is null ? null : new FormField(path, label, type.Value, required, options, hint) { Column = column, MaxLength = maxLength, Partner = partner };
    }

    /// <summary>How a fact is entered when the guide does not say.</summary>
    private static FieldType DefaultType(FactDefinition fact) => fact.Type switch
    {
        FactType.Amount => FieldType.Money,
        FactType.WholeNumber => FieldType.Count,
        FactType.Date => FieldType.Date,
        FactType.Flag => FieldType.YesNo,
        FactType.Word => FieldType.Choice,
        FactType.Members => FieldType.Members,
        FactType.Text when fact.Choices is not null => FieldType.Choice,
        _ => FieldType.Text,
    };

    private static string DefaultName(FactDefinition fact) => DefaultType(fact) switch
    {
        FieldType.Money => "money", FieldType.Count => "integer", FieldType.Date => "date", FieldType.YesNo => "yesno",
        FieldType.Members => "members", FieldType.Choice => $"choice（options: {fact.Choices}）", _ => "text",
    };

    /// <summary>Whether a field of this type (and choice list) can hold the fact.</summary>
    private static bool Fits(FactDefinition fact, FieldType type, string? options) => fact.Type switch
    {
        // free text, optionally offered a list the call supplies (the category's fields); never a closed word list
        FactType.Text => type is FieldType.Text or FieldType.Textarea or FieldType.Choice && (options is null || options == fact.Choices),
        FactType.Word => type == FieldType.Choice && options == fact.Choices,
        _ => type == DefaultType(fact) && options is null,
    };

    private static void AddUnique(List<GuideRule> rules, GuideRule rule, YamlNode node, string what, LoadContext context)
    {
        if (rules.Any(r => r.Id == rule.Id)) context.Error(node, $"{what}中的规则 id“{rule.Id}”重复");
        else rules.Add(rule);
    }

    /// <summary>fields: a list, or domains each with a list (重点研发: 工业、农业、社会发展).</summary>
    private static List<FieldGroup> ReadFields(YamlMap map, string what, LoadContext context)
    {
        switch (map.Get("fields"))
        {
            case null:
                return [];
            case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode):
                return [new FieldGroup(null, list.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? "").ToList())];
            case YamlMappingNode domains:
                var groups = new List<FieldGroup>();
                foreach (var (key, value) in domains.Children)
                    if (key is YamlScalarNode { Value: { } domain } && value is YamlSequenceNode fields && fields.Children.All(c => c is YamlScalarNode))
                        groups.Add(new FieldGroup(domain, fields.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? "").ToList()));
                    else
                        context.Error(key, $"{what}的 fields 应为“领域: [支持领域, …]”");
                return groups;
            case var other:
                context.Error(other, $"{what}的 fields 应为列表，或按领域分组的映射");
                return [];
        }
    }

    private static GuideRule? ReadRule(YamlNode node, RuleBuilder builder, RuleBuilder.Scope scope, List<Clause> clauses, LoadContext context)
    {
        var categoryWhat = $"类别“{scope.CategoryId}”";
        var provisional = node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) ? (idNode as YamlScalarNode)?.Value
            : node is YamlMappingNode u && u.Children.TryGetValue(new YamlScalarNode("use"), out var useNode) ? (useNode as YamlScalarNode)?.Value
            : null;
        var path = $"{scope.CategoryId}.{provisional}";
        if (builder.Open(node, path, $"{categoryWhat}的规则“{provisional}”") is not { } map) return null;

        var id = map.Text("id", $"{categoryWhat}的规则", required: false) ?? provisional;
        var what = $"{categoryWhat}的规则“{id}”";
        if (id is null) { map.Error($"{categoryWhat}的规则缺少“id”"); return null; }
        var clause = ClauseOf(map, clauses, what, context);
        // what people read where the rule is listed (the guide page, the diff); the id stays for the contract and the CLI
        var name = map.Text("name", what);
        var severity = map.Text("severity", what, required: false) switch
        {
            null or "fail" => Severity.Fail,
            "warn" => Severity.Warn,
            "manual" => Severity.Manual,
            var other => Invalid(map, $"{what}的 severity“{other}”无效，应为 fail、warn 或 manual"),
        };
        builder.StartReading();
        Rule? appliesIf = null;
        if (map.Get("appliesIf") is { } conditionNode && builder.Open(conditionNode, $"{path}.appliesIf", $"{what}的适用条件 appliesIf") is { } condition)
            appliesIf = builder.BuildChecked(condition, scope, $"{what}的适用条件 appliesIf");
        var body = builder.Build(map, scope, what);
        var reads = builder.StopReading();
        map.RejectUnread(what);
        return clause is null || severity is null || body is null || name is null
            ? null
            : new GuideRule(id, clause, severity.Value, body, appliesIf) { Reads = reads, Name = name };
    }

    private static string? ClauseOf(YamlMap map, List<Clause> clauses, string what, LoadContext context)
    {
        var clause = map.Text("clause", what);
        if (clause is null || clauses.Any(c => c.Id == clause)) return clause;
        context.Error(map.Get("clause"), $"{what}引用的条款“{clause}”不存在于 clauses 中");
        return null;
    }

    private static Severity? Invalid(YamlMap map, string message)
    {
        map.Context.Error(map.Get("severity"), message);
        return null;
    }

    /// <summary>
    /// The guide with what-if settings ("category.rule[.part].parameter=value") applied, read again from its own text
    /// and checked exactly like the file; every problem with the settings otherwise, in Chinese.
    /// </summary>
    public static (Guide? Changed, IReadOnlyList<string> Errors) Change(Guide guide, IEnumerable<string> settings)
    {
        ArgumentNullException.ThrowIfNull(guide);
        var (overrides, problems) = ParseOverrides(settings);
        if (problems.Count > 0) return (null, problems);
        if (overrides.Count == 0) return (null, ["请至少修改一个参数（类别.规则[.子规则].参数=值）"]);
        return Load(guide.Source, guide.Id, overrides, guide.Facts) switch
        {
            GuideLoad.Loaded { Guide: var changed } => (changed, []),
            GuideLoad.Invalid { Errors: var errors } => (null, errors.Select(e => e.Message).ToList()),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    /// <summary>Parses "category.rule.parameter=value" what-if settings, as given on the command line.</summary>
    public static (Dictionary<string, string> Overrides, List<string> Errors) ParseOverrides(IEnumerable<string> settings)
    {
        var overrides = new Dictionary<string, string>();
        var errors = new List<string>();
        foreach (var setting in settings)
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            var key = equals > 0 ? setting[..equals].Trim() : "";
            if (equals <= 0 || key.Count(c => c == '.') < 2)
                errors.Add($"参数覆盖“{setting}”格式错误，应为 类别.规则[.子规则].参数=值，如 achievement-transfer.transfer-revenue.minimum=8000000");
            else
                overrides[key] = setting[(equals + 1)..].Trim();
        }
        return (overrides, errors);
    }
}
