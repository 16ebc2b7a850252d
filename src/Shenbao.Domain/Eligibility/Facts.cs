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
    private static readonly Container HighTech = new("高新技术企业认定情况", r => r.Applicant.HighTech is not null);
    private static readonly Container TechSme = new("科技型中小企业自评情况", r => r.Applicant.TechSme is not null);
    private static readonly Container Contract = new("技术合同", r => r.Application.Contract is not null);
    private static readonly Container Consortium = new("创新联合体信息", r => r.Application.Consortium is not null);
    private static readonly Container Contributors = new("科技成果主要完成人情况", r => r.Application.Achievement is not null);

    private static readonly ItemsFact Platforms = new("applicant.platforms", Label("applicant.platforms"), r => r.Applicant.Platforms, PlatformFields(), DescribePlatform);

    public static IReadOnlyDictionary<string, Fact> All { get; } = new Fact[]
    {
        new DateFact("asOf", Label("asOf"), r => r.AsOf),
        new TextFact("applicant.kind", Label("applicant.kind"), r => r.Applicant.Kind, Choices("applicant.kind")),
        new FlagFact("applicant.inHengyang", Label("applicant.inHengyang"), r => r.Applicant.InHengyang),
        new FlagFact("applicant.independentLegalPerson", Label("applicant.independentLegalPerson"), r => r.Applicant.IndependentLegalPerson),
        new NumberFact("applicant.employees", Label("applicant.employees"), r => r.Applicant.Employees),
        new FlagFact("applicant.highTech.certified", Label("applicant.highTech.certified"), r => r.Applicant.HighTech?.Certified) { In = HighTech },
        new DateFact("applicant.highTech.validTo", Label("applicant.highTech.validTo"), r => r.Applicant.HighTech?.ValidTo) { In = HighTech },
        new FlagFact("applicant.techSme.selfAssessed", Label("applicant.techSme.selfAssessed"), r => r.Applicant.TechSme?.SelfAssessed) { In = TechSme },
        new NumberFact("applicant.techSme.year", Label("applicant.techSme.year"), r => r.Applicant.TechSme?.Year) { In = TechSme },
        new YearlyFact("applicant.finance.output", Label("applicant.finance.output"), (r, y) => Finance(r, y)?.Output),
        new YearlyFact("applicant.finance.revenue", Label("applicant.finance.revenue"), (r, y) => Finance(r, y)?.Revenue),
        new YearlyFact("applicant.finance.tax", Label("applicant.finance.tax"), (r, y) => Finance(r, y)?.Tax),
        new YearlyFact("applicant.finance.assets", Label("applicant.finance.assets"), (r, y) => Finance(r, y)?.Assets),
        new YearlyFact("applicant.iurSpending", Label("applicant.iurSpending"), (r, y) => r.Applicant.IurSpending is { } s && s.TryGetValue(y, out var v) ? v : null),
        new ItemsFact("applicant.majorProjectSubsidies", Label("applicant.majorProjectSubsidies"), r => r.Applicant.MajorProjectSubsidies,
            new Dictionary<string, ItemField> { ["year"] = new("获得年度", s => ((Subsidy)s).Year?.ToString(System.Globalization.CultureInfo.InvariantCulture), s => ((Subsidy)s).Year) },
            s => $"{((Subsidy)s).Year}年"),
        Platforms,
        new ItemsFact("application.platform", Label("application.platform"), r => ChosenPlatform(r), Platforms.Fields, DescribePlatform),
        new FlagFact("applicant.ipDispute", Label("applicant.ipDispute"), r => r.Applicant.IpDispute),
        new TextFact("application.field", Label("application.field"), r => r.Application.Field),
        new TextFact("application.tier", Label("application.tier"), r => r.Application.Tier, Choices("application.tier")),
        new TextFact("application.leader.title", Label("application.leader.title"), r => r.Application.Leader?.Title, Choices("application.leader.title")),
        new TextFact("application.contract.counterpartyKind", Label("application.contract.counterpartyKind"), r => r.Application.Contract?.CounterpartyKind, Choices("application.contract.counterpartyKind")) { In = Contract },
        new TextFact("application.contract.type", Label("application.contract.type"), r => r.Application.Contract?.Type, Choices("application.contract.type")) { In = Contract },
        new NumberFact("application.contract.amount", Label("application.contract.amount"), r => r.Application.Contract?.Amount) { In = Contract },
        new NumberFact("application.contract.paid", Label("application.contract.paid"), r => r.Application.Contract?.Paid) { In = Contract },
        new DateFact("application.contract.signedOn", Label("application.contract.signedOn"), r => r.Application.Contract?.SignedOn) { In = Contract },
        new DateFact("application.contract.effectiveOn", Label("application.contract.effectiveOn"), r => r.Application.Contract?.EffectiveOn) { In = Contract },
        new DateFact("application.contract.endsOn", Label("application.contract.endsOn"), r => r.Application.Contract?.EndsOn) { In = Contract },
        new FlagFact("application.contract.registered", Label("application.contract.registered"), r => r.Application.Contract?.Registered) { In = Contract },
        new FlagFact("application.contract.relatedParty", Label("application.contract.relatedParty"), r => r.Application.Contract?.RelatedParty) { In = Contract },
        new ItemsFact("application.consortium.members", Label("application.consortium.members"), r => r.Application.Consortium?.Members,
            new Dictionary<string, ItemField> { ["kind"] = new("单位类型", m => ((ConsortiumMember)m).Kind, _ => null, Vocabulary.OrganisationKinds) },
            m => ((ConsortiumMember)m) is var member && member.Kind is { } kind ? $"{member.Name}（{Vocabulary.OrganisationKinds.Label(kind)}）" : member.Name ?? "")
        { In = Consortium },
        new FlagFact("application.consortium.agreementSigned", Label("application.consortium.agreementSigned"), r => r.Application.Consortium?.AgreementSigned) { In = Consortium },
        new NumberFact("application.achievement.mainContributors.academic", Label("application.achievement.mainContributors.academic"), r => r.Application.Achievement?.Academic) { In = Contributors },
        new NumberFact("application.achievement.mainContributors.total", Label("application.achievement.mainContributors.total"), r => r.Application.Achievement?.Total) { In = Contributors },
        new WordsFact("application.attachments", Label("application.attachments"), r => r.Application.Attachments),
        new NumberFact("context.applicationsOnSamePlatform", Label("context.applicationsOnSamePlatform"), r => r.Context.ApplicationsOnSamePlatform),
    }.ToDictionary(f => f.Path);

    /// <summary>
    /// The facts rules may read under a catalogue: the contract's, and each declared fact read from the request's
    /// declared values by its path.
    /// </summary>
    public static IReadOnlyDictionary<string, Fact> For(FactCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!catalog.Declared.Any()) return All;
        var facts = new Dictionary<string, Fact>(All);
        foreach (var d in catalog.Declared)
        {
            var path = d.Path;
            facts[path] = d.Type switch
            {
                FactType.Flag => new FlagFact(path, d.Label, r => r.Declared.TryGetValue(path, out var v) ? (bool)v : null),
                FactType.Amount or FactType.WholeNumber => new NumberFact(path, d.Label, r => r.Declared.TryGetValue(path, out var v) ? (decimal)v : null),
                FactType.Text or FactType.Word => new TextFact(path, d.Label, r => r.Declared.TryGetValue(path, out var v) ? (string)v : null, d.Words),
                FactType.Date => new DateFact(path, d.Label, r => r.Declared.TryGetValue(path, out var v) ? (DateOnly)v : null),
                _ => throw new System.Diagnostics.UnreachableException(),
            };
        }
        return facts;
    }

    /// <summary>Labels and word lists come from the catalogue: a fact is described once.</summary>
    private static string Label(string path) => FactCatalog.Standard.Get(path).Label;

    private static Words? Choices(string path) => FactCatalog.Standard.Get(path).Words;

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
