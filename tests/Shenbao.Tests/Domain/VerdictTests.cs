namespace Shenbao.Tests.Domain;

public sealed class VerdictTests
{
    [Fact]
    public void A_fail_makes_the_application_ineligible_even_with_warnings()
    {
        var verdict = Requests.Evaluate(Requests.For("achievement-transfer")
            .Set("applicant.finance.2024.revenue", 1)
            .Set("application.contract.effectiveOn", "2025-01-01"));

        Assert.IsType<Verdict.Ineligible>(verdict);
        Assert.Equal("ineligible", verdict.Word);
    }

    [Fact]
    public void A_warning_without_a_fail_means_review()
    {
        var verdict = Requests.Evaluate(Requests.For("achievement-transfer").Set("application.contract.effectiveOn", "2025-01-01"));

        Assert.IsType<Verdict.Review>(verdict);
        Assert.Equal(["transfer-applied-one-year"], verdict.Rules.Where(r => r.Outcome == Outcome.Warn).Select(r => r.RuleId));
    }

    [Fact]
    public void Manual_items_are_listed_with_their_clause_and_never_change_the_verdict()
    {
        var verdict = Requests.Evaluate(Requests.For("achievement-transfer"));

        var manual = verdict.Rules.Where(r => r.Outcome == Outcome.Manual).ToList();
        Assert.IsType<Verdict.Eligible>(verdict);
        Assert.Equal(8, manual.Count);   // the self-assessment undertaking, 支持方向, 具体条件1–5, 支持对象3
        Assert.All(manual, r => Assert.NotNull(Requests.Guide.FindClause(r.Clause)));
        Assert.Contains(manual, r => r.RuleId == "manual-transfer-iur-relationship" && r.Clause == "五、支持对象3");
    }

    [Fact]
    public void Every_rule_cites_a_clause_of_the_guide_and_appears_once()
    {
        foreach (var category in Requests.Guide.Categories)
        {
            var verdict = Requests.Evaluate(Requests.For(category.Id));
            Assert.Equal(verdict.Rules.Count, verdict.Rules.Select(r => r.RuleId).Distinct().Count());
            Assert.All(verdict.Rules, r => Assert.NotNull(Requests.Guide.FindClause(r.Clause)));
        }
    }
}
