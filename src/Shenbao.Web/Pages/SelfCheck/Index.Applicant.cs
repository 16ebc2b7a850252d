using Shenbao.Domain.Requests;

namespace Shenbao.Web.Pages.SelfCheck;

// The answers as the applicant's typed facts: kept apart from the page's flow because it is long, not clever.
public sealed partial class IndexModel
{
    /// <summary>The answers as the applicant's facts, leaving out what was not answered. Who the visitor is stays unknown.</summary>
    private Applicant Applicant() => new()
    {
        Kind = Input.Kind!,
        InHengyang = Input.InHengyang,
        Employees = NonNegativeAttribute.Parse(Input.Employees),
        HighTech = Input.HighTech is { } certified ? new HighTechCertificate(certified, null, certified ? Input.ValidTo : null) : null,
        TechSme = Input.TechSmeSelfAssessed is { } assessed ? new TechSmeAssessment(assessed, Guide.Year) : null,
        Finance = new Dictionary<int, FinanceYear>
        {
            [LastYear] = new(Amount(Input.Output), Amount(Input.Revenue), Amount(Input.Tax), Amount(Input.Assets)),
            [LastYear - 1] = new(null, null, Amount(Input.TaxYearBefore), null),
            [LastYear - 2] = new(null, null, Amount(Input.TaxTwoYearsBefore), null),
        }.Where(y => y.Value != new FinanceYear(null, null, null, null)).ToDictionary(),
        IurSpending = new Dictionary<int, decimal?>
        {
            [LastYear] = Amount(Input.Iur), [LastYear - 1] = Amount(Input.IurYearBefore), [LastYear - 2] = Amount(Input.IurTwoYearsBefore),
        }.Where(y => y.Value is not null).ToDictionary(y => y.Key, y => y.Value!.Value),
        // always a list: an absent list means "not stated", which the subsidy rule refuses
        MajorProjectSubsidies = new[] { (LastYear - 1, Input.SubsidiesYearBefore), (LastYear - 2, Input.SubsidiesTwoYearsBefore), (LastYear - 3, Input.SubsidiesThreeYearsBefore) }
            .SelectMany(p => Enumerable.Repeat(p.Item1, (int)(NonNegativeAttribute.Parse(p.Item2) ?? 0)))
            .Select(year => new Subsidy(year))
            .ToList(),
        Platforms = string.IsNullOrEmpty(Input.PlatformType) ? [] :
        [
            new Platform("self-check", Vocabulary.PlatformLevels.Label(Input.PlatformLevel!) + Vocabulary.PlatformTypes.Label(Input.PlatformType), Input.PlatformType, Input.PlatformLevel),
        ],
        IpDispute = Input.IpDispute,
    };

    private static decimal? Amount(string? text) => NonNegativeAttribute.Parse(text);
}
