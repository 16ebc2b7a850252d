using Shenbao.Domain.Guides;

namespace Shenbao.Tests.Domain.Experts;

/// <summary>The rubric is the guide's: every category has one, its maxima add up as declared, and the shipped one says it is an example.</summary>
public sealed class RubricTests
{
    private static readonly string Shipped = File.ReadAllText(Paths.Guide);

    private static IReadOnlyList<GuideError> Errors(string old, string replacement)
    {
        Assert.Contains(old, Shipped, StringComparison.Ordinal);
        return Assert.IsType<GuideLoad.Invalid>(GuideLoader.Load(Shipped.Replace(old, replacement, StringComparison.Ordinal), "edited.yaml")).Errors;
    }

    [Fact]
    public void Every_shipped_category_has_a_rubric_marked_as_an_example_whose_maxima_add_up()
    {
        var guide = GuideLoader.LoadValidFile(Paths.Guide);
        Assert.All(guide.Categories, c =>
        {
            Assert.True(c.Rubric.Example);
            Assert.Equal(c.Rubric.Total, c.Rubric.Criteria.Sum(x => x.Max));
            Assert.InRange(c.Rubric.Experts, 1, 15);
            Assert.All(c.Rubric.Criteria, x => Assert.False(string.IsNullOrWhiteSpace(x.Guidance)));
        });
        Assert.Equal("transfer", guide.FindCategory("achievement-transfer")!.Rubric.Id);
    }

    [Theory]
    [InlineData("{ id: budget, name: 经费预算合理性, max: 10, guidance: 预算与研究内容是否相符", "{ id: budget, name: 经费预算合理性, max: 15, guidance: 预算与研究内容是否相符", "各评分项满分之和为 105，与声明的总分 100 不符")]
    [InlineData("    rubric: research\n", "", "缺少“rubric”")]
    [InlineData("    rubric: transfer\n", "    rubric: transfers\n", "评分标准“transfers”未在 rubrics 中定义")]
    [InlineData("    experts: 3\n    total: 100\n    trimFrom: 5\n    outlierFromMedian: 20\n    criteria:\n      - { id: innovation", "    experts: 0\n    total: 100\n    trimFrom: 5\n    outlierFromMedian: 20\n    criteria:\n      - { id: innovation", "每项评审专家人数（experts）应在 1 到 15 之间")]
    [InlineData("max: 30, guidance: 研究内容", "max: 29.3, guidance: 研究内容", "应为大于 0 的整数或半分")]
    [InlineData("{ id: team, name: 团队与基础条件", "{ id: innovation, name: 团队与基础条件", "评分项 id“innovation”重复")]
    [InlineData("    outlierFromMedian: 20\n    criteria:\n      - { id: innovation", "    outlierFromMedian: 200\n    criteria:\n      - { id: innovation", "outlierFromMedian 应大于 0 且不超过总分")]
    public void A_broken_rubric_is_refused_with_what_to_fix(string old, string replacement, string expected) =>
        Assert.Contains(Errors(old, replacement), e => e.Message.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void A_partner_mark_on_a_field_that_holds_no_organisation_is_refused() =>
        Assert.Contains(Errors("label: 合同总金额（元）, type: money, required: true }", "label: 合同总金额（元）, type: money, required: true, partner: true }"),
            e => e.Message.Contains("partner 只能用于", StringComparison.Ordinal));
}
