using Bogus;
using Shenbao.Domain.Requests;

namespace Shenbao.Benchmarks;

/// <summary>
/// Synthetic applications made with Bogus (zh_CN names), spread over the six categories, with figures that crowd the
/// guide's thresholds (revenue around 10,000,000, tax around 800,000, contracts around 300,000 and 20% paid, HTE
/// certificates expiring around the check day, contracts one year old give or take a day) and some facts left out,
/// so every rule's pass, fail, warn and missing path is taken. Valid as RequestReader would accept them
/// (no negative amounts, paid ≤ amount, academic ≤ total, platformId names a platform of the applicant).
/// Deterministic for a seed.
/// </summary>
public static class SyntheticApplications
{
    public static readonly string[] Categories = ["major-project", "key-rd", "basic-research", "iur-cooperation", "innovation-consortium", "achievement-transfer"];

    private static readonly string[] Fields =
    [
        "输变电装备", "有色金属", "盐卤化工", "核技术应用", "新能源", "先进钢铁材料", "新一代信息技术", "移动互联网", "新材料", "生物医药及医疗器械", "纺织服装", "绿色农产品及食品加工",
        "文化科技融合", "钟表", "智能计量", "人形机器人", "商用航空航天", "输变电装备制造", "有色金属冶炼及深加工", "汽车及零部件", "电子信息", "生物医药", "现代物流",
        "现代种业创新", "新品种选育和应用", "农产品精深加工", "乡村振兴", "文旅融合", "节能环保", "生命健康", "中医药", "食品安全", "智能衡器计量", "人工智能", "低空经济", "量子信息",
    ];

    /// <summary>The fields a category lists (an applicant mostly picks one of them).</summary>
    private static readonly Dictionary<string, string[]> OwnFields = new()
    {
        ["major-project"] = Fields[..17],
        ["key-rd"] = ["输变电装备制造", "有色金属冶炼及深加工", "盐卤化工", "新材料", "汽车及零部件", "电子信息", "生物医药", "新能源", "现代物流", "现代种业创新", "农产品精深加工", "乡村振兴", "文旅融合", "节能环保", "生命健康", "中医药", "食品安全"],
        ["innovation-consortium"] = ["新材料", "智能衡器计量"],
    };

    private static readonly string[] Kinds = ["enterprise", "university", "research-institute", "hospital", "other"];
    private static readonly string[] Titles = ["senior", "associate-senior", "intermediate", "junior", "none"];
    private static readonly string[] PlatformTypes = ["key-lab", "engineering-research-center", "other-platform", "key-discipline", "key-specialty", "double-first-class-cultivation"];
    private static readonly string[] PlatformLevels = ["national", "provincial", "municipal", "none"];
    private static readonly string[] ContractTypes = ["development", "transfer", "licensing", "consulting", "service"];
    private static readonly string[] AttachmentTypes = ["tech-contract", "contract-registration", "bank-receipt", "invoice", "platform-approval", "recommendation-letter", "consortium-agreement", "funding-receipts"];
    private static readonly int[] Counts = [0, 1, 2, 3];
    private static readonly DateOnly[] CheckDays = [new(2025, 5, 20), new(2025, 5, 20), new(2025, 4, 15), new(2025, 6, 30)];

    public static List<EligibilityRequest> Generate(int count, int seed)
    {
        var f = new Faker("zh_CN") { Random = new Randomizer(seed) };
        var requests = new List<EligibilityRequest>(count);
        for (var i = 0; i < count; i++)
            requests.Add(One(f, Categories[i % Categories.Length]));
        return requests;
    }

