using RulesEngine.Models;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Requests;
using ReRule = RulesEngine.Models.Rule;

namespace Shenbao.Benchmarks;

/// <summary>
/// The same rules of the 2025 guide as microsoft/RulesEngine 6.0.1 workflows (one per category) of lambda expressions
/// over a flat fact model. RulesEngine only answers true/false per rule; the rule's id, clause and severity travel in
/// <see cref="ReRule.Properties"/>, and two helper rules per conditional rule give applicability ("?applies") and
/// the doubtful case of an open list ("?doubtful"). Messages are the rule's static SuccessEvent / ErrorMessage: the
/// library has no templating beyond $(input.Property) in error messages, so figures are not in them.
/// </summary>
public sealed class RulesEngineEvaluator
{
    private const string Applies = "?applies";
    private const string Doubtful = "?doubtful";
    private const string Hte = "f.Kind == \"enterprise\" AND f.HteCertified == true AND f.HteValidTo != null AND f.HteValidTo >= f.AsOf";
    private const string TechSme =
        "(f.SmeSelfAssessed == true AND f.SmeYear == 2025) OR (f.Employees != null AND f.Employees > 500)"
        + " OR (f.Revenue2024 != null AND f.Revenue2024 > 200000000) OR (f.Assets2024 != null AND f.Assets2024 > 200000000)";
    private const string Institutions = "(\"university\", \"research-institute\")";

    private readonly global::RulesEngine.RulesEngine engine;
    private readonly Dictionary<string, List<ReRule>> byCategory;

    public RulesEngineEvaluator()
    {
        var workflows = Workflows();
        engine = new global::RulesEngine.RulesEngine(workflows, new ReSettings());
        byCategory = workflows.ToDictionary(w => w.WorkflowName, w => w.Rules.ToList());
    }

    public async ValueTask<Verdict> EvaluateAsync(EligibilityRequest request)
    {
        var category = request.Application.Category;
        var results = await engine.ExecuteAllRulesAsync(category, new RuleParameter("f", ReFacts.From(request))).ConfigureAwait(false);
        var met = new Dictionary<string, bool>(results.Count);
        foreach (var result in results)
        {
            if (!string.IsNullOrEmpty(result.ExceptionMessage) && result.Rule.ErrorMessage != result.ExceptionMessage)
                throw new InvalidOperationException($"RulesEngine rule {category}/{result.Rule.RuleName} threw: {result.ExceptionMessage}");
            met[result.Rule.RuleName] = result.IsSuccess;
        }

        var rules = new List<RuleResult>(results.Count);
        foreach (var rule in byCategory[category])
        {
            if (rule.RuleName.Contains('?', StringComparison.Ordinal)) continue;
            if (met.TryGetValue(rule.RuleName + Applies, out var applies) && !applies) continue;
            var success = met[rule.RuleName];
            var severity = (string)rule.Properties["severity"];
            var outcome = severity == "manual" ? Outcome.Manual
                : success ? Outcome.Pass
                : severity == "warn" || (met.TryGetValue(rule.RuleName + Doubtful, out var doubtful) && doubtful) ? Outcome.Warn
                : Outcome.Fail;
            rules.Add(new RuleResult(rule.RuleName, (string)rule.Properties["clause"], outcome, success ? rule.SuccessEvent : rule.ErrorMessage));
        }
        return Verdict.From(category, rules);
    }

    private static ReRule R(string id, string clause, string expression, string pass, string fail, string severity = "fail") => new()
    {
        RuleName = id,
        Expression = expression,
        RuleExpressionType = RuleExpressionType.LambdaExpression,
        SuccessEvent = pass,
        ErrorMessage = fail,
        Properties = new Dictionary<string, object> { ["clause"] = clause, ["severity"] = severity },
    };

    private static ReRule Manual(string id, string clause, string text) => R(id, clause, "true", text, text, "manual");

