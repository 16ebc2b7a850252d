using Shenbao.Domain.Experts;

namespace Shenbao.Tests.Domain.Experts;

/// <summary>Assignment: each 回避 with its reason, the load limit, the shortfall with why, and the same seed giving the same assignment.</summary>
public sealed class AssignmentTests
{
    private static PoolExpert Expert(int id, string unit, string[]? fields = null, string[]? avoid = null, string? name = null, int load = 0) =>
        new(id, name ?? $"专家{id}", unit, fields ?? ["新材料"], avoid ?? [], load);

    private static Project Project(int id = 1, string unit = "衡阳师范学院", string[]? partners = null, AvoidedPerson[]? avoided = null, int needed = 3,
        int[]? assigned = null, int[]? barred = null, string field = "新材料") =>
        new(id, $"A{id:000}", field, unit, partners ?? [], avoided ?? [], needed, assigned ?? [], barred ?? []);

    private static readonly PoolExpert[] Five = [Expert(1, "南华大学"), Expert(2, "湘潭大学"), Expert(3, "中南大学"), Expert(4, "湖南大学"), Expert(5, "湖南工学院")];

    [Fact]
    public void An_expert_of_the_applicant_is_excluded_as_its_own_organisation_whatever_the_spacing_and_brackets()
    {
        var plan = Assignment.Plan([Project(unit: "衡阳市第一人民医院（南院）")], [.. Five, Expert(9, " 衡阳市第一人民医院(南院) ")], 10, 1);
        var exclusion = Assert.Single(plan.Exclusions);
        Assert.Equal((9, ExclusionReason.OwnOrganisation), (exclusion.ExpertId, exclusion.Reason));
        Assert.DoesNotContain(plan.Assignments, a => a.ExpertId == 9);
    }