    private static EligibilityRequest One(Faker f, string category)
    {
        var asOf = f.PickRandom(CheckDays);
        var kind = category switch
        {
            "basic-research" => Weighted(f, Kinds, 4, 50, 25, 19, 2),
            "key-rd" => Weighted(f, Kinds, 60, 18, 11, 9, 2),
            _ => Weighted(f, Kinds, 94, 2, 2, 1, 1),
        };
        var platforms = f.Random.Bool(0.04f) ? null : Platforms(f);
        var applicant = new Applicant
        {
            Name = kind == "enterprise" ? CompanyName(f) : f.Address.City() + f.PickRandom("大学", "科学院", "人民医院", "职业技术学院"),
            CreditCode = CreditCode(f, kind),
            Kind = kind,
            InHengyang = Flag(f, 97, 2),
            IndependentLegalPerson = f.Random.Bool(0.97f),
            Employees = Maybe(f, 0.02f, () => f.Random.Bool(0.2f) ? f.PickRandom(499m, 500m, 501m) : f.Random.Int(5, 2000)),
            HighTech = f.Random.Bool(0.02f) ? null : new HighTechCertificate(
                Flag(f, 96, 3),
                "GR" + f.Random.ReplaceNumbers("2023430#####"),
                f.Random.Bool(0.01f) ? null : asOf.AddDays(f.Random.Bool(0.12f) ? f.Random.Int(-3, 3) : f.Random.Int(-60, 1100))),
            TechSme = f.Random.Bool(0.05f) ? null : new TechSmeAssessment(Flag(f, 85, 10), Weighted(f, new int?[] { 2025, 2024, null }, 90, 8, 2)),
            Finance = f.Random.Bool(0.02f) ? null : Finance(f),
            IurSpending = f.Random.Bool(0.03f) ? null : IurSpending(f),
            MajorProjectSubsidies = f.Random.Bool(0.03f) ? null
                : Enumerable.Range(0, Weighted(f, Counts, 50, 30, 15, 5)).Select(_ => new Subsidy(f.Random.Bool(0.02f) ? null : f.Random.Int(2019, 2025))).ToList(),
            Platforms = platforms,
            IpDispute = Flag(f, 3, 95),
        };

        var hasContract = category is "iur-cooperation" or "achievement-transfer" ? f.Random.Bool(0.97f) : f.Random.Bool(0.2f);
        var hasConsortium = category == "innovation-consortium" ? f.Random.Bool(0.95f) : f.Random.Bool(0.03f);
        var hasAchievement = category == "achievement-transfer" ? f.Random.Bool(0.95f) : f.Random.Bool(0.02f);
        var application = new ApplicationFacts
        {
            Category = category,
            Field = f.Random.Bool(0.02f) ? null : f.Random.Bool(0.85f) && OwnFields.TryGetValue(category, out var own) ? f.PickRandom(own) : f.PickRandom(Fields),
            Tier = category == "iur-cooperation" && f.Random.Bool(0.4f) ? "key" : "general",
            Leader = f.Random.Bool(0.02f) ? null : new Leader(f.Name.FullName(), f.Random.Bool(0.02f) ? null : f.PickRandom(Titles)),
            PlatformId = platforms is { Count: > 0 } && f.Random.Bool(category == "basic-research" ? 0.9f : 0.1f) ? f.PickRandom(platforms.ToArray()).Id : null,
            Contract = hasContract ? Contract(f, asOf) : null,
            Consortium = hasConsortium ? Consortium(f) : null,
            Achievement = hasAchievement ? Achievement(f) : null,
            Attachments = f.Random.Bool(0.02f) ? null : AttachmentTypes.Where(_ => f.Random.Bool(0.95f)).ToList(),
        };
        return new EligibilityRequest(asOf, applicant, application, new CheckContext(Weighted(f, Counts, 50, 30, 15, 5)));
    }

    private static List<Platform> Platforms(Faker f)
    {
        var count = Weighted(f, Counts, 5, 50, 33, 12);
        var list = new List<Platform>(count);
        for (var i = 1; i <= count; i++)
        {
            var type = f.Random.Bool(0.02f) ? null : f.PickRandom(PlatformTypes);
            var level = f.Random.Bool(0.02f) ? null : Weighted(f, PlatformLevels, 20, 50, 25, 5);
            var name = f.Random.Bool(0.02f) ? null : $"{f.PickRandom("湖南省", "衡阳市", "国家")}{f.PickRandom(Fields)}{f.PickRandom("重点实验室", "工程技术研究中心", "重点学科", "重点专科")}";
            list.Add(new Platform($"p{i}", name, type, level));
        }
        return list;
    }