    private static ReRule Located(string clause) =>
        R("located-in-hengyang", clause, "f.InHengyang == true", "申报单位在衡阳市内注册或驻衡", "申报单位不在衡阳市内注册或驻衡（或未说明），本计划为市级科技计划");

    private static ReRule HteRule(string clause) =>
        R("hte", clause, Hte, "申报单位为企业，已认定为高新技术企业，证书在有效期内", "须为高新技术企业（企业、已认定、证书在申报日有效）");

    private static IEnumerable<ReRule> TechSmeRules(string clause, bool undertaking)
    {
        yield return R("tech-sme-self-assessment" + Applies, clause, Hte, "", "");
        yield return undertaking
            ? R("tech-sme-self-assessment", clause, TechSme, "已完成自评或超出科技型中小企业标准（由评审人员核实）", "符合科技型中小企业标准，须在省厅开放系统后完成自评，由评审人员核实", "manual")
            : R("tech-sme-self-assessment", clause, TechSme, "已在系统内完成2025年度自评，或超出科技型中小企业标准", "符合科技型中小企业标准（或无法判断），须在系统内完成2025年度自评");
    }

    private static Workflow Workflow(string name, IEnumerable<ReRule> rules) => new() { WorkflowName = name, Rules = rules.ToList() };

    public static Workflow[] Workflows() =>
    [
        Workflow("major-project",
        [
            Located("一、支持对象"),
            HteRule("一、支持对象"),
            .. TechSmeRules("一、支持对象", undertaking: false),
            R("major-subsidy-limit", "一、支持对象", "f.Subsidies != null AND f.Subsidies.Count(s => s.Year >= 2021 AND s.Year <= 2023) < 2",
                "2021—2023年获得科技重大专项补助少于2次", "2021—2023年已获得科技重大专项补助2次及以上（或未填报），按指南不予支持"),
            R("leader-title", "一、项目负责人", "f.LeaderTitle in (\"senior\", \"associate-senior\")", "项目负责人具有副高及以上职称", "项目负责人须具有副高及以上职称"),
            R("field-in-list", "一、支持领域",
                "f.Field in (\"输变电装备\", \"有色金属\", \"盐卤化工\", \"核技术应用\", \"新能源\", \"先进钢铁材料\", \"新一代信息技术\", \"移动互联网\", \"新材料\", \"生物医药及医疗器械\", \"纺织服装\", \"绿色农产品及食品加工\", \"文化科技融合\", \"钟表\", \"智能计量\", \"人形机器人\", \"商用航空航天\")",
                "申报领域属于本类别支持领域", "申报领域不在本类别支持领域内"),
        ]),
        Workflow("key-rd",
        [
            Located("二、支持对象"),
            R("keyrd-applicant", "二、支持对象", $"({Hte}) OR f.Kind in (\"university\", \"research-institute\", \"hospital\")",
                "申报单位为高新技术企业或驻衡高校、科研院所、医院", "须为高新技术企业或驻衡高校、科研院所、医院"),
            .. TechSmeRules("二、支持对象", undertaking: false),
            R("field-in-list", "二、支持领域",
                "f.Field in (\"输变电装备制造\", \"有色金属冶炼及深加工\", \"盐卤化工\", \"新材料\", \"汽车及零部件\", \"电子信息\", \"生物医药\", \"新能源\", \"现代物流\", "
                + "\"现代种业创新\", \"新品种选育和应用\", \"智能农机装备研发与推广\", \"农产品精深加工\", \"轻简高产绿色高效栽培\", \"重大有害生物安全防控\", \"乡村振兴\", "
                + "\"文旅融合\", \"节能环保\", \"生命健康\", \"中医药\", \"防震救灾\", \"水污染与重金属污染治理\", \"禁毒\", \"艾滋病防治\", \"消防及安全生产\", \"食品安全\", \"科技安全\")",
                "申报领域属于指南列举的支持领域", "申报领域不在指南列举的工业、农业、社会发展领域内，须填写理由，由科技局判断", "warn"),
        ]),
        Workflow("basic-research",
        [
            Located("三、支持对象"),
            R("basic-applicant", "三、支持对象", "f.Kind in (\"university\", \"research-institute\", \"hospital\")", "申报单位为驻衡高校、科研院所或医院", "本类别支持对象为驻衡高校、科研院所、医院"),
            R("basic-platform", "三、支持方向",
                "f.PlatformId != null AND f.Platforms != null AND f.Platforms.Any(p => p.Id == f.PlatformId AND (p.Level in (\"national\", \"provincial\") OR p.Type == \"double-first-class-cultivation\"))",
                "依托省级及以上科研平台、重点学科（专科）或国家双一流培育学科", "依托的平台或学科不是省级及以上科研平台、重点学科（专科）或国家双一流培育学科（或未选择）"),
            R("basic-quota", "三、支持方向", "f.ApplicationsOnSamePlatform < 2", "该平台尚有申报名额", "已达每个平台限报2项的名额"),
            R("basic-documents", "三、支持方向", "f.Attachments.Contains(\"platform-approval\") AND f.Attachments.Contains(\"recommendation-letter\")",
                "已上传平台、学科批复文件、平台负责人、学科带头人推荐函", "申报时须上传平台、学科批复文件、平台负责人、学科带头人推荐函"),
            Manual("manual-basic-industry", "三、支持方向", "项目围绕我市优势特色产业发展开展基础研究和基础应用研究（由评审人员判断）"),
        ]),
        Workflow("iur-cooperation",
        [
            Located("四（一）支持对象"),
            HteRule("四（一）支持对象"),
            .. TechSmeRules("四（一）支持对象", undertaking: false),
            R("iur-partner", "四（一）支持方向", $"f.CounterpartyKind in {Institutions}", "合作对方为高校或科研院所", "产学研合作的对方须为高校、科研院所等"),
            R("iur-partner" + Doubtful, "四（一）支持方向", "f.CounterpartyKind == \"hospital\"", "", ""),
            R("iur-contract-period", "四（一）具体条件1",
                "f.SignedOn != null AND f.EndsOn != null AND f.SignedOn <= f.AsOf AND f.AsOf <= f.EndsOn AND f.EndsOn >= DateTime(2025, 12, 1)",
                "申报日在合同执行期内，合同执行至2025年12月及以后", "申报日不在合同执行期内，或合同执行结束日期早于2025年12月1日"),
            R("iur-registration", "四（一）具体条件2", "f.Registered == true AND f.Attachments.Contains(\"contract-registration\")",
                "技术合同已登记并上传登记证明", "技术合同须在全国技术合同认定登记系统登记并上传登记证明"),
            R("iur-payment", "四（一）具体条件3", "f.Paid != null AND f.Amount != null AND f.Amount > 0 AND f.Paid >= 0.2m * f.Amount", "已支付金额不低于合同总金额的20%", "已支付金额低于合同总金额的20%"),
            R("iur-payment-proof", "四（一）具体条件3", "f.Attachments.Contains(\"bank-receipt\") AND f.Attachments.Contains(\"invoice\")",
                "已上传付款凭证：银行进账单、单位开具的发票", "须提供银行进账单、单位开具的发票为付款凭证"),
            R("iur-key-thresholds", "四（一）具体条件4", "f.Amount != null AND f.Amount >= 300000 AND f.Output2024 != null AND f.Output2024 >= 10000000",
                "重点项目合同金额不低于300,000元，2024年度产值不低于10,000,000元", "重点项目合同金额须不低于300,000元，2024年度产值须不低于10,000,000元"),
            R("iur-key-thresholds" + Applies, "四（一）具体条件4", "f.Tier == \"key\"", "", ""),
        ]),
        Workflow("innovation-consortium",
        [
            Located("四（二）具体条件1"),
            HteRule("四（二）支持对象"),
            .. TechSmeRules("四（二）支持对象", undertaking: true),
            R("consortium-lead", "四（二）具体条件1", "f.Kind == \"enterprise\" AND f.IndependentLegalPerson", "牵头单位为独立法人企业", "牵头单位须为独立法人企业"),
            R("consortium-platform", "四（二）具体条件2",
                "f.Platforms != null AND f.Platforms.Any(p => p.Type in (\"key-lab\", \"engineering-research-center\", \"other-platform\") AND p.Level in (\"national\", \"provincial\"))",
                "牵头单位建有省级以上科技创新平台", "牵头单位未建有省级以上重点实验室、工程技术研究中心等科技创新平台"),
            R("consortium-members", "四（二）支持方向", $"f.Members != null AND f.Members.Any(m => m.Kind in {Institutions})", "成员单位包括高校或科研院所", "成员单位中没有高校或科研院所"),
            R("consortium-agreement", "四（二）具体条件6",
                "f.AgreementSigned == true AND f.Attachments.Contains(\"consortium-agreement\") AND f.Attachments.Contains(\"funding-receipts\")",
                "已共同签署《创新联合体组建协议》并上传协议和项目经费往来票据", "须共同签署《创新联合体组建协议》并上传协议和项目经费往来票据"),
            R("consortium-field", "四（二）支持方向", "f.Field in (\"新材料\", \"智能衡器计量\")", "申报领域属于主要面向的产业链", "申报领域不在主要面向的新材料、智能衡器计量产业链内，须填写理由，由科技局判断", "warn"),
            Manual("manual-consortium-leading-enterprise", "四（二）支持方向", "牵头企业为新材料、智能衡器计量产业链行业领军企业（由评审人员判断）"),
            Manual("manual-consortium-condition-1", "四（二）具体条件1", "具有重大牵引项目，能够集聚产业链上下游创新资源，在国内具备一定的行业影响力，首席专家能够引领创新联合体发展（由评审人员判断）"),
            Manual("manual-consortium-condition-2", "四（二）具体条件2", "牵头单位与高校、科研院所及专家团队有良好的合作基础（由评审人员判断）"),
            Manual("manual-consortium-condition-3", "四（二）具体条件3", "牵头单位能够发起、组织高水平学术交流、技术服务、国际合作、成果转移转化等活动（由评审人员判断）"),
            Manual("manual-consortium-condition-4", "四（二）具体条件4", "成员单位与牵头企业具备合作基础和合作意愿（由评审人员判断）"),
            Manual("manual-consortium-condition-5", "四（二）具体条件5", "成员单位具有相应的研究团队、科研实验条件或研发和技术配套能力（由评审人员判断）"),
        ]),
        Workflow("achievement-transfer",
        [
            Located("五、具体条件2"),
            HteRule("五、支持对象1"),
            .. TechSmeRules("五、支持对象1", undertaking: true),
            R("transfer-source", "五、支持对象2", $"f.CounterpartyKind in {Institutions}", "科技成果产出单位为高等院校或科研机构", "科技成果产出单位须为高等院校、科研机构"),
            R("transfer-contributors", "五、支持对象2", "f.Academic != null AND f.Total != null AND f.Academic * 2 > f.Total",
                "主要完成人以高校和科研机构科研人员为主", "主要完成人未以高校和科研机构科研人员为主；指南要求原则上以其为主，须填写理由", "warn"),
            R("transfer-iur-spending", "五、支持对象3", "(f.Iur2022 != null OR f.Iur2023 != null OR f.Iur2024 != null) AND (f.Iur2022 ?? 0m) + (f.Iur2023 ?? 0m) + (f.Iur2024 ?? 0m) >= 1000000",
                "近三年产学研合作支出合计不低于1,000,000元", "近三年产学研合作支出合计低于1,000,000元（或未填报）"),
            R("transfer-revenue", "五、支持对象4", "f.Revenue2024 != null AND f.Revenue2024 >= 10000000", "2024年度营业收入不低于10,000,000元", "2024年度营业收入低于10,000,000元（或未填报）"),
            R("transfer-tax", "五、支持对象4",
                "(f.Tax2024 != null AND f.Tax2024 >= 800000) OR ((f.Tax2022 != null OR f.Tax2023 != null OR f.Tax2024 != null) AND (f.Tax2022 ?? 0m) + (f.Tax2023 ?? 0m) + (f.Tax2024 ?? 0m) >= 2000000)",
                "2024年度实缴税费不低于800,000元，或近三年合计不低于2,000,000元", "2024年度实缴税费低于800,000元，且近三年合计低于2,000,000元"),
            R("transfer-no-ip-dispute", "五、支持对象4", "f.IpDispute == false", "声明无知识产权纠纷", "存在知识产权纠纷（或未声明），按指南不予支持"),
            R("transfer-no-related-party", "五、支持对象5", "f.RelatedParty == false", "声明交易双方之间不存在关联关系", "交易双方之间存在关联关系（或未声明），按指南不予支持"),
            R("transfer-since-2022", "五、支持方向", "f.EffectiveOn != null AND f.EffectiveOn >= DateTime(2022, 1, 1)", "合同生效日期在2022年1月1日以来", "合同生效日期早于2022年1月1日（或未填报）"),
            R("transfer-applied-one-year", "五、具体条件2", "f.EffectiveOn != null AND f.EffectiveOn.Value.AddYears(1) <= f.AsOf",
                "已转化应用满1年", "转化应用未满1年；指南要求原则上满1年，须填写理由", "warn"),
            R("transfer-registration", "五、具体条件6", "f.Registered == true AND f.Attachments.Contains(\"contract-registration\")",
                "技术合同已经认定登记并上传登记证明", "技术合同须经认定登记并上传登记证明"),
            Manual("manual-transfer-direction", "五、支持方向", "项目围绕我市新兴产业和未来产业，取得关键技术突破和突出产业化效果，拟持续进行技术迭代和成果产业化（由评审人员判断）"),
            Manual("manual-transfer-condition-1", "五、具体条件1", "科技成果符合我市现代化产业体系发展方向（由评审人员判断）"),
            Manual("manual-transfer-condition-2", "五、具体条件2", "科技成果技术领先、带动性强、转化增值潜力大，在市内实现产业化（由评审人员判断）"),
            Manual("manual-transfer-condition-3", "五、具体条件3", "转化模式清晰，对我市成果转化工作具有借鉴意义（由评审人员判断）"),
            Manual("manual-transfer-condition-4", "五、具体条件4", "转化效益突出，对地方产业发展具有重大推动作用（由评审人员判断）"),
            Manual("manual-transfer-condition-5", "五、具体条件5", "下步技术迭代路径清晰，产业化商业化具有良好的基础和前景（由评审人员判断）"),
            Manual("manual-transfer-iur-relationship", "五、支持对象3", "申报企业与高校院所建立了良好的产学研合作关系（支出数额之外，由评审人员判断）"),
        ]),
    ];
}

