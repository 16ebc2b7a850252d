using System.Globalization;

namespace Shenbao.Domain.Guides;

public enum ChangeKind { Added, Removed, Changed }

/// <summary>
/// One difference between two guides: where (指南、条款、附件类型、类别、支持领域、附件要求、规则、参数、表单、评分标准),
/// what (worded in Chinese, with its id), and the value on each side where there is one.
/// </summary>
public sealed record GuideChange(string Area, ChangeKind Kind, string Subject, string? Before = null, string? After = null)
{
    public string Describe() => Kind switch
    {
        ChangeKind.Added => $"新增{Subject}{(After is null ? "" : $"：{After}")}",
        ChangeKind.Removed => $"删除{Subject}{(Before is null ? "" : $"：{Before}")}",
        _ => $"{Subject}：{Before ?? "（无）"} → {After ?? "（无）"}",
    };
}

/// <summary>
/// What changed from one guide to the next, for the day the new year's guide arrives: the guide's own settings, its
/// clauses and attachment types, each category's name, support fields, required attachments, rules (name, clause,
/// severity) and their parameters, the form's sections and fields, and the rubrics. Matched by id, so a renamed id
/// reads as one removed and one added.
/// </summary>
public static class GuideDiff
{
    public const string GuideArea = "指南";
    public const string ClauseArea = "条款";
    public const string AttachmentTypeArea = "附件类型";
    public const string CategoryArea = "类别";
    public const string FieldArea = "支持领域";
    public const string AttachmentArea = "附件要求";
    public const string RuleArea = "规则";
    public const string ParameterArea = "参数";
    public const string FormArea = "表单";
    public const string RubricArea = "评分标准";

    /// <summary>The areas in the order a reader goes through them.</summary>
    public static readonly IReadOnlyList<string> Areas = [GuideArea, ClauseArea, AttachmentTypeArea, CategoryArea, FieldArea, AttachmentArea, RuleArea, ParameterArea, FormArea, RubricArea];

    public static IReadOnlyList<GuideChange> Between(Guide before, Guide after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<GuideChange>();
        Settings(before, after, changes);
        Keyed(ClauseArea, before.Clauses.ToDictionary(c => c.Id, c => c.Text), after.Clauses.ToDictionary(c => c.Id, c => c.Text), id => $"条款“{id}”", changes);
        Keyed(AttachmentTypeArea, before.AttachmentTypes, after.AttachmentTypes, id => $"附件类型“{id}”", changes);
        foreach (var category in before.Categories.Where(c => after.FindCategory(c.Id) is null))
            changes.Add(new(CategoryArea, ChangeKind.Removed, $"类别“{category.Name}”（{category.Id}）"));
        foreach (var category in after.Categories.Where(c => before.FindCategory(c.Id) is null))
            changes.Add(new(CategoryArea, ChangeKind.Added, $"类别“{category.Name}”（{category.Id}）", After: $"{category.Rules.Count} 条规则"));
        foreach (var was in before.Categories)
            if (after.FindCategory(was.Id) is { } now)
                Category(before, after, was, now, changes);
        Sections(before, after, changes);
        Rubrics(before, after, changes);
        return changes.OrderBy(c => Areas.IndexOf(c.Area)).ToList();
    }

