using Shenbao.Domain.Guides;

namespace Shenbao.Tests.Domain;

/// <summary>Guide diff: the 2025 guide against copies edited as a 2026 guide might be, each change found once, in the right area, worded in Chinese.</summary>
public sealed class GuideDiffTests
{
    private static readonly string Yaml = File.ReadAllText(Paths.Guide);

    /// <summary>The 2025 guide with each (old, new) text replaced once; a replacement that finds nothing fails the test, not the diff.</summary>
    private static Guide Edited(params (string Old, string New)[] edits)
    {
        var yaml = Yaml;
        foreach (var (old, replacement) in edits)
        {
            var at = yaml.IndexOf(old, StringComparison.Ordinal);
            Assert.True(at >= 0, $"the guide has no “{old}” to edit");
            yaml = string.Concat(yaml.AsSpan(0, at), replacement, yaml.AsSpan(at + old.Length));
        }
        return GuideLoader.Load(yaml, "edited.yaml") switch
        {
            GuideLoad.Loaded loaded => loaded.Guide,
            GuideLoad.Invalid invalid => throw new InvalidOperationException(string.Join("\n", invalid.Errors)),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    private static GuideChange Only(IReadOnlyList<GuideChange> changes, string area) => Assert.Single(changes, c => c.Area == area);

    [Fact]
    public void A_guide_has_no_differences_from_itself()
    {
        Assert.Empty(GuideDiff.Between(Requests.Guide, Edited()));
    }

    [Fact]
    public void The_guides_own_settings_are_compared()
    {
        var changes = GuideDiff.Between(Requests.Guide, Edited(("year: 2025", "year: 2026"), ("version: \"2025.1\"", "version: \"2026.1\""), ("formMaxLength: 30000", "formMaxLength: 40000")));

        Assert.Equal(["年度：2025 → 2026", "版本：2025.1 → 2026.1", "申报书总字数上限（formMaxLength）：30000 → 40000"], changes.Select(c => c.Describe()));
        Assert.All(changes, c => Assert.Equal(GuideDiff.GuideArea, c.Area));
    }

    [Fact]
    public void A_changed_threshold_is_a_parameter_of_its_rule_with_both_values()
    {
        var change = Assert.Single(GuideDiff.Between(Requests.Guide, Edited(("        minimum: 0.2\n", "        minimum: 0.3\n"))));

        Assert.Equal((GuideDiff.ParameterArea, ChangeKind.Changed, "0.2", "0.3"), (change.Area, change.Kind, change.Before, change.After));
        Assert.Equal("类别“四（一）产学研合作”的规则“合同支付比例”（iur-payment）的minimum：0.2 → 0.3", change.Describe());
    }

    [Fact]
    public void A_list_a_date_a_year_window_and_a_quota_are_parameters_too()
    {
        var changes = GuideDiff.Between(Requests.Guide, Edited(
            ("values: [senior, associate-senior]", "values: [senior]"),
            ("            from: 2025-12-01", "            from: 2026-12-01"),
            ("        from: 2021\n        to: 2023", "        from: 2022\n        to: 2024"),
            ("        limit: 2\n", "        limit: 3\n")));

        var parameters = changes.Where(c => c.Area == GuideDiff.ParameterArea).Select(c => c.Describe()).ToList();
        Assert.Contains("类别“一、科技重大专项”的规则“项目负责人职称”（leader-title）的values：senior,associate-senior → senior", parameters);
        Assert.Contains(parameters, p => p.EndsWith("的ends-late-enough.from：2025-12-01 → 2026-12-01", StringComparison.Ordinal));
        Assert.Contains(parameters, p => p.Contains("（major-subsidy-limit）的from：2021 → 2022", StringComparison.Ordinal));
        Assert.Contains(parameters, p => p.Contains("（major-subsidy-limit）的to：2023 → 2024", StringComparison.Ordinal));
        Assert.Contains(parameters, p => p.Contains("（basic-quota）的limit：2 → 3", StringComparison.Ordinal));
        Assert.Equal(5, changes.Count);
    }

    [Fact]
    public void A_renamed_category_id_reads_as_one_removed_and_one_added()
    {
        var changes = GuideDiff.Between(Requests.Guide, Edited(("  - id: key-rd\n    name: 二、重点研发", "  - id: key-rd-2026\n    name: 二、重点研发（2026）")));

        var categories = changes.Where(c => c.Area == GuideDiff.CategoryArea).ToList();
        Assert.Equal(2, categories.Count);
        Assert.Contains(categories, c => c is { Kind: ChangeKind.Removed, Subject: "类别“二、重点研发”（key-rd）" });
        Assert.Contains(categories, c => c.Kind == ChangeKind.Added && c.Subject == "类别“二、重点研发（2026）”（key-rd-2026）");
        Assert.All(changes, c => Assert.Equal(GuideDiff.CategoryArea, c.Area));   // nothing of a category that is gone is compared rule by rule
    }

    [Fact]
    public void Support_fields_added_and_removed_are_listed_with_their_domain()
    {
        var changes = GuideDiff.Between(Requests.Guide, Edited(("禁毒, 艾滋病防治", "艾滋病防治, 低空安全"), ("      工业: [输变电装备制造", "      工业: [低空经济, 输变电装备制造")));

        var fields = changes.Where(c => c.Area == GuideDiff.FieldArea).ToList();
        Assert.Equal("新增类别“二、重点研发”的支持领域：工业：低空经济、社会发展：低空安全", fields.Single(c => c.Kind == ChangeKind.Added).Describe());
        Assert.Equal("删除类别“二、重点研发”的支持领域：社会发展：禁毒", fields.Single(c => c.Kind == ChangeKind.Removed).Describe());
    }

    [Fact]
    public void A_rule_removed_a_severity_changed_and_a_clause_reworded_are_each_found()
    {
        var guide = Yaml;
        var start = guide.IndexOf("      - id: leader-title\n", StringComparison.Ordinal);
        var end = guide.IndexOf("      - id: field-in-list\n", start, StringComparison.Ordinal);
        var leaderTitle = guide[start..end];

        var changes = GuideDiff.Between(Requests.Guide, Edited(
            (leaderTitle, ""),
            ("        kind: one-of\n        severity: warn\n        fact: application.field", "        kind: one-of\n        severity: fail\n        fact: application.field")));
        var rules = changes.Where(c => c.Area == GuideDiff.RuleArea).ToList();

        Assert.Contains(rules, c => c is { Kind: ChangeKind.Removed, Subject: "类别“一、科技重大专项”的规则“项目负责人职称”（leader-title）" });
        Assert.Contains(rules, c => c.Describe() == "类别“二、重点研发”的规则“支持领域”（field-in-list）不满足时：提示，须说明理由 → 不予受理");
        Assert.Equal(2, changes.Count);
        var clause = Requests.Guide.Clauses[0];
        var reworded = Only(GuideDiff.Between(Requests.Guide, Edited((clause.Text.Split('\n')[0], clause.Text.Split('\n')[0] + "（2026年修订）"))), GuideDiff.ClauseArea);
        Assert.Equal((ChangeKind.Changed, $"条款“{clause.Id}”"), (reworded.Kind, reworded.Subject));
        Assert.EndsWith("（2026年修订）", reworded.After!.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Attachment_types_forms_and_rubrics_are_compared()
    {
        var changes = GuideDiff.Between(Requests.Guide, Edited(
            ("  invoice: 单位开具的发票", "  invoice: 增值税发票"),
            ("{ path: application.leader.name, label: 姓名, type: text, required: true }", "{ path: application.leader.name, label: 负责人姓名, type: text, required: true }"),
            ("      - { id: team, name: 团队与基础条件, max: 15,", "      - { id: team, name: 团队与基础条件, max: 20,"),
            ("      - { id: budget, name: 经费预算合理性, max: 10, guidance: 预算与研究内容", "      - { id: budget, name: 经费预算合理性, max: 5, guidance: 预算与研究内容"),
            ("    experts: 3\n    total: 100\n    trimFrom: 5\n    outlierFromMedian: 20\n    criteria:\n      - { id: achievement", "    experts: 5\n    total: 100\n    trimFrom: 5\n    outlierFromMedian: 20\n    criteria:\n      - { id: achievement")));

        Assert.Equal("附件类型“invoice”：单位开具的发票 → 增值税发票", Only(changes, GuideDiff.AttachmentTypeArea).Describe());
        Assert.Equal("表单分节“项目负责人”的字段“application.leader.name”：姓名，单行文字，必填 → 负责人姓名，单行文字，必填", Only(changes, GuideDiff.FormArea).Describe());
        var rubrics = changes.Where(c => c.Area == GuideDiff.RubricArea).Select(c => c.Describe()).ToList();
        Assert.Contains(rubrics, r => r.StartsWith("评分标准“科技项目评分标准（示例）”（research）的评分项“team”：团队与基础条件，满分 15：", StringComparison.Ordinal) && r.Contains("→ 团队与基础条件，满分 20：", StringComparison.Ordinal));
        Assert.Contains("评分标准“成果转化与合作项目评分标准（示例）”（transfer）的每项评审专家人数：3 → 5", rubrics);
        Assert.Equal(3, rubrics.Count);
    }

    [Fact]
    public void A_category_that_asks_for_one_attachment_less_says_which_by_name()
    {
        var change = Assert.Single(GuideDiff.Between(Requests.Guide, Edited(("    attachments: [platform-approval, recommendation-letter]\n    form: [basics-open-field", "    attachments: [platform-approval]\n    form: [basics-open-field"))));

        Assert.Equal("删除类别“三、基础（应用）研究”须上传的附件：平台负责人、学科带头人推荐函（recommendation-letter）", change.Describe());
    }

    [Fact]
    public void A_narrowed_item_condition_and_a_changed_hint_are_found()
    {
        var changes = GuideDiff.Between(Requests.Guide, Edited(("          - level: [national, provincial]", "          - level: [national]"), ("hint: 如 新材料、生物医药 }", "hint: 如 新材料、生物医药、低空经济 }")));

        Assert.Equal("类别“三、基础（应用）研究”的规则“依托平台或学科”（basic-platform）的whereAny.0.level：national,provincial → national", Only(changes, GuideDiff.ParameterArea).Describe());
        Assert.EndsWith("提示：如 新材料、生物医药、低空经济", Only(changes, GuideDiff.FormArea).After, StringComparison.Ordinal);
    }
}
