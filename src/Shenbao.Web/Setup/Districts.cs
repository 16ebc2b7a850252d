namespace Shenbao.Web.Setup;

/// <summary>The county-level divisions and parks an organisation registers in (configuration Shenbao:Districts).</summary>
public sealed class Districts(IConfiguration configuration)
{
    public IReadOnlyList<string> All { get; } = configuration.GetSection("Shenbao:Districts").Get<string[]>() ?? [];

    /// <summary>The city's administrative division code (Shenbao:CityDivision, 430400 for 衡阳市) and its name.</summary>
    public string CityDivision { get; } = configuration["Shenbao:CityDivision"] ?? "430400";

    public string CityName { get; } = configuration["Shenbao:CityName"] ?? "衡阳市";

    /// <summary>
    /// What a 推荐单位 should know of a credit code before activating: null when its registering authority is in the
    /// city or cannot tell (a province's or the national code), else a warning naming the division.
    /// </summary>
    public string? CreditCodeWarning(string creditCode) =>
        Shenbao.Domain.Requests.CreditCode.LocalityOf(creditCode, CityDivision) == Shenbao.Domain.Requests.CreditCode.Locality.Elsewhere
            ? $"信用代码第3–8位（登记管理机关行政区划码）为 {Shenbao.Domain.Requests.CreditCode.Division(creditCode)}，不属于{CityName}（{CityDivision[..4]}xx）：请核实该单位是否在本市注册或驻衡"
            : null;

    public bool Contains(string district) => All.Contains(district);
}