/// <summary>The request flattened into what the RulesEngine expressions read (dates as DateTime, the dynamic-LINQ friendly type).</summary>
public sealed class ReFacts
{
    public DateTime AsOf { get; init; }
    public string Kind { get; init; } = "";
    public bool? InHengyang { get; init; }
    public bool IndependentLegalPerson { get; init; }
    public decimal? Employees { get; init; }
    public bool? HteCertified { get; init; }
    public DateTime? HteValidTo { get; init; }
    public bool? SmeSelfAssessed { get; init; }
    public int? SmeYear { get; init; }
    public decimal? Output2024 { get; init; }
    public decimal? Revenue2024 { get; init; }
    public decimal? Assets2024 { get; init; }
    public decimal? Tax2022 { get; init; }
    public decimal? Tax2023 { get; init; }
    public decimal? Tax2024 { get; init; }
    public decimal? Iur2022 { get; init; }
    public decimal? Iur2023 { get; init; }
    public decimal? Iur2024 { get; init; }
    public IReadOnlyList<Subsidy>? Subsidies { get; init; }
    public IReadOnlyList<Platform>? Platforms { get; init; }
    public bool? IpDispute { get; init; }
    public string? Field { get; init; }
    public string Tier { get; init; } = "general";
    public string? LeaderTitle { get; init; }
    public string? PlatformId { get; init; }
    public string? CounterpartyKind { get; init; }
    public decimal? Amount { get; init; }
    public decimal? Paid { get; init; }
    public DateTime? SignedOn { get; init; }
    public DateTime? EffectiveOn { get; init; }
    public DateTime? EndsOn { get; init; }
    public bool? Registered { get; init; }
    public bool? RelatedParty { get; init; }
    public IReadOnlyList<ConsortiumMember>? Members { get; init; }
    public bool? AgreementSigned { get; init; }
    public decimal? Academic { get; init; }
    public decimal? Total { get; init; }
    public IReadOnlyList<string> Attachments { get; init; } = [];
    public int ApplicationsOnSamePlatform { get; init; }

