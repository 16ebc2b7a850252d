using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility;

/// <summary>
/// A fact a rule may read from a request, named by its dotted contract path. The guide file names facts;
/// this catalogue resolves each name once, at load time, to a typed accessor.
/// </summary>
public abstract record Fact(string Path, string Label)
{
    /// <summary>The object the fact lives in, named when that whole object is absent ("未提供技术合同").</summary>
    public Container? In { get; init; }

    public string MissingLabel(EligibilityRequest request) =>
        In is { } container && !container.Present(request) ? container.Label : Label;
}

public sealed record Container(string Label, Func<EligibilityRequest, bool> Present);

public sealed record FlagFact(string Path, string Label, Func<EligibilityRequest, bool?> Get) : Fact(Path, Label);

public sealed record NumberFact(string Path, string Label, Func<EligibilityRequest, decimal?> Get) : Fact(Path, Label);

public sealed record TextFact(string Path, string Label, Func<EligibilityRequest, string?> Get, Words? Words = null) : Fact(Path, Label)
{
    public string Describe(string value) => Words?.Label(value) ?? value;
}

public sealed record DateFact(string Path, string Label, Func<EligibilityRequest, DateOnly?> Get) : Fact(Path, Label);

/// <summary>A figure per fiscal year (finance, IUR spending); a rule names the year or the window.</summary>
public sealed record YearlyFact(string Path, string Label, Func<EligibilityRequest, int, decimal?> Get) : Fact(Path, Label)
{
    public string LabelFor(int year) => $"{year}年度{Label}";
}

/// <summary>A list of records (platforms, consortium members, subsidies) whose fields rules can test.</summary>
public sealed record ItemsFact(
    string Path,
    string Label,
    Func<EligibilityRequest, IReadOnlyList<object>?> Get,
    IReadOnlyDictionary<string, ItemField> Fields,
    Func<object, string> Describe) : Fact(Path, Label);

public sealed record ItemField(string Label, Func<object, string?> Text, Func<object, decimal?> Number, Words? Words = null);

/// <summary>A list of words, such as the attachment types an application carries.</summary>
public sealed record WordsFact(string Path, string Label, Func<EligibilityRequest, IReadOnlyList<string>?> Get) : Fact(Path, Label);

public static class Facts
{
    private static readonly Container HighTech = new("高新技术企业认定情况（applicant.highTech）", r => r.Applicant.HighTech is not null);
    private static readonly Container TechSme = new("科技型中小企业自评情况（applicant.techSme）", r => r.Applicant.TechSme is not null);
    private static readonly Container Contract = new("技术合同（application.contract）", r => r.Application.Contract is not null);
    private static readonly Container Consortium = new("创新联合体信息（application.consortium）", r => r.Application.Consortium is not null);
    private static readonly Container Contributors = new("科技成果主要完成人情况（application.achievement.mainContributors）", r => r.Application.Achievement is not null);

    private static readonly ItemsFact Platforms = new("applicant.platforms", "科研平台和学科", r => r.Applicant.Platforms, PlatformFields(), DescribePlatform);