    private static Dictionary<int, FinanceYear> Finance(Faker f)
    {
        var tax2024 = Around(f, 800_000m, 0.35f, 50_000m, 3_000_000m);
        decimal tax2022, tax2023;
        if (f.Random.Bool(0.3f) && tax2024 < 2_000_000m)
        {
            // 近三年合计 right at 2,000,000
            tax2022 = decimal.Round((2_000_000m - tax2024) / 2, 2);
            tax2023 = Math.Max(0, 2_000_000m - tax2024 - tax2022 + f.PickRandom(-1000m, -0.01m, 0m, 0m, 0.01m, 1000m));
        }
        else
        {
            tax2022 = Around(f, 600_000m, 0.1f, 0m, 2_000_000m);
            tax2023 = Around(f, 600_000m, 0.1f, 0m, 2_000_000m);
        }
        var revenue2024 = f.Random.Bool(0.1f) ? Around(f, 200_000_000m, 1f, 0m, 0m) : Around(f, 10_000_000m, 0.4f, 500_000m, 300_000_000m);
        var finance = new Dictionary<int, FinanceYear>();
        if (f.Random.Bool(0.95f))
            finance[2022] = new(Maybe(f, 0.1f, () => Around(f, 10_000_000m, 0.1f, 0m, 50_000_000m)), Maybe(f, 0.1f, () => Around(f, 10_000_000m, 0.1f, 0m, 50_000_000m)), Maybe(f, 0.07f, () => tax2022), null);
        if (f.Random.Bool(0.95f))
            finance[2023] = new(Maybe(f, 0.1f, () => Around(f, 10_000_000m, 0.1f, 0m, 50_000_000m)), Maybe(f, 0.1f, () => Around(f, 10_000_000m, 0.1f, 0m, 50_000_000m)), Maybe(f, 0.07f, () => tax2023), null);
        if (f.Random.Bool(0.98f))
            finance[2024] = new(
                Maybe(f, 0.07f, () => Around(f, 10_000_000m, 0.35f, 500_000m, 80_000_000m)),
                Maybe(f, 0.02f, () => revenue2024),
                Maybe(f, 0.02f, () => tax2024),
                Maybe(f, 0.07f, () => Around(f, 200_000_000m, 0.15f, 2_000_000m, 400_000_000m)));
        return finance;
    }

    private static Dictionary<int, decimal> IurSpending(Faker f)
    {
        var total = Around(f, 1_000_000m, 0.3f, 600_000m, 3_000_000m);
        var first = decimal.Round(total * f.Random.Decimal(0.1m, 0.5m), 2);
        var second = decimal.Round((total - first) * f.Random.Decimal(0.2m, 0.8m), 2);
        decimal[] split = [first, second, total - first - second];
        var spending = new Dictionary<int, decimal>();
        for (var year = 2022; year <= 2024; year++)
            if (f.Random.Bool(0.96f)) spending[year] = split[year - 2022];
        return spending;
    }

    private static TechContract Contract(Faker f, DateOnly asOf)
    {
        var amount = Maybe(f, 0.01f, () => f.Random.Bool(0.01f) ? 0m : Around(f, 300_000m, 0.3f, 50_000m, 5_000_000m));
        decimal? paid = amount is not { } a ? Maybe(f, 0.5f, () => f.Random.Int(0, 500_000))
            : f.Random.Bool(0.01f) ? null
            : f.Random.Bool(0.45f) ? Math.Clamp(decimal.Round(a * 0.2m, 2) + f.PickRandom(-1m, -0.01m, 0m, 0m, 0.01m, 1m), 0, a)
            : decimal.Round(a * f.Random.Decimal(0.1m, 1m), 2);
        var signed = asOf.AddDays(-f.Random.Int(-20, 1100));
        var effective = f.Random.Bool(0.35f) ? asOf.AddYears(-1).AddDays(f.Random.Int(-2, 2))
            : f.Random.Bool(0.15f) ? new DateOnly(2022, 1, 1).AddDays(f.Random.Int(-3, 3))
            : signed.AddDays(f.Random.Int(0, 30));
        var ends = f.Random.Bool(0.25f) ? new DateOnly(2025, 12, 1).AddDays(f.Random.Int(-2, 2)) : asOf.AddDays(f.Random.Int(150, 1200));
        return new TechContract
        {
            CounterpartyKind = f.Random.Bool(0.02f) ? null : Weighted(f, Kinds, 7, 50, 30, 10, 3),
            Type = f.PickRandom(ContractTypes),
            Amount = amount,
            Paid = paid,
            SignedOn = f.Random.Bool(0.01f) ? null : signed,
            EffectiveOn = f.Random.Bool(0.01f) ? null : effective,
            EndsOn = f.Random.Bool(0.01f) ? null : ends,
            Registered = Flag(f, 95, 4),
            RegistrationNo = f.Random.ReplaceNumbers("2024430400######"),
            RelatedParty = Flag(f, 3, 95),
        };
    }