    private static int IndexOf(this IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == item) return i;
        return list.Count;
    }

    private static void Settings(Guide before, Guide after, List<GuideChange> changes)
    {
        Compare(GuideArea, "指南编号（id）", before.Id, after.Id, changes);
        Compare(GuideArea, "标题", before.Title, after.Title, changes);
        Compare(GuideArea, "城市", before.City, after.City, changes);
        Compare(GuideArea, "年度", N(before.Year), N(after.Year), changes);
        Compare(GuideArea, "版本", before.Version, after.Version, changes);
        Compare(GuideArea, "申报书总字数上限（formMaxLength）", N(before.FormMaxLength), N(after.FormMaxLength), changes);
    }

    private static void Category(Guide beforeGuide, Guide afterGuide, Category before, Category after, List<GuideChange> changes)
    {
        var what = $"类别“{after.Name}”";
        Compare(CategoryArea, $"类别“{before.Id}”的名称", before.Name, after.Name, changes);
        Listed(FieldArea, $"{what}的支持领域", FieldsOf(before), FieldsOf(after), changes);
        // by type id: a type's new name is said once, under 附件类型
        var (addedTypes, removedTypes) = (after.Attachments.Except(before.Attachments).ToList(), before.Attachments.Except(after.Attachments).ToList());
        if (addedTypes.Count > 0) changes.Add(new(AttachmentArea, ChangeKind.Added, $"{what}须上传的附件", After: string.Join("、", addedTypes.Select(a => Named(afterGuide, a)))));
        if (removedTypes.Count > 0) changes.Add(new(AttachmentArea, ChangeKind.Removed, $"{what}须上传的附件", Before: string.Join("、", removedTypes.Select(a => Named(beforeGuide, a)))));
        Compare(FormArea, $"{what}的表单分节", string.Join("、", before.Form.Select(s => s.Id)), string.Join("、", after.Form.Select(s => s.Id)), changes);
        Compare(RubricArea, $"{what}的评分标准", before.Rubric?.Id, after.Rubric?.Id, changes);

        var rules = before.Rules.ToDictionary(r => r.Id);
        foreach (var rule in before.Rules.Where(r => after.Rules.All(n => n.Id != r.Id)))
            changes.Add(new(RuleArea, ChangeKind.Removed, $"{what}的规则“{rule.Name}”（{rule.Id}）", Before: $"依据{rule.Clause}，{Severity(rule.Severity)}"));
        foreach (var rule in after.Rules)
        {
            if (!rules.TryGetValue(rule.Id, out var was))
            {
                changes.Add(new(RuleArea, ChangeKind.Added, $"{what}的规则“{rule.Name}”（{rule.Id}）", After: $"依据{rule.Clause}，{Severity(rule.Severity)}"));
                continue;
            }
            var subject = $"{what}的规则“{rule.Name}”（{rule.Id}）";
            Compare(RuleArea, $"{subject}的名称", was.Name, rule.Name, changes);
            Compare(RuleArea, $"{subject}依据的条款", was.Clause, rule.Clause, changes);
            Compare(RuleArea, $"{subject}不满足时", Severity(was.Severity), Severity(rule.Severity), changes);
            Parameters(beforeGuide, afterGuide, before.Id, rule, subject, changes);
        }
    }

    /// <summary>A kept rule's parameters (its severity aside, said above): each added, removed or given another value, by its key.</summary>
    private static void Parameters(Guide beforeGuide, Guide afterGuide, string category, GuideRule rule, string subject, List<GuideChange> changes)
    {
        var prefix = $"{category}.{rule.Id}.";
        bool Of(GuideParameter p) => p.Path.StartsWith(prefix, StringComparison.Ordinal) && p.Key is not ("severity" or "name" or "clause" or "id");
        var was = beforeGuide.Parameters.Where(Of).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var now = afterGuide.Parameters.Where(Of).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        Keyed(ParameterArea, was, now, key => $"{subject}的{key}", changes);
    }

    private static void Sections(Guide before, Guide after, List<GuideChange> changes)
    {
        var was = before.Categories.SelectMany(c => c.Form).DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        var now = after.Categories.SelectMany(c => c.Form).DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        foreach (var (id, section) in was.Where(s => !now.ContainsKey(s.Key)))
            changes.Add(new(FormArea, ChangeKind.Removed, $"表单分节“{section.Title}”（{id}）"));
        foreach (var (id, section) in now)
        {
            if (!was.TryGetValue(id, out var old))
            {
                changes.Add(new(FormArea, ChangeKind.Added, $"表单分节“{section.Title}”（{id}）", After: string.Join("、", section.Fields.Select(f => f.Label))));
                continue;
            }
            var what = $"表单分节“{section.Title}”";
            Compare(FormArea, $"表单分节“{id}”的标题", old.Title, section.Title, changes);
            Keyed(FormArea, old.Fields.ToDictionary(f => f.Path, Field), section.Fields.ToDictionary(f => f.Path, Field), path => $"{what}的字段“{path}”", changes);
        }
    }

    private static string Field(FormField f) =>
        $"{f.Label}，{TypeName(f.Type)}{(f.Options is null ? "" : $"（{f.Options}）")}{(f.Required ? "，必填" : "")}{(f.MaxLength is { } m ? $"，最多 {N(m)} 字" : "")}{(f.Column is null ? "" : $"，列 {f.Column}")}{(f.Partner ? "，合作单位" : "")}{(f.Hint is null ? "" : $"，提示：{f.Hint}")}";

    private static string TypeName(FieldType type) => type switch
    {
        FieldType.Text => "单行文字", FieldType.Textarea => "多行文字", FieldType.Money => "金额", FieldType.Count => "整数", FieldType.Date => "日期",
        FieldType.YesNo => "是/否", FieldType.Choice => "选择", FieldType.Members => "成员列表", _ => type.ToString(),
    };

    private static void Rubrics(Guide before, Guide after, List<GuideChange> changes)
    {
        var was = before.Categories.Select(c => c.Rubric).OfType<Rubric>().DistinctBy(r => r.Id).ToDictionary(r => r.Id);
        var now = after.Categories.Select(c => c.Rubric).OfType<Rubric>().DistinctBy(r => r.Id).ToDictionary(r => r.Id);
        foreach (var (id, rubric) in was.Where(r => !now.ContainsKey(r.Key)))
            changes.Add(new(RubricArea, ChangeKind.Removed, $"评分标准“{rubric.Name}”（{id}）"));
        foreach (var (id, rubric) in now)
        {
            var what = $"评分标准“{rubric.Name}”（{id}）";
            if (!was.TryGetValue(id, out var old))
            {
                changes.Add(new(RubricArea, ChangeKind.Added, what, After: $"{rubric.Criteria.Count} 个评分项，总分 {N(rubric.Total)}"));
                continue;
            }
            Compare(RubricArea, $"评分标准“{id}”的名称", old.Name, rubric.Name, changes);
            Compare(RubricArea, $"{what}的每项评审专家人数", N(old.Experts), N(rubric.Experts), changes);
            Compare(RubricArea, $"{what}的总分", N(old.Total), N(rubric.Total), changes);
            Compare(RubricArea, $"{what}去掉最高分和最低分所需的最少评审数（trimFrom）", N(old.TrimFrom), N(rubric.TrimFrom), changes);
            Compare(RubricArea, $"{what}偏离中位数提示（outlierFromMedian）", N(old.OutlierFromMedian), N(rubric.OutlierFromMedian), changes);
            Compare(RubricArea, $"{what}是否为示例", old.Example ? "是" : "否", rubric.Example ? "是" : "否", changes);
            Keyed(RubricArea, old.Criteria.ToDictionary(c => c.Id, Criterion), rubric.Criteria.ToDictionary(c => c.Id, Criterion), c => $"{what}的评分项“{c}”", changes);
        }
    }

    private static string Criterion(Criterion c) => $"{c.Name}，满分 {N(c.Max)}：{c.Guidance}";

    private static List<string> FieldsOf(Category category) =>
        category.FieldGroups.SelectMany(g => g.Fields.Select(f => g.Domain is null ? f : $"{g.Domain}：{f}")).ToList();

    private static string Named(Guide guide, string attachment) => guide.AttachmentTypes.TryGetValue(attachment, out var name) ? $"{name}（{attachment}）" : attachment;

    private static string Severity(Eligibility.Severity severity) => severity switch
    {
        Eligibility.Severity.Warn => "提示，须说明理由",
        Eligibility.Severity.Manual => "人工判断",
        _ => "不予受理",
    };

    private static void Compare(string area, string subject, string? before, string? after, List<GuideChange> changes)
    {
        if (before != after) changes.Add(new(area, ChangeKind.Changed, subject, before, after));
    }

    /// <summary>Two lists as one change each way: what was added, what was removed (the order within a list is not a change).</summary>
    private static void Listed(string area, string subject, IReadOnlyList<string> before, IReadOnlyList<string> after, List<GuideChange> changes)
    {
        var added = after.Except(before, StringComparer.Ordinal).ToList();
        var removed = before.Except(after, StringComparer.Ordinal).ToList();
        if (added.Count > 0) changes.Add(new(area, ChangeKind.Added, subject, After: string.Join("、", added)));
        if (removed.Count > 0) changes.Add(new(area, ChangeKind.Removed, subject, Before: string.Join("、", removed)));
    }

    private static void Keyed(string area, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, Func<string, string> subject, List<GuideChange> changes)
    {
        foreach (var (key, value) in before.Where(b => !after.ContainsKey(b.Key)))
            changes.Add(new(area, ChangeKind.Removed, subject(key), Before: value));
        foreach (var (key, value) in after)
            if (!before.TryGetValue(key, out var old)) changes.Add(new(area, ChangeKind.Added, subject(key), After: value));
            else if (old != value) changes.Add(new(area, ChangeKind.Changed, subject(key), old, value));
    }

    private static string N(decimal n) => n.ToString(CultureInfo.InvariantCulture);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
