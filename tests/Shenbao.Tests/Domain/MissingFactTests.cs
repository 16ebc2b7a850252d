using Shenbao.Domain.Eligibility;

namespace Shenbao.Tests.Domain;

/// <summary>
/// A rule that fails only because a fact is not stated: its outcome stays as the contract says (fail or warn),
/// and a separate flag says a fact was missing, so the pages can say 待补充 and 信息不全 instead of 不符合.
/// </summary>
public sealed class MissingFactTests
{
    private static RuleResult Rule(Verdict verdict, string id) => verdict.Rules.Single(r => r.RuleId == id);

    [Fact]
    public void A_rule_whose_fact_is_missing_fails_and_says_so_one_not_met_does_not()
    {
        var missing = Requests.Evaluate(Requests.For("achievement-transfer").Set("applicant.finance.2024.revenue", null));
        var notMet = Requests.Evaluate(Requests.For("achievement-transfer").Set("applicant.finance.2024.revenue", 9_999_999.99m));

        Assert.Equal((Outcome.Fail, true), (Rule(missing, "transfer-revenue").Outcome, Rule(missing, "transfer-revenue").Missing));
        Assert.Equal((Outcome.Fail, false), (Rule(notMet, "transfer-revenue").Outcome, Rule(notMet, "transfer-revenue").Missing));
        Assert.False(Rule(notMet, "hte").Missing);   // a rule met is never missing
    }

    [Fact]
    public void A_warned_rule_can_be_missing_too()
    {
        var verdict = Requests.Evaluate(Requests.For("key-rd").Set("application.field", null));

        Assert.Equal((Outcome.Warn, true), (Rule(verdict, "field-in-list").Outcome, Rule(verdict, "field-in-list").Missing));
    }

    [Fact]
    public void A_part_not_met_outranks_a_missing_one_so_filling_in_could_not_help()
    {
        // 已认定 unknown, but the certificate ran out before the day: not met whatever is filled in
        var request = Requests.For("major-project").Set("applicant.highTech.certified", null).Set("applicant.highTech.validTo", "2025-01-31");

        var hte = Rule(Requests.Evaluate(request), "hte");

        Assert.Equal((Outcome.Fail, false), (hte.Outcome, hte.Missing));
        Assert.Contains("已过期", hte.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_any_of_rule_none_of_whose_parts_is_met_is_missing_when_a_part_lacks_its_fact()
    {
        // an enterprise that has not said whether it is an HTE: stating it could meet 重点研发's applicant rule
        var missing = Rule(Requests.Evaluate(Requests.For("key-rd").Set("applicant.kind", "enterprise").Set("applicant.highTech.certified", null)), "keyrd-applicant");
        var notMet = Rule(Requests.Evaluate(Requests.For("key-rd").Set("applicant.kind", "enterprise").Set("applicant.highTech.certified", false)), "keyrd-applicant");

        Assert.Equal((Outcome.Fail, true), (missing.Outcome, missing.Missing));
        Assert.Equal((Outcome.Fail, false), (notMet.Outcome, notMet.Missing));
    }

    [Fact]
    public void A_verdict_whose_only_failures_are_missing_facts_is_incomplete()
    {
        var incomplete = Requests.Evaluate(Requests.For("achievement-transfer").Set("applicant.finance.2024.revenue", null));
        var refused = Requests.Evaluate(Requests.For("achievement-transfer").Set("applicant.finance.2024.revenue", null).Set("applicant.ipDispute", true));

        Assert.IsType<Verdict.Ineligible>(incomplete);
        Assert.True(incomplete.IsIncomplete);
        Assert.False(refused.IsIncomplete);
        Assert.False(Requests.Evaluate(Requests.For("achievement-transfer")).IsIncomplete);
    }

    [Fact]
    public void The_checks_json_keeps_the_outcome_and_adds_missing_only_where_a_fact_was()
    {
        var response = CheckResponse.From(Requests.Evaluate(Requests.For("achievement-transfer").Set("applicant.finance.2024.revenue", null)));
        var json = System.Text.Json.JsonSerializer.SerializeToNode(response, CheckJson.Options)!;
        var rules = json["rules"]!.AsArray();

        var revenue = rules.Single(r => (string?)r!["id"] == "transfer-revenue")!;
        Assert.Equal(("fail", true), ((string?)revenue["outcome"], (bool?)revenue["missing"]));
        Assert.Equal("ineligible", (string?)json["verdict"]);
        Assert.All(rules.Where(r => (string?)r!["id"] != "transfer-revenue"), r => Assert.Null(r!["missing"]));
    }
}