    private static Consortium Consortium(Faker f)
    {
        List<ConsortiumMember>? members = null;
        if (!f.Random.Bool(0.02f))
        {
            var count = Weighted(f, Counts, 3, 35, 40, 22);
            members = [];
            for (var i = 0; i < count; i++)
            {
                var kind = f.Random.Bool(0.02f) ? null : Weighted(f, Kinds, 45, 30, 17, 5, 3);
                members.Add(new ConsortiumMember(kind == "enterprise" ? CompanyName(f) : f.Address.City() + f.PickRandom("大学", "研究院", "医院"), kind));
            }
        }
        return new Consortium(members, Flag(f, 95, 3));
    }

    private static Achievement Achievement(Faker f)
    {
        var total = f.Random.Int(1, 10);
        var academic = f.Random.Bool(0.35f) ? total / 2 + f.Random.Int(0, 1) : f.Random.Int(0, total);
        return new Achievement(f.Random.Bool(0.01f) ? null : academic, f.Random.Bool(0.01f) ? null : total);
    }

    /// <summary>衡阳某某科技有限公司: Bogus's zh_CN company names are "姓 - 姓", so built from its city and surname data.</summary>
    private static string CompanyName(Faker f) =>
        $"{f.Address.City().TrimEnd('市')}{f.Name.LastName()}{f.PickRandom("新材料", "智能装备", "电气", "生物医药", "精密制造", "信息", "化工", "计量")}{f.PickRandom("科技", "技术", "股份", "实业")}有限公司";

    /// <summary>A figure right at a threshold (give or take a fen, a yuan or a thousand) with the given weight, else anywhere in [low, high].</summary>
    private static decimal Around(Faker f, decimal threshold, float boundaryWeight, decimal low, decimal high)
    {
        if (f.Random.Bool(boundaryWeight))
            return Math.Max(0, threshold + f.PickRandom(-1000m, -1m, -0.01m, 0m, 0m, 0.01m, 1m, 1000m));
        var value = f.Random.Decimal(low, high);
        return decimal.Round(value, f.Random.Bool(0.3f) ? 2 : 0);
    }

    private static decimal? Maybe(Faker f, float absent, Func<decimal> value) => f.Random.Bool(absent) ? null : value();

    /// <summary>true / false / absent with the given percentages (the rest absent).</summary>
    private static bool? Flag(Faker f, int truePercent, int falsePercent) =>
        Weighted(f, new bool?[] { true, false, null }, truePercent, falsePercent, Math.Max(0, 100 - truePercent - falsePercent));

    /// <summary>One of the items, with the given relative weights (Bogus wants weights that sum to 1).</summary>
    private static T Weighted<T>(Faker f, T[] items, params int[] weights)
    {
        var total = (float)weights.Sum();
        return f.Random.WeightedRandom(items, weights.Select(w => w / total).ToArray());
    }

    private const string CodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>A 统一社会信用代码 with a correct GB 32100-2015 check character.</summary>
    private static string CreditCode(Faker f, string kind)
    {
        Span<char> code = stackalloc char[18];
        code[0] = kind == "enterprise" ? '9' : '1';
        code[1] = kind == "enterprise" ? '1' : '2';
        "430400".CopyTo(code[2..]);
        for (var i = 8; i < 17; i++) code[i] = CodeAlphabet[f.Random.Int(0, CodeAlphabet.Length - 1)];
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += CodeAlphabet.IndexOf(code[i], StringComparison.Ordinal) * CodeWeights[i];
        code[17] = CodeAlphabet[(31 - sum % 31) % 31];
        return new string(code);
    }
}
