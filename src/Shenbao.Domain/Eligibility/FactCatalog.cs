using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility;

/// <summary>Who holds a fact: the organisation (its registration and profile), one application, or the call around it.</summary>
public enum FactHolder { Applicant, Application, Context }

/// <summary>The shape of a fact's value, which decides how it is typed, read and shown.</summary>
public enum FactType { Flag, Amount, WholeNumber, Text, Word, Date, PerYear, Records, Words, Members }

/// <summary>Where a fact comes from: the registration, the profile, the application form, or the system itself.</summary>
public enum FilledIn { Registration, Profile, Form, System }

/// <summary>A group of profile facts: its anchor on the profile page, its title, and whether it carries proof documents.</summary>
public sealed record ProfileGroup(string Id, string Title, bool HasProof);

/// <summary>
/// One fact of the request contract: its dotted path, its Chinese label, its type, where it is filled in, its
/// choices (a word list of <see cref="Vocabulary.Lists"/>, or a list the call supplies: "@fields", "@platforms") and,
/// for a profile fact, the profile group that holds it.
/// </summary>
public sealed record FactDefinition(string Path, string Label, FactType Type, FilledIn FilledIn, string? Choices = null, string? Group = null)
{
    public FactHolder Holder =>
        Path.StartsWith("applicant.", StringComparison.Ordinal) ? FactHolder.Applicant
        : Path.StartsWith("application.", StringComparison.Ordinal) ? FactHolder.Application
        : FactHolder.Context;

    /// <summary>The closed word list of the fact, when its choices are one.</summary>
    public Words? Words => Choices is not null && Vocabulary.Lists.TryGetValue(Choices, out var words) ? words : null;
}

/// <summary>
/// Every fact once: forms, profile groups, the form's validation and the engine's labels are derived from here, so a
/// fact's path, label and choices are never written twice. <see cref="Standard"/> holds the request contract's facts,
/// each with its place in the typed request; <see cref="With"/> declares more, whose values the request keeps by path
/// (<see cref="Requests.EligibilityRequest.Declared"/>) until the contract gives them a place of their own.
/// </summary>
public sealed class FactCatalog
{
    private readonly Dictionary<string, FactDefinition> byPath;
    private readonly HashSet<string> declared;

