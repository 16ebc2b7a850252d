using Shenbao.Domain.Guides;

namespace Shenbao.Tests.Domain;

/// <summary>A broken guide file is refused with every error, each naming the file and the line to fix.</summary>
public sealed class GuideLoaderTests
{
    private static readonly string Shipped = File.ReadAllText(Paths.Guide);

    [Fact]
    public void The_shipped_guide_loads_with_its_six_categories()
    {
        var guide = Assert.IsType<GuideLoad.Loaded>(GuideLoader.LoadFile(Paths.Guide)).Guide;

        Assert.Equal("hengyang-2025", guide.Id);
        Assert.Equal(["major-project", "key-rd", "basic-research", "iur-cooperation", "innovation-consortium", "achievement-transfer"], guide.Categories.Select(c => c.Id));
        Assert.Equal(17, guide.FindCategory("major-project")!.Fields.Count());
        Assert.Equal(["工业", "农业", "社会发展"], guide.FindCategory("key-rd")!.FieldGroups.Select(g => g.Domain));
    }

    [Fact]
    public void A_section_with_two_fields_of_one_path_is_refused_at_the_second()
    {
        const string field = "      - { path: application.leader.title, label: 职称, type: choice, options: titles, required: true }";
        var line = Shipped[..Shipped.IndexOf(field, StringComparison.Ordinal)].Count(c => c == '\n') + 2;

        var errors = Assert.IsType<GuideLoad.Invalid>(GuideLoader.Load(Shipped.Replace(field, field + "\n" + field, StringComparison.Ordinal), "guides/broken.yaml")).Errors;

        var error = Assert.Single(errors);
        Assert.Equal((line, "表单分节“leader”的字段“application.leader.title”重复"), (error.Line, error.Message));
    }

    [Theory]
    [InlineData("kind: count-in-years", "kind: count-in-yrs", "规则类型“count-in-yrs”未知")]
    [InlineData("fact: applicant.ipDispute", "fact: applicant.ipDisputes", "读取的事实“applicant.ipDisputes”未知")]
    [InlineData("fact: applicant.ipDispute", "fact: applicant.employees", "不是此类规则所需的是/否事实")]
    [InlineData("id: transfer-tax", "id: transfer-revenue", "规则 id“transfer-revenue”重复")]
    [InlineData("- id: 一、项目负责人", "- id: 一、支持对象", "条款 id“一、支持对象”重复")]
    [InlineData("minimum: 10000000\n        pass: \"{year}年度营业收入", "minimum: 一千万\n        pass: \"{year}年度营业收入", "“minimum”应为数字，实际为“一千万”")]
    [InlineData("fewerThan: 2", "fewerThan: 2.5", "“fewerThan”应为整数")]
    [InlineData("strict: true", "strict: yes", "“strict”应为 true 或 false")]
    [InlineData("clause: 五、支持对象5", "clause: 五、支持对象9", "引用的条款“五、支持对象9”不存在")]
    [InlineData("fail: \"{year}年度营业收入 {value} 元，低于 {minimum} 元\"", "fail: \"{year}年度营业收入 {value} 元，低于 {minimun} 元\"", "占位符{minimun}无对应数据")]
    [InlineData("strict: true", "strikt: true", "未知的键“strikt”")]
    [InlineData("- use: hte\n        name: 高新技术企业\n        clause: 一、支持对象", "- use: htee\n        name: 高新技术企业\n        clause: 一、支持对象", "共享规则“htee”不存在")]
    [InlineData("- id: leader-title\n        name: 项目负责人职称\n", "- id: leader-title\n", "缺少“name”")]
    [InlineData("values: [contract-registration]\n            pass: 已上传{required}\n            fail: 未上传{lacking}\n      - id: iur-payment", "values: [contract-register]\n            pass: 已上传{required}\n            fail: 未上传{lacking}\n      - id: iur-payment", "附件类型“contract-register”未在 attachmentTypes 中定义")]
    [InlineData("values: [senior, associate-senior]", "values: [senior, professor]", "“professor”不是职称的取值")]
    [InlineData("from: 2022-01-01", "from: 2022-13-01", "应为 YYYY-MM-DD 日期")]
    [InlineData("minimum: 0.2", "minimum: 20", "应在 0 到 1 之间")]
    [InlineData("from: 2021\n        to: 2023", "from: 2024\n        to: 2023", "from（2024）晚于 to（2023）")]
    [InlineData("label: 预算说明, type: textarea, maxLength: 3000 }", "label: 预算说明, type: textarea }", "是申报书的文字内容，须给出 maxLength")]
    [InlineData("label: 预算说明, type: textarea, maxLength: 3000 }", "label: 预算说明, type: textarea, maxLength: 0 }", "maxLength 应在 1 到 100000 之间")]
    [InlineData("formMaxLength: 30000", "formMaxLength: 10", "formMaxLength 应在 1000 到 1000000 之间")]
    [InlineData("          - level: [national, provincial]", "          - level: national", "字段“level”的取值应为列表")]
    public void A_broken_guide_names_file_line_and_problem(string original, string broken, string fragment)
    {
        var at = Shipped.IndexOf(original, StringComparison.Ordinal);
        Assert.True(at >= 0 && Shipped.IndexOf(original, at + 1, StringComparison.Ordinal) < 0, $"'{original}' must occur exactly once in the shipped guide");
        var line = Shipped[..at].Count(c => c == '\n') + 1;

        var errors = Assert.IsType<GuideLoad.Invalid>(GuideLoader.Load(Shipped.Replace(original, broken, StringComparison.Ordinal), "guides/broken.yaml")).Errors;

        var error = Assert.Single(errors, e => e.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.Equal("guides/broken.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"guides/broken.yaml:{line}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_category_without_rules_is_refused()
    {
        var yaml = Shipped + "\n  - id: empty\n    name: 六、空类别\n    rules: []\n";

        var errors = Assert.IsType<GuideLoad.Invalid>(GuideLoader.Load(yaml, "g.yaml")).Errors;

        Assert.Contains(errors, e => e.Message == "类别“empty”没有任何规则（rules）");
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var yaml = Shipped
            .Replace("kind: count-in-years", "kind: count", StringComparison.Ordinal)
            .Replace("clause: 五、支持对象5", "clause: 五、支持对象9", StringComparison.Ordinal)
            .Replace("strict: true", "strikt: true", StringComparison.Ordinal);

        var errors = Assert.IsType<GuideLoad.Invalid>(GuideLoader.Load(yaml, "g.yaml")).Errors;

        Assert.True(errors.Count >= 3, string.Join("\n", errors));
    }

    [Fact]
    public void A_yaml_syntax_error_gives_its_line()
    {
        var errors = Assert.IsType<GuideLoad.Invalid>(GuideLoader.Load("id: x\ncity: 衡阳市\n  year: 2025\ntitle: t\n", "g.yaml")).Errors;

        var error = Assert.Single(errors);
        Assert.Contains("YAML 语法错误", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void A_list_left_open_at_the_end_of_the_file_is_a_syntax_error_not_a_crash()
    {
        var error = Assert.Single(Assert.IsType<GuideLoad.Invalid>(GuideLoader.Load("id: x\ncity: [unclosed\nyear: 2025\n", "g.yaml")).Errors);

        Assert.Contains("YAML 语法错误", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_an_error_not_a_crash() =>
        Assert.Contains("不存在", Assert.Single(Assert.IsType<GuideLoad.Invalid>(GuideLoader.LoadFile("/nonexistent/guide.yaml")).Errors).Message, StringComparison.Ordinal);
}