    public static IReadOnlyDictionary<string, Fact> All { get; } = new Fact[]
    {
        new DateFact("asOf", "申报日", r => r.AsOf),
        new TextFact("applicant.kind", "单位类型", r => r.Applicant.Kind, Vocabulary.OrganisationKinds),
        new FlagFact("applicant.inHengyang", "是否在衡阳市内注册或驻衡", r => r.Applicant.InHengyang),
        new FlagFact("applicant.independentLegalPerson", "是否独立法人", r => r.Applicant.IndependentLegalPerson),
        new NumberFact("applicant.employees", "职工总数", r => r.Applicant.Employees),
        new FlagFact("applicant.highTech.certified", "是否认定为高新技术企业", r => r.Applicant.HighTech?.Certified) { In = HighTech },
        new DateFact("applicant.highTech.validTo", "高新技术企业证书有效期", r => r.Applicant.HighTech?.ValidTo) { In = HighTech },
        new FlagFact("applicant.techSme.selfAssessed", "是否完成科技型中小企业自评", r => r.Applicant.TechSme?.SelfAssessed) { In = TechSme },
        new NumberFact("applicant.techSme.year", "科技型中小企业自评年度", r => r.Applicant.TechSme?.Year) { In = TechSme },
        new YearlyFact("applicant.finance.output", "产值", (r, y) => Finance(r, y)?.Output),
        new YearlyFact("applicant.finance.revenue", "营业收入", (r, y) => Finance(r, y)?.Revenue),
        new YearlyFact("applicant.finance.tax", "实缴税费", (r, y) => Finance(r, y)?.Tax),
        new YearlyFact("applicant.finance.assets", "资产总额", (r, y) => Finance(r, y)?.Assets),
        new YearlyFact("applicant.iurSpending", "产学研合作支出", (r, y) => r.Applicant.IurSpending is { } s && s.TryGetValue(y, out var v) ? v : null),
        new ItemsFact("applicant.majorProjectSubsidies", "科技重大专项补助", r => r.Applicant.MajorProjectSubsidies,
            new Dictionary<string, ItemField> { ["year"] = new("获得年度", s => ((Subsidy)s).Year?.ToString(System.Globalization.CultureInfo.InvariantCulture), s => ((Subsidy)s).Year) },
            s => $"{((Subsidy)s).Year}年"),
        Platforms,
        new ItemsFact("application.platform", "项目依托的平台或学科", r => ChosenPlatform(r), Platforms.Fields, DescribePlatform),
        new FlagFact("applicant.ipDispute", "是否存在知识产权纠纷", r => r.Applicant.IpDispute),
        new TextFact("application.field", "支持领域", r => r.Application.Field),
        new TextFact("application.tier", "项目类别", r => r.Application.Tier, Vocabulary.Tiers),
        new TextFact("application.leader.title", "项目负责人职称", r => r.Application.Leader?.Title, Vocabulary.Titles),
        new TextFact("application.contract.counterpartyKind", "合同对方单位类型", r => r.Application.Contract?.CounterpartyKind, Vocabulary.OrganisationKinds) { In = Contract },
        new TextFact("application.contract.type", "技术合同类型", r => r.Application.Contract?.Type, Vocabulary.ContractTypes) { In = Contract },
        new NumberFact("application.contract.amount", "合同总金额", r => r.Application.Contract?.Amount) { In = Contract },
        new NumberFact("application.contract.paid", "合同已支付金额", r => r.Application.Contract?.Paid) { In = Contract },
        new DateFact("application.contract.signedOn", "合同签订日期", r => r.Application.Contract?.SignedOn) { In = Contract },
        new DateFact("application.contract.effectiveOn", "合同生效日期", r => r.Application.Contract?.EffectiveOn) { In = Contract },
        new DateFact("application.contract.endsOn", "合同执行结束日期", r => r.Application.Contract?.EndsOn) { In = Contract },
        new FlagFact("application.contract.registered", "合同是否已认定登记", r => r.Application.Contract?.Registered) { In = Contract },
        new FlagFact("application.contract.relatedParty", "交易双方是否存在关联关系", r => r.Application.Contract?.RelatedParty) { In = Contract },
        new ItemsFact("application.consortium.members", "创新联合体成员单位", r => r.Application.Consortium?.Members,
            new Dictionary<string, ItemField> { ["kind"] = new("单位类型", m => ((ConsortiumMember)m).Kind, _ => null, Vocabulary.OrganisationKinds) },
            m => ((ConsortiumMember)m) is var member && member.Kind is { } kind ? $"{member.Name}（{Vocabulary.OrganisationKinds.Label(kind)}）" : member.Name ?? "")
        { In = Consortium },
        new FlagFact("application.consortium.agreementSigned", "是否签署《创新联合体组建协议》", r => r.Application.Consortium?.AgreementSigned) { In = Consortium },
        new NumberFact("application.achievement.mainContributors.academic", "主要完成人中高校和科研机构科研人员数", r => r.Application.Achievement?.Academic) { In = Contributors },
        new NumberFact("application.achievement.mainContributors.total", "科技成果主要完成人总数", r => r.Application.Achievement?.Total) { In = Contributors },
        new WordsFact("application.attachments", "申报附件", r => r.Application.Attachments),
        new NumberFact("context.applicationsOnSamePlatform", "同一平台本批次其他在申报项目数", r => r.Context.ApplicationsOnSamePlatform),
    }.ToDictionary(f => f.Path);

    private static FinanceYear? Finance(EligibilityRequest r, int year) =>
        r.Applicant.Finance is { } f && f.TryGetValue(year, out var y) ? y : null;

    private static IReadOnlyList<object>? ChosenPlatform(EligibilityRequest r) =>
        r.Application.PlatformId is { } id && r.Applicant.Platforms?.FirstOrDefault(p => p.Id == id) is { } p ? [p] : null;

    private static Dictionary<string, ItemField> PlatformFields() => new()
    {
        ["type"] = new("平台类型", p => ((Platform)p).Type, _ => null, Vocabulary.PlatformTypes),
        ["level"] = new("平台级别", p => ((Platform)p).Level, _ => null, Vocabulary.PlatformLevels),
    };

    private static string DescribePlatform(object item)
    {
        var p = (Platform)item;
        var level = p.Level is { } l ? Vocabulary.PlatformLevels.Label(l) : "级别未填";
        var type = p.Type is { } t ? Vocabulary.PlatformTypes.Label(t) : "类型未填";
        return $"{p.Name ?? p.Id}（{level}{type}）";
    }
}