    private FactCatalog(IReadOnlyList<FactDefinition> all, IEnumerable<string> declaredPaths)
    {
        All = all;
        byPath = all.ToDictionary(f => f.Path);
        declared = declaredPaths.ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<FactDefinition> All { get; }

    /// <summary>The facts declared beyond the contract's, in declaration order.</summary>
    public IEnumerable<FactDefinition> Declared => All.Where(f => declared.Contains(f.Path));

    public bool IsDeclared(string path) => declared.Contains(path);

    public FactDefinition? Find(string path) => byPath.GetValueOrDefault(path);

    /// <summary>How people name a top-level key of the stored profile: its fact's label, or its group's title.</summary>
    public string ProfileLabel(string key) =>
        Find("applicant." + key)?.Label ?? ProfileGroups.FirstOrDefault(g => g.Id == key)?.Title ?? key;

    /// <summary>The fact at a path the code itself names: a missing one is a bug, found at start-up.</summary>
    public FactDefinition Get(string path) =>
        byPath.TryGetValue(path, out var fact) ? fact : throw new InvalidOperationException($"'{path}' is not in the fact catalogue.");

    public IEnumerable<FactDefinition> Filled(FilledIn where) => All.Where(f => f.FilledIn == where);

    /// <summary>
    /// This catalogue with more facts: each a single value (a flag, number, text, word, date) that an organisation's
    /// profile (in one of its groups) or an application's form fills in.
    /// </summary>
    public FactCatalog With(params FactDefinition[] more)
    {
        ArgumentNullException.ThrowIfNull(more);
        foreach (var fact in more)
        {
            if (byPath.ContainsKey(fact.Path) || more.Count(f => f.Path == fact.Path) > 1)
                throw new ArgumentException($"The fact '{fact.Path}' is declared twice.", nameof(more));
            // a declared value lives at its own path: never inside another fact's object or list, nor holding one
            bool Overlaps(string other) => fact.Path.StartsWith(other + ".", StringComparison.Ordinal) || other.StartsWith(fact.Path + ".", StringComparison.Ordinal);
            if (All.Concat(more).Select(f => f.Path).Where(p => p != fact.Path).FirstOrDefault(Overlaps) is { } overlapped)
                throw new ArgumentException($"The fact '{fact.Path}' overlaps '{overlapped}': a declared fact needs a path of its own.", nameof(more));
            // nor inside the objects and lists that hold per-year figures or records, whose keys are years and items
            string Root(string path) => string.Join('.', path.Split('.').Take(2));
            if (All.FirstOrDefault(f => f.Type is FactType.PerYear or FactType.Records && Root(f.Path) == Root(fact.Path)) is { } container)
                throw new ArgumentException($"The fact '{fact.Path}' lies inside '{Root(container.Path)}', which holds {container.Label}.", nameof(more));
            if (fact.Path.Contains("__", StringComparison.Ordinal) || fact.Path.Split('.').Any(p => p.Length == 0))
                throw new ArgumentException($"The path '{fact.Path}' is not a dotted path of names.", nameof(more));
            if (fact.Type is not (FactType.Flag or FactType.Amount or FactType.WholeNumber or FactType.Text or FactType.Word or FactType.Date))
                throw new ArgumentException($"The fact '{fact.Path}' is of type {fact.Type}: a declared fact holds one value.", nameof(more));
            if (fact.Type == FactType.Word && fact.Words is null)
                throw new ArgumentException($"The fact '{fact.Path}' names no known word list ('{fact.Choices}').", nameof(more));
            var valid = fact switch
            {
                { Holder: FactHolder.Applicant, FilledIn: FilledIn.Profile } => ProfileGroups.Any(g => g.Id == fact.Group),
                { Holder: FactHolder.Application, FilledIn: FilledIn.Form } => fact.Group is null,
                _ => false,
            };
            if (!valid)
                throw new ArgumentException($"The fact '{fact.Path}' must be an applicant fact of a profile group or an application fact of the form.", nameof(more));
        }
        return new(All.Concat(more).ToList(), declared.Concat(more.Select(f => f.Path)));
    }

    public static IReadOnlyList<ProfileGroup> ProfileGroups { get; } =
    [
        new("basics", "职工与法人资格", HasProof: false),
        new("highTech", "高新技术企业认定", HasProof: true),
        new("techSme", "科技型中小企业自评", HasProof: true),
        new("finance", "财务数据", HasProof: true),
        new("iurSpending", "产学研合作支出", HasProof: true),
        new("majorProjectSubsidies", "科技重大专项补助", HasProof: true),
        new("platforms", "科研平台和学科", HasProof: true),
        new("ipDispute", "知识产权纠纷", HasProof: true),
    ];

    private static readonly FactDefinition[] StandardFacts =
    [
        new("asOf", "申报日", FactType.Date, FilledIn.System),
        new("applicant.name", "单位名称", FactType.Text, FilledIn.Registration),
        new("applicant.creditCode", "统一社会信用代码", FactType.Text, FilledIn.Registration),
        new("applicant.kind", "单位类型", FactType.Word, FilledIn.Registration, "organisation-kinds"),
        new("applicant.inHengyang", "是否在衡阳市内注册或驻衡", FactType.Flag, FilledIn.Registration),
        new("applicant.independentLegalPerson", "是否独立法人", FactType.Flag, FilledIn.Profile, Group: "basics"),
        new("applicant.employees", "职工总数", FactType.WholeNumber, FilledIn.Profile, Group: "basics"),
        new("applicant.highTech.certified", "是否认定为高新技术企业", FactType.Flag, FilledIn.Profile, Group: "highTech"),
        new("applicant.highTech.certificateNo", "高新技术企业证书编号", FactType.Text, FilledIn.Profile, Group: "highTech"),
        new("applicant.highTech.validTo", "高新技术企业证书有效期", FactType.Date, FilledIn.Profile, Group: "highTech"),
        new("applicant.techSme.selfAssessed", "是否完成科技型中小企业自评", FactType.Flag, FilledIn.Profile, Group: "techSme"),
        new("applicant.techSme.year", "科技型中小企业自评年度", FactType.WholeNumber, FilledIn.Profile, Group: "techSme"),
        new("applicant.finance.output", "产值", FactType.PerYear, FilledIn.Profile, Group: "finance"),
        new("applicant.finance.revenue", "营业收入", FactType.PerYear, FilledIn.Profile, Group: "finance"),
        new("applicant.finance.tax", "实缴税费", FactType.PerYear, FilledIn.Profile, Group: "finance"),
        new("applicant.finance.assets", "资产总额", FactType.PerYear, FilledIn.Profile, Group: "finance"),
        new("applicant.iurSpending", "产学研合作支出", FactType.PerYear, FilledIn.Profile, Group: "iurSpending"),
        new("applicant.majorProjectSubsidies", "科技重大专项补助", FactType.Records, FilledIn.Profile, Group: "majorProjectSubsidies"),
        new("applicant.platforms", "科研平台和学科", FactType.Records, FilledIn.Profile, Group: "platforms"),
        new("applicant.ipDispute", "是否存在知识产权纠纷", FactType.Flag, FilledIn.Profile, Group: "ipDispute"),
        new("application.category", "申报类别", FactType.Text, FilledIn.System),
        new("application.field", "支持领域", FactType.Text, FilledIn.Form, "@fields"),
        new("application.tier", "项目类别", FactType.Word, FilledIn.Form, "tiers"),
        new("application.leader.name", "项目负责人姓名", FactType.Text, FilledIn.Form),
        new("application.leader.title", "项目负责人职称", FactType.Word, FilledIn.Form, "titles"),
        new("application.platformId", "依托的平台或学科", FactType.Text, FilledIn.Form, "@platforms"),
        new("application.platform", "项目依托的平台或学科", FactType.Records, FilledIn.System),
        new("application.contract.counterpartyKind", "合同对方单位类型", FactType.Word, FilledIn.Form, "organisation-kinds"),
        new("application.contract.type", "技术合同类型", FactType.Word, FilledIn.Form, "contract-types"),
        new("application.contract.amount", "合同总金额", FactType.Amount, FilledIn.Form),
        new("application.contract.paid", "合同已支付金额", FactType.Amount, FilledIn.Form),
        new("application.contract.signedOn", "合同签订日期", FactType.Date, FilledIn.Form),
        new("application.contract.effectiveOn", "合同生效日期", FactType.Date, FilledIn.Form),
        new("application.contract.endsOn", "合同执行结束日期", FactType.Date, FilledIn.Form),
        new("application.contract.registered", "合同是否已认定登记", FactType.Flag, FilledIn.Form),
        new("application.contract.registrationNo", "技术合同登记编号", FactType.Text, FilledIn.Form),
        new("application.contract.relatedParty", "交易双方是否存在关联关系", FactType.Flag, FilledIn.Form),
        new("application.consortium.members", "创新联合体成员单位", FactType.Members, FilledIn.Form),
        new("application.consortium.agreementSigned", "是否签署《创新联合体组建协议》", FactType.Flag, FilledIn.Form),
        new("application.achievement.mainContributors.academic", "主要完成人中高校和科研机构科研人员数", FactType.WholeNumber, FilledIn.Form),
        new("application.achievement.mainContributors.total", "科技成果主要完成人总数", FactType.WholeNumber, FilledIn.Form),
        new("application.attachments", "申报附件", FactType.Words, FilledIn.System),
        new("context.applicationsOnSamePlatform", "同一平台本批次其他在申报项目数", FactType.WholeNumber, FilledIn.System),
    ];

    /// <summary>The request contract's facts (after <see cref="StandardFacts"/>: static fields start in the order they are written).</summary>
    public static FactCatalog Standard { get; } = new(StandardFacts, []);
}
