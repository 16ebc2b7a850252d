using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Tests.Domain;

/// <summary>What-if runs: "category.rule[.part].parameter = value" changes one parameter, checked like the file.</summary>
public sealed class WhatIfTests
{
    private static Guide With(params string[] settings)
    {
        var (overrides, errors) = GuideLoader.ParseOverrides(settings);
        Assert.Empty(errors);
        return GuideLoader.LoadValidFile(Paths.Guide, overrides);
    }

    private static RuleResult Rule(Guide guide, JsonObject request, string id) =>
        Requests.Evaluate(request, guide).Rules.Single(r => r.RuleId == id);

    [Fact]
    public void A_lower_revenue_threshold_lets_a_smaller_enterprise_through()
    {
        var request = Requests.For("achievement-transfer").Set("applicant.finance.2024.revenue", 9_000_000);

        Assert.Equal(Outcome.Fail, Rule(Requests.Guide, request, "transfer-revenue").Outcome);
        var changed = Rule(With("achievement-transfer.transfer-revenue.minimum=8000000"), request, "transfer-revenue");
        Assert.Equal(Outcome.Pass, changed.Outcome);
        Assert.Equal("2024年度营业收入 9,000,000 元，不低于 8,000,000 元", changed.Message);
    }

    [Fact]
    public void An_override_reaches_a_part_of_a_composite_and_a_shared_rule_per_category()
    {
        var request = Requests.For("major-project").Set("applicant.techSme.selfAssessed", false);
        var guide = With("major-project.tech-sme-self-assessment.employees.maximum=100", "achievement-transfer.transfer-tax.last-year.minimum=900000");

        Assert.Equal(Outcome.Pass, Rule(guide, request, "tech-sme-self-assessment").Outcome);
        Assert.Contains("职工总数 186 人，超过 100 人", Rule(guide, request, "tech-sme-self-assessment").Message, StringComparison.Ordinal);
        // the same shared rule keeps its own limit in another category
        Assert.Equal(Outcome.Fail, Rule(guide, Requests.For("iur-cooperation").Set("applicant.techSme.selfAssessed", false), "tech-sme-self-assessment").Outcome);
        Assert.Contains("2024年度实缴税费 820,000 元，低于 900,000 元", Rule(guide, Requests.For("achievement-transfer").Set("applicant.finance.2022.tax", 100_000), "transfer-tax").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dates_and_lists_can_be_overridden_too()
    {
        var guide = With("iur-cooperation.iur-contract-period.ends-late-enough.from=2026-12-01", "major-project.leader-title.values=senior");

        Assert.Contains("须至少到2026年12月1日及以后", Rule(guide, Requests.For("iur-cooperation"), "iur-contract-period").Message, StringComparison.Ordinal);
        Assert.Equal(Outcome.Fail, Rule(guide, Requests.For("major-project").Set("application.leader.title", "associate-senior"), "leader-title").Outcome);
    }

    [Theory]
    [InlineData("achievement-transfer.transfer-revenue.minimun=8000000", "“achievement-transfer.transfer-revenue.minimun”没有对应的参数")]
    [InlineData("achievement-transfer.no-such-rule.minimum=1", "没有对应的参数")]
    [InlineData("achievement-transfer.transfer-revenue.minimum=八百万", "“minimum”应为数字，实际为“八百万”")]
    public void A_wrong_override_is_refused_with_the_reason(string setting, string fragment)
    {
        var (overrides, _) = GuideLoader.ParseOverrides([setting]);

        var errors = Assert.IsType<GuideLoad.Invalid>(GuideLoader.LoadFile(Paths.Guide, overrides)).Errors;

        Assert.Contains(errors, e => e.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("minimum=8000000")]
    [InlineData("achievement-transfer.transfer-revenue.minimum")]
    public void A_malformed_setting_is_refused(string setting) =>
        Assert.Contains("格式错误", Assert.Single(GuideLoader.ParseOverrides([setting]).Errors), StringComparison.Ordinal);

    [Fact]
    public void A_recount_says_how_many_flip_and_because_of_which_rule()
    {
        var requests = new[] { 7_000_000m, 8_500_000m, 9_999_999.99m, 10_000_000m, 12_000_000m }
            .Select(revenue => Requests.For("achievement-transfer").Set("applicant.finance.2024.revenue", revenue))
            .Select(json => Assert.IsType<ReadResult.Parsed>(Requests.Read(json)).Request)
            .ToList();

        var summary = WhatIf.Compare(Requests.Guide, With("achievement-transfer.transfer-revenue.minimum=8000000"), requests);

        Assert.Equal(5, summary.Total);
        Assert.Equal(2, summary.Changed);                              // 8,500,000 and 9,999,999.99
        Assert.Equal(2, summary.ByTransition["ineligible → eligible"]);
        Assert.Equal(2, summary.ByRule["transfer-revenue"]);
        Assert.Single(summary.ByRule);
    }
}
