using System.Globalization;
using Shenbao.Domain.Eligibility;

namespace Shenbao.Domain.TechSme;

/// <summary>What the self-assessment reads: each fact null when the enterprise has not stated it (never false or zero).</summary>
public sealed record Facts(
    DateOnly AsOf,
    int Year,
    bool? ResidentInChina,
    bool? RestrictedIndustry,
    bool? IntegrityIncident,
    int? Employees,
    int? TechStaff,
    decimal? Revenue,
    decimal? Assets,
    decimal? RdExpense,
    decimal? Costs,
    int? Class1,
    int? Class2,
    bool? HighTechCertified,
    DateOnly? HighTechValidTo,
    bool? NationalAwardTop3,
    bool? ProvincialRdInstitution,
    bool? LedStandard)
{
    public int DataYear(Standard standard) => Year + standard.DataYearOffset;
}

/// <summary>Missing: the fact to decide it is not stated (the outcome is then fail, the message says what to fill in).</summary>
public sealed record ConditionResult(string Id, Outcome Outcome, string Message, bool Missing = false);

/// <summary>Missing: whether the route applies is not stated, so it is not met but might be.</summary>
public sealed record DirectResult(string Id, bool Met, string Message, bool Missing = false);

/// <summary>Points null when a fact to score the indicator is missing.</summary>
public sealed record IndicatorResult(string Id, int? Points, string Message)
{
    public bool Missing => Points is null;
}

/// <summary>The three indicators' points; null as a whole when a fact to score is missing. RdBasis null when both bases score the same.</summary>
public sealed record Score(int Staff, int Rd, string? RdBasis, int Ip)
{
    public int Total => Staff + Rd + Ip;
}

public sealed record Assessment(bool Qualified, string? Route, IReadOnlyList<ConditionResult> Conditions, IReadOnlyList<DirectResult> Direct, Score? Score, IReadOnlyList<IndicatorResult> Indicators)
{
    /// <summary>
    /// Whether the stated facts decide the outcome, so that it can be recorded as a finished self-assessment:
    /// qualified; or a stated condition is not met; or every condition and direct route is stated and the score
    /// could be computed. A fact left out that could still change the outcome leaves it undecided.
    /// </summary>
    public bool Decided => Qualified
        || Conditions.Any(c => c.Outcome == Outcome.Fail && !c.Missing)
        || (!Conditions.Any(c => c.Missing) && !Direct.Any(d => d.Missing) && Score is not null);

    /// <summary>What is still to fill in, one message per condition, route or indicator whose fact is missing.</summary>
    public IReadOnlyList<string> Missing =>
        [.. Conditions.Where(c => c.Missing).Select(c => c.Message), .. Direct.Where(d => d.Missing).Select(d => d.Message), .. Indicators.Where(i => i.Missing).Select(i => i.Message)];
}

/// <summary>The evaluation of the standard: conditions 1–4, then a direct route, else the score (exact decimals).</summary>
public static class Evaluation
{
    public static Assessment Assess(Standard standard, Facts facts)
    {
        ArgumentNullException.ThrowIfNull(standard);
        ArgumentNullException.ThrowIfNull(facts);
        var dataYear = facts.DataYear(standard);
        var conditions = new List<ConditionResult>
        {
            Flag("resident", facts.ResidentInChina, expected: true, standard, "是否为在中国境内（不包括港、澳、台地区）注册的居民企业"),
            Size(standard, facts, dataYear),
            Flag("industry", facts.RestrictedIndustry, expected: false, standard, "产品和服务是否属于国家规定的禁止、限制和淘汰类"),
            Flag("integrity", facts.IntegrityIncident, expected: false, standard, "上一年及当年内是否发生重大安全、质量事故、严重环境违法、科研严重失信行为或列入异常名录、失信名单"),
        };
        var direct = new List<DirectResult>
        {
            HighTech(standard, facts),
            Declared("national-award", facts.NationalAwardTop3, standard),
            Declared("rd-institution", facts.ProvincialRdInstitution, standard),
            Declared("standard", facts.LedStandard, standard),
        };
        var (score, indicators) = Scored(standard, facts, dataYear);
        var conditionsMet = conditions.All(c => c.Outcome == Outcome.Pass);
        var route = !conditionsMet ? null
            : direct.Any(d => d.Met) ? "direct"
            : score is not null && score.Total >= standard.PassTotal && (!standard.StaffMustScore || score.Staff > 0) ? "score"
            : null;
        return new Assessment(route is not null, route, conditions, direct, score, indicators);
    }

