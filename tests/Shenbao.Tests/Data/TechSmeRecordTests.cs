using Shenbao.Data;
using Shenbao.Domain.TechSme;
using Facts = Shenbao.Domain.TechSme.Facts;

namespace Shenbao.Tests.Data;

/// <summary>A recorded self-assessment: the profile fact it writes and the one line that states its conclusion.</summary>
public sealed class TechSmeRecordTests
{
    private static readonly Standard Standard = StandardLoader.LoadValidFile(Paths.TechSmeStandard);

    private static Facts Facts(bool integrityIncident = false, int techStaff = 40) => new(
        new DateOnly(2025, 4, 15), 2025, true, false, integrityIncident, 120, techStaff, 30_000_000, 50_000_000, 1_500_000, 26_000_000, 0, 3,
        false, null, false, false, false);

    private static TechSmeAssessment Record(Facts facts, Organisation? organisation = null) =>
        TechSmeAssessments.Record(organisation ?? new Organisation { CreditCode = "x", Name = "x", Kind = "enterprise", District = "x", ContactName = "x", ContactPhone = "x" },
            Standard, facts, Evaluation.Assess(Standard, facts), "u1", "李经理", DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_record_writes_the_fact_the_rule_reads_and_keeps_the_rest_of_the_profile()
    {
        var organisation = new Organisation { CreditCode = "x", Name = "x", Kind = "enterprise", District = "x", ContactName = "x", ContactPhone = "x", ProfileJson = """{"employees":120,"techSme":{"selfAssessed":false}}""" };

        Record(Facts(), organisation);

        Assert.Equal("""{"employees":120,"techSme":{"selfAssessed":true,"year":2025}}""", organisation.ProfileJson);
    }

    [Fact]
    public void The_conclusion_names_the_route_the_score_or_the_failed_condition()
    {
        Assert.Equal("符合科技型中小企业标准（评分 78 分）", Record(Facts()).Conclusion());
        Assert.Equal("不符合科技型中小企业标准（评分 58 分）", Record(Facts(techStaff: 11)).Conclusion());
        // the score is 78, but a condition is not met: the score is not the reason
        Assert.Equal("不符合科技型中小企业标准（未满足基本条件）", Record(Facts(integrityIncident: true)).Conclusion());
    }

    [Fact]
    public void An_undecided_assessment_is_never_recorded()
    {
        var facts = Facts() with { ResidentInChina = null };

        Assert.Throws<InvalidOperationException>(() => Record(facts));
    }
}