    public static ReFacts From(EligibilityRequest r)
    {
        var a = r.Applicant;
        var app = r.Application;
        var c = app.Contract;
        var f2022 = Finance(a, 2022);
        var f2023 = Finance(a, 2023);
        var f2024 = Finance(a, 2024);
        return new ReFacts
        {
            AsOf = Day(r.AsOf),
            Kind = a.Kind,
            InHengyang = a.InHengyang,
            IndependentLegalPerson = a.IndependentLegalPerson,
            Employees = a.Employees,
            HteCertified = a.HighTech?.Certified,
            HteValidTo = Day(a.HighTech?.ValidTo),
            SmeSelfAssessed = a.TechSme?.SelfAssessed,
            SmeYear = a.TechSme?.Year,
            Output2024 = f2024?.Output,
            Revenue2024 = f2024?.Revenue,
            Assets2024 = f2024?.Assets,
            Tax2022 = f2022?.Tax,
            Tax2023 = f2023?.Tax,
            Tax2024 = f2024?.Tax,
            Iur2022 = Iur(a, 2022),
            Iur2023 = Iur(a, 2023),
            Iur2024 = Iur(a, 2024),
            Subsidies = a.MajorProjectSubsidies,
            Platforms = a.Platforms,
            IpDispute = a.IpDispute,
            Field = app.Field,
            Tier = app.Tier,
            LeaderTitle = app.Leader?.Title,
            PlatformId = app.PlatformId,
            CounterpartyKind = c?.CounterpartyKind,
            Amount = c?.Amount,
            Paid = c?.Paid,
            SignedOn = Day(c?.SignedOn),
            EffectiveOn = Day(c?.EffectiveOn),
            EndsOn = Day(c?.EndsOn),
            Registered = c?.Registered,
            RelatedParty = c?.RelatedParty,
            Members = app.Consortium?.Members,
            AgreementSigned = app.Consortium?.AgreementSigned,
            Academic = app.Achievement?.Academic,
            Total = app.Achievement?.Total,
            Attachments = app.Attachments ?? [],
            ApplicationsOnSamePlatform = r.Context.ApplicationsOnSamePlatform,
        };
    }

    private static FinanceYear? Finance(Applicant a, int year) => a.Finance is { } f && f.TryGetValue(year, out var y) ? y : null;

    private static decimal? Iur(Applicant a, int year) => a.IurSpending is { } s && s.TryGetValue(year, out var v) ? v : null;

    private static DateTime Day(DateOnly d) => d.ToDateTime(TimeOnly.MinValue);

    private static DateTime? Day(DateOnly? d) => d?.ToDateTime(TimeOnly.MinValue);
}