    private static ConditionResult Flag(string id, bool? stated, bool expected, Standard standard, string question) => stated switch
    {
        null => new(id, Outcome.Fail, $"未填写{question}：不能判断是否符合“{standard.Conditions[id]}”", Missing: true),
        var value when value == expected => new(id, Outcome.Pass, $"符合：{standard.Conditions[id]}"),
        _ => new(id, Outcome.Fail, $"不符合：{standard.Conditions[id]}"),
    };

    private static ConditionResult Size(Standard standard, Facts facts, int dataYear)
    {
        var missing = new List<string>();
        if (facts.Employees is null) missing.Add("职工总数");
        if (facts.Revenue is null) missing.Add($"{dataYear}年度销售收入");
        if (facts.Assets is null) missing.Add($"{dataYear}年度资产总额");
        if (missing.Count > 0) return new("size", Outcome.Fail, $"未填写{string.Join("、", missing)}：不能判断是否{standard.Conditions["size"]}", Missing: true);
        var parts = new[]
        {
            (Ok: facts.Employees <= standard.MaxEmployees, Text: $"职工总数 {facts.Employees} 人{(facts.Employees <= standard.MaxEmployees ? "不超过" : "超过")}{standard.MaxEmployees}人"),
            (Ok: facts.Revenue <= standard.MaxRevenue, Text: $"{dataYear}年度销售收入 {Money(facts.Revenue!.Value)} 元{(facts.Revenue <= standard.MaxRevenue ? "不超过" : "超过")} {Money(standard.MaxRevenue)} 元"),
            (Ok: facts.Assets <= standard.MaxAssets, Text: $"资产总额 {Money(facts.Assets!.Value)} 元{(facts.Assets <= standard.MaxAssets ? "不超过" : "超过")} {Money(standard.MaxAssets)} 元"),
        };
        return parts.All(p => p.Ok)
            ? new("size", Outcome.Pass, string.Join("，", parts.Select(p => p.Text)))
            : new("size", Outcome.Fail, string.Join("，", parts.Where(p => !p.Ok).Select(p => p.Text)) + "：不符合规模条件");
    }

    private static DirectResult HighTech(Standard standard, Facts facts) => (facts.HighTechCertified, facts.HighTechValidTo) switch
    {
        (true, { } validTo) when validTo >= facts.AsOf => new("hte", true, $"{standard.Direct["hte"]}（有效期至 {validTo:yyyy-MM-dd}）"),
        (true, { } validTo) => new("hte", false, $"高新技术企业证书已于 {validTo:yyyy-MM-dd} 到期，不能直接认定"),
        (true, null) => new("hte", false, "已认定为高新技术企业，但未填写证书有效期，不能确认在有效期内", Missing: true),
        (false, _) => new("hte", false, "不是高新技术企业"),
        _ => new("hte", false, "未填写是否认定为高新技术企业", Missing: true),
    };

    private static DirectResult Declared(string id, bool? stated, Standard standard) => stated switch
    {
        true => new(id, true, standard.Direct[id]),
        false => new(id, false, $"无：{standard.Direct[id]}"),
        null => new(id, false, $"未填写是否{standard.Direct[id]}", Missing: true),
    };

