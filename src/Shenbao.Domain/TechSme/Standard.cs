namespace Shenbao.Domain.TechSme;

/// <summary>One band of an indicator: from this value (included) up to the next band's, these points.</summary>
public sealed record Band(decimal From, int Points);

/// <summary>
/// 科技型中小企业评价标准 as its data file states it: conditions 1–4, the direct routes, the score tables and the pass
/// mark. Nothing of it is in C#; a revised standard is a new file.
/// </summary>
public sealed record Standard(
    string Id,
    string Title,
    string Source,
    string Version,
    int DataYearOffset,
    IReadOnlyDictionary<string, string> Conditions,
    int MaxEmployees,
    decimal MaxRevenue,
    decimal MaxAssets,
    IReadOnlyDictionary<string, string> Direct,
    IReadOnlyList<Band> Staff,
    IReadOnlyList<Band> RdOnRevenue,
    IReadOnlyList<Band> RdOnCosts,
    IReadOnlyList<Band> Class1,
    IReadOnlyList<Band> Class2,
    int PassTotal,
    bool StaffMustScore)
{
    /// <summary>The condition ids conditions 1–4 and the direct routes must have, in this order.</summary>
    public static readonly IReadOnlyList<string> ConditionIds = ["resident", "size", "industry", "integrity"];
    public static readonly IReadOnlyList<string> DirectIds = ["hte", "national-award", "rd-institution", "standard"];

    /// <summary>The full score: the top band of each indicator, the better of the two 研发投入 bases and of the two IP classes.</summary>
    public int MaxTotal => Staff[0].Points + Math.Max(RdOnRevenue[0].Points, RdOnCosts[0].Points) + Math.Max(Class1[0].Points, Class2[0].Points);

    /// <summary>The band a value falls in (bands descending by From), or null when below every band.</summary>
    public static Band? BandOf(IReadOnlyList<Band> bands, decimal value) => bands.FirstOrDefault(b => value >= b.From);
}