    [Fact]
    public void An_expert_who_declared_the_applicant_a_unit_to_avoid_is_excluded()
    {
        var plan = Assignment.Plan([Project()], [.. Five, Expert(9, "湖南省农科院", avoid: ["湖南工学院", "衡阳师范学院"])], 10, 1);
        var exclusion = Assert.Single(plan.Exclusions);
        Assert.Equal(ExclusionReason.DeclaredAvoidance, exclusion.Reason);
        Assert.Contains("衡阳师范学院", exclusion.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_person_the_applicant_asked_to_avoid_is_excluded_by_name_and_by_unit_when_given()
    {
        PoolExpert[] pool = [.. Five, Expert(8, "湖南大学", name: "王伟"), Expert(9, "中南大学", name: "王伟")];
        var plan = Assignment.Plan([Project(avoided: [new("王伟", "中南大学"), new("专家1", null)])], pool, 10, 1);
        Assert.Equal([(1, ExclusionReason.ApplicantRequest), (9, ExclusionReason.ApplicantRequest)],
            plan.Exclusions.Select(e => (e.ExpertId, e.Reason)).Order());
        // the other 王伟 (another unit) is not the one asked to avoid
        Assert.DoesNotContain(plan.Exclusions, e => e.ExpertId == 8);
    }

    [Fact]
    public void An_expert_of_a_partner_and_one_who_declared_a_partner_to_avoid_are_excluded()
    {
        PoolExpert[] pool = [.. Five, Expert(8, "湖南有色金属研究院"), Expert(9, "湖南省农科院", avoid: ["衡阳智衡计量科技有限公司"])];
        var plan = Assignment.Plan([Project(partners: ["湖南有色金属研究院", "衡阳智衡计量科技有限公司"])], pool, 10, 1);
        Assert.Equal([(8, ExclusionReason.Partner), (9, ExclusionReason.DeclaredAvoidance)], plan.Exclusions.Select(e => (e.ExpertId, e.Reason)).Order());
        Assert.All(plan.Assignments, a => Assert.InRange(a.ExpertId, 1, 5));
    }

    [Fact]
    public void An_expert_who_declared_a_conflict_is_not_given_the_application_again_and_one_already_on_it_stays()
    {
        var plan = Assignment.Plan([Project(assigned: [1], barred: [2])], Five, 10, 1);
        Assert.Contains(plan.Exclusions, e => e.ExpertId == 2 && e.Reason == ExclusionReason.Barred);
        // topped up to three: two more, neither the barred one nor the one it has
        Assert.Equal(2, plan.Assignments.Count);
        Assert.DoesNotContain(plan.Assignments, a => a.ExpertId is 1 or 2);
    }

    [Fact]
    public void Experts_of_another_field_are_not_assigned()
    {
        PoolExpert[] pool = [Expert(1, "南华大学", ["中医药"]), Expert(2, "湘潭大学"), Expert(3, "中南大学", ["新材料", "中医药"])];
        var plan = Assignment.Plan([Project(needed: 2)], pool, 10, 1);
        Assert.Equal([2, 3], plan.Assignments.Select(a => a.ExpertId).Order());
        Assert.Empty(plan.Shortfalls);
    }

    [Fact]
    public void The_load_limit_is_never_passed_and_what_it_leaves_short_says_so()
    {
        var projects = Enumerable.Range(1, 3).Select(i => Project(i, needed: 2)).ToArray();
        var plan = Assignment.Plan(projects, Five[..2], maxPerExpert: 2, 1);
        Assert.All(plan.Assignments.GroupBy(a => a.ExpertId), g => Assert.True(g.Count() <= 2));
        Assert.Equal(4, plan.Assignments.Count);
        var shortfall = Assert.Single(plan.Shortfalls);
        Assert.Equal((2, 0), (shortfall.Needed, shortfall.Has));
        Assert.Contains("已达评审上限 2 人", shortfall.Why, StringComparison.Ordinal);
        Assert.Contains(plan.Exclusions, e => e.ApplicationId == shortfall.ApplicationId && e.Reason == ExclusionReason.LoadLimit);
    }

    [Fact]
    public void The_load_is_spread_evenly_across_the_field_s_experts()
    {
        var projects = Enumerable.Range(1, 10).Select(i => Project(i, needed: 3)).ToArray();
        var plan = Assignment.Plan(projects, Five, maxPerExpert: 100, 42);
        var loads = plan.Assignments.GroupBy(a => a.ExpertId).Select(g => g.Count()).ToList();
        Assert.Equal(30, loads.Sum());
        Assert.InRange(loads.Max() - loads.Min(), 0, 1);
        Assert.All(plan.Assignments.GroupBy(a => a.ApplicationId), g => Assert.Equal(3, g.Select(a => a.ExpertId).Distinct().Count()));
    }

    [Fact]
    public void Experts_already_loaded_in_the_call_are_taken_last()
    {
        PoolExpert[] pool = [Expert(1, "南华大学", load: 5), Expert(2, "湘潭大学"), Expert(3, "中南大学", load: 1), Expert(4, "湖南大学")];
        var plan = Assignment.Plan([Project(needed: 2)], pool, 10, 3);
        Assert.Equal([2, 4], plan.Assignments.Select(a => a.ExpertId).Order());
    }

    [Fact]
    public void A_field_without_experts_is_listed_short_with_why()
    {
        var plan = Assignment.Plan([Project(field: "禁毒")], Five, 10, 1);
        Assert.Empty(plan.Assignments);
        var shortfall = Assert.Single(plan.Shortfalls);
        Assert.Equal("专家库中没有专业领域为“禁毒”的专家", shortfall.Why);
    }

    [Fact]
    public void A_shortfall_counts_the_conflicts_that_caused_it()
    {
        PoolExpert[] pool = [Expert(1, "衡阳师范学院"), Expert(2, "湘潭大学"), Expert(3, "中南大学", avoid: ["衡阳师范学院"])];
        var shortfall = Assert.Single(Assignment.Plan([Project()], pool, 10, 1).Shortfalls);
        Assert.Equal(1, shortfall.Has);
        Assert.Contains("本单位回避 1 人", shortfall.Why, StringComparison.Ordinal);
        Assert.Contains("专家声明回避 1 人", shortfall.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_gives_the_same_assignment_and_seeds_differ()
    {
        var pool = Enumerable.Range(1, 12).Select(i => Expert(i, $"单位{i}")).ToArray();
        var projects = Enumerable.Range(1, 8).Select(i => Project(i, needed: 3)).ToArray();
        var first = Assignment.Plan(projects, pool, 3, 2025).Assignments;
        Assert.Equal(first, Assignment.Plan(projects, pool, 3, 2025).Assignments);
        // the order the applications come in does not matter either
        Assert.Equal(first.Order(), Assignment.Plan(projects.Reverse().ToArray(), pool, 3, 2025).Assignments.Order());
        Assert.Contains(Enumerable.Range(1, 5), seed => !Assignment.Plan(projects, pool, 3, seed).Assignments.Order().SequenceEqual(first.Order()));
    }
}