    private static (Score?, List<IndicatorResult>) Scored(Standard standard, Facts facts, int dataYear)
    {
        var indicators = new List<IndicatorResult>();
        int? staff = null;
        if (facts.TechStaff is { } techStaff && facts.Employees is { } employees)
        {
            var ratio = employees == 0 ? 0m : (decimal)techStaff / employees;
            var band = Standard.BandOf(standard.Staff, ratio)!;
            staff = band.Points;
            indicators.Add(new("staff", staff, $"科技人员 {techStaff} 人，占职工总数 {employees} 人的{Percent(ratio)}，{Reason(standard.Staff, band)}，得{band.Points}分"));
        }
        else indicators.Add(new("staff", null, $"未填写{(facts.TechStaff is null ? "科技人员数" : "职工总数")}：科技人员指标不能计分"));

        int? rd = null;
        string? basis = null;
        if (facts.RdExpense is { } expense && (facts.Revenue is not null || facts.Costs is not null))
        {
            var onRevenue = Basis(standard.RdOnRevenue, expense, facts.Revenue, $"{dataYear}年度销售收入");
            var onCosts = Basis(standard.RdOnCosts, expense, facts.Costs, $"{dataYear}年度成本费用支出总额");
            rd = Math.Max(onRevenue.Points, onCosts.Points);
            basis = onRevenue.Points == onCosts.Points ? null : onRevenue.Points > onCosts.Points ? "revenue" : "costs";
            var chosen = basis == "costs" ? onCosts : onRevenue;
            indicators.Add(new("rd", rd, $"研发费用总额 {Money(expense)} 元，{chosen.Text}" +
                (basis is null ? "（两种口径得分相同）" : $"（按{(basis == "revenue" ? "销售收入" : "成本费用")}口径得分较高，取此口径；另一口径：{(basis == "revenue" ? onCosts : onRevenue).Text}）")));
        }
        else indicators.Add(new("rd", null, facts.RdExpense is null ? "未填写研发费用总额：研发投入指标不能计分" : $"未填写{dataYear}年度销售收入和成本费用支出总额：研发投入指标不能计分"));

        int? ip = null;
        if (facts.Class1 is not null || facts.Class2 is not null)
        {
            var (class1, class2) = (facts.Class1 ?? 0, facts.Class2 ?? 0);
            var band1 = Standard.BandOf(standard.Class1, class1);
            var band2 = Standard.BandOf(standard.Class2, class2);
            ip = Math.Max(band1?.Points ?? 0, band2?.Points ?? 0);
            indicators.Add(new("ip", ip, $"Ⅰ类知识产权 {class1} 项、Ⅱ类知识产权 {class2} 项，" +
                (ip == 0 ? "均未达到最低一档，得0分" : band1 is not null && band1.Points == ip ? $"Ⅰ类不少于{band1.From:0}项，得{ip}分" : $"Ⅱ类不少于{band2!.From:0}项，得{ip}分")));
        }
        else indicators.Add(new("ip", null, "未填写拥有的知识产权：科技成果指标不能计分"));

        return (staff is { } s && rd is { } r && ip is { } i ? new Score(s, r, basis, i) : null, indicators);
    }

    private static (int Points, string Text) Basis(IReadOnlyList<Band> bands, decimal expense, decimal? denominator, string name)
    {
        if (denominator is not { } total || total == 0) return (0, $"{name}{(denominator is null ? "未填写" : "为0")}，此口径得0分");
        var ratio = expense / total;
        var band = Standard.BandOf(bands, ratio)!;
        return (band.Points, $"占{name} {Money(total)} 元的{Percent(ratio)}，{Reason(bands, band)}，得{band.Points}分");
    }

    /// <summary>"不低于30%" for the top band, "不低于25%、低于30%" for one in between, "低于10%" for the last.</summary>
    private static string Reason(IReadOnlyList<Band> bands, Band band)
    {
        var index = bands.ToList().IndexOf(band);
        var upper = index > 0 ? bands[index - 1].From : (decimal?)null;
        return (band.From, upper) switch
        {
            (0, { } u) => $"低于{Percent(u)}",
            (var from, null) => $"不低于{Percent(from)}",
            (var from, { } u) => $"不低于{Percent(from)}、低于{Percent(u)}",
        };
    }

    private static string Percent(decimal ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Money(decimal amount) => amount.ToString("#,##0.##", CultureInfo.InvariantCulture);
}
