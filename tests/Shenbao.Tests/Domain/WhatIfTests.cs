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

    [Fact]
    public void A_simulation_tallies_each_category_before_and_after_and_lists_each_flip_by_number()
    {
        var subjects = new[] { ("A-3", 12_000_000m), ("A-1", 8_500_000m), ("A-2", 7_000_000m) }
            .Select(s => new WhatIfSubject(s.Item1, Assert.IsType<ReadResult.Parsed>(Requests.Read(Requests.For("achievement-transfer").Set("applicant.finance.2024.revenue", s.Item2))).Request))
            .Append(new WhatIfSubject("K-1", Assert.IsType<ReadResult.Parsed>(Requests.Read(Requests.For("key-rd"))).Request))
            .ToList();
        var reported = new List<int>();

        var simulation = WhatIf.Simulate(Requests.Guide, With("achievement-transfer.transfer-revenue.minimum=8000000"), subjects, new Recorded(reported));

        var transfer = simulation.Categories.Single(c => c.Category == "achievement-transfer");
        Assert.Equal(1, transfer.Before.Eligible + transfer.Before.Review);
        Assert.Equal(2, transfer.Before.Ineligible);
        Assert.Equal(2, transfer.After.Eligible + transfer.After.Review);
        Assert.Equal(1, transfer.After.Ineligible);
        var keyRd = simulation.Categories.Single(c => c.Category == "key-rd");
        Assert.Equal(keyRd.Before, keyRd.After);
        Assert.Equal(1, keyRd.Before.Total);
        Assert.Equal(4, simulation.Total);
        Assert.Equal(Requests.Guide.Categories.Select(c => c.Id), simulation.Categories.Select(c => c.Category));
        var flip = Assert.Single(simulation.Changes);
        Assert.Equal(("A-1", "ineligible", "eligible"), (flip.Number, flip.Before, flip.After));
        Assert.Equal(["transfer-revenue"], flip.Rules);
        Assert.Equal(4, reported.Max());
    }

    private sealed class Recorded(List<int> seen) : IProgress<int>
    {
        public void Report(int value) { lock (seen) seen.Add(value); }
    }

    [Fact]
    public void The_guide_lists_every_rule_parameter_by_its_override_path_and_says_which_a_what_if_may_change()
    {
        var parameters = Requests.Guide.Parameters.ToDictionary(p => p.Path);

        Assert.Equal(new GuideParameter("achievement-transfer.transfer-revenue.minimum", "10000000", ParameterKind.Number), parameters["achievement-transfer.transfer-revenue.minimum"]);
        Assert.Equal(("senior,associate-senior", ParameterKind.List), (parameters["major-project.leader-title.values"].Value, parameters["major-project.leader-title.values"].Kind));
        Assert.Equal(ParameterKind.Date, parameters["iur-cooperation.iur-contract-period.ends-late-enough.from"].Kind);
        Assert.Equal(ParameterKind.WholeNumber, parameters["major-project.major-subsidy-limit.from"].Kind);
        Assert.Equal("limit", parameters["basic-research.basic-quota.limit"].Key);
        Assert.True(parameters["key-rd.field-in-list.severity"].Tunable);
        Assert.False(parameters["achievement-transfer.transfer-revenue.pass"].Tunable);
        Assert.False(parameters["achievement-transfer.transfer-revenue.fact"].Tunable);
        // every tunable parameter can be overridden by its own path, to its own value
        foreach (var parameter in Requests.Guide.Parameters.Where(p => p.Tunable))
            Assert.NotNull(GuideLoader.Change(Requests.Guide, [$"{parameter.Path}={parameter.Value}"]).Changed);
    }

    [Fact]
    public void A_change_reads_the_guide_again_from_its_own_text_and_says_what_is_wrong_in_Chinese()
    {
        var (changed, errors) = GuideLoader.Change(Requests.Guide, ["basic-research.basic-quota.limit=1"]);
        Assert.Empty(errors);
        Assert.Equal("1", changed!.Parameters.Single(p => p.Path == "basic-research.basic-quota.limit").Value);
        Assert.Equal("2", Requests.Guide.Parameters.Single(p => p.Path == "basic-research.basic-quota.limit").Value);

        Assert.Equal("请至少修改一个参数（类别.规则[.子规则].参数=值）", Assert.Single(GuideLoader.Change(Requests.Guide, []).Errors));
        Assert.Contains("应为整数，实际为“两个”", Assert.Single(GuideLoader.Change(Requests.Guide, ["basic-research.basic-quota.limit=两个"]).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_that_cannot_be_read_is_skipped_and_returned_not_counted()
    {
        var request = Assert.IsType<ReadResult.Parsed>(Requests.Read(Requests.For("key-rd"))).Request;
        string[] items = ["readable", "unreadable"];

        var (simulation, skipped) = WhatIf.Simulate(Requests.Guide, Requests.Guide, items, i => i == "readable" ? new WhatIfSubject("K-1", request) : null);

        Assert.Equal(["unreadable"], skipped);
        Assert.Equal(1, simulation.Total);
        Assert.Empty(simulation.Changes);
    }

    [Fact]
    public void An_item_rules_conditions_are_parameters_a_what_if_can_narrow()
    {
        var parameter = Requests.Guide.Parameters.Single(p => p.Path == "basic-research.basic-platform.whereAny.0.level");
        Assert.Equal(("national,provincial", ParameterKind.List, true), (parameter.Value, parameter.Kind, parameter.Tunable));
        var provincial = Requests.For("basic-research");

        Assert.Equal(Outcome.Pass, Rule(Requests.Guide, provincial, "basic-platform").Outcome);
        Assert.Equal(Outcome.Fail, Rule(With("basic-research.basic-platform.whereAny.0.level=national"), provincial, "basic-platform").Outcome);
        Assert.False(Requests.Guide.Parameters.Single(p => p.Path == "major-project.hte.valid.fact").Tunable);   // what a window reads is not its line
    }
}
