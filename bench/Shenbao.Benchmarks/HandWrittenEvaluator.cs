using System.Globalization;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Requests;

namespace Shenbao.Benchmarks;

/// <summary>
/// The rules of the 2025 Hengyang guide written out by hand, figures and messages hard-coded: the "physical limit"
/// the data-driven engine is measured against. It must give exactly the engine's results (rule ids, clauses,
/// outcomes, messages, verdict) for the shipped guide; <see cref="Equivalence"/> checks that before any benchmark.
/// It does only the work the output needs (e.g. it skips the size limits when the self-assessment is done,
/// and reuses the HTE check for the self-assessment's applicability).
/// </summary>
public static class HandWrittenEvaluator
{
    private const string ContractMissing = "未提供技术合同";
    private static readonly DateOnly EndsNoEarlierThan = new(2025, 12, 1);
    private static readonly DateOnly TransferSince = new(2022, 1, 1);

    private static readonly HashSet<string> MajorFields =
        ["输变电装备", "有色金属", "盐卤化工", "核技术应用", "新能源", "先进钢铁材料", "新一代信息技术", "移动互联网", "新材料", "生物医药及医疗器械", "纺织服装", "绿色农产品及食品加工", "文化科技融合", "钟表", "智能计量", "人形机器人", "商用航空航天"];
    private const string MajorFieldsText = "输变电装备、有色金属、盐卤化工、核技术应用、新能源、先进钢铁材料、新一代信息技术、移动互联网、新材料、生物医药及医疗器械、纺织服装、绿色农产品及食品加工、文化科技融合、钟表、智能计量、人形机器人、商用航空航天";

    private static readonly HashSet<string> KeyRdFields =
    [
        "输变电装备制造", "有色金属冶炼及深加工", "盐卤化工", "新材料", "汽车及零部件", "电子信息", "生物医药", "新能源", "现代物流",
        "现代种业创新", "新品种选育和应用", "智能农机装备研发与推广", "农产品精深加工", "轻简高产绿色高效栽培", "重大有害生物安全防控", "乡村振兴",
        "文旅融合", "节能环保", "生命健康", "中医药", "防震救灾", "水污染与重金属污染治理", "禁毒", "艾滋病防治", "消防及安全生产", "食品安全", "科技安全",
    ];

    public static Verdict Evaluate(EligibilityRequest request) => request.Application.Category switch
    {
        "major-project" => MajorProject(request),
        "key-rd" => KeyRd(request),
        "basic-research" => BasicResearch(request),
        "iur-cooperation" => IurCooperation(request),
        "innovation-consortium" => InnovationConsortium(request),
        "achievement-transfer" => AchievementTransfer(request),
        _ => throw new ArgumentException($"Unknown category '{request.Application.Category}'", nameof(request)),
    };

    // 一、科技重大专项
    private static Verdict MajorProject(EligibilityRequest r)
    {
        const string clause = "一、支持对象";
        var rules = new List<RuleResult>(6) { Located(r, clause) };
        var hte = Hte(r, out var hteMessage);
        rules.Add(Result("hte", clause, hte, hteMessage));
        if (hte) rules.Add(TechSme(r, clause, undertaking: false));

        var subsidies = r.Applicant.MajorProjectSubsidies;
        if (subsidies is null)
            rules.Add(new("major-subsidy-limit", clause, Outcome.Fail, "未填报获得科技重大专项补助的情况（未获得过的也须声明：在单位信息中勾选“未获得过科技重大专项补助”）"));
        else
        {
            var count = 0;
            foreach (var s in subsidies)
                if (s.Year is >= 2021 and <= 2023) count++;
            rules.Add(count < 2
                ? new("major-subsidy-limit", clause, Outcome.Pass, string.Create(CultureInfo.InvariantCulture, $"2021—2023年获得科技重大专项补助{count}次，少于2次"))
                : new("major-subsidy-limit", clause, Outcome.Fail, string.Create(CultureInfo.InvariantCulture, $"2021—2023年已获得科技重大专项补助{count}次，按指南不予支持")));
        }

        var title = r.Application.Leader?.Title;
        rules.Add(title switch
        {
            null => new("leader-title", "一、项目负责人", Outcome.Fail, "未提供项目负责人职称"),
            "senior" or "associate-senior" => new("leader-title", "一、项目负责人", Outcome.Pass, $"项目负责人具有{Title(title)}"),
            _ => new("leader-title", "一、项目负责人", Outcome.Fail, $"项目负责人：{Title(title)}，须具有副高及以上职称"),
        });

        var field = r.Application.Field;
        rules.Add(field is null
            ? new("field-in-list", "一、支持领域", Outcome.Fail, "未提供支持领域")
            : MajorFields.Contains(field)
                ? new("field-in-list", "一、支持领域", Outcome.Pass, $"申报领域“{field}”属于本类别支持领域")
                : new("field-in-list", "一、支持领域", Outcome.Fail, $"申报领域“{field}”不在本类别支持领域内（{MajorFieldsText}）"));
        return Verdict.From("major-project", rules);
    }

    // 二、重点研发
    private static Verdict KeyRd(EligibilityRequest r)
    {
        const string clause = "二、支持对象";
        var rules = new List<RuleResult>(4) { Located(r, clause) };
        var hte = Hte(r, out var hteMessage);
        var kind = r.Applicant.Kind;
        if (hte)
            rules.Add(new("keyrd-applicant", clause, Outcome.Pass, hteMessage));
        else if (kind is "university" or "research-institute" or "hospital")
            rules.Add(new("keyrd-applicant", clause, Outcome.Pass, $"申报单位为{Org(kind)}"));
        else
            rules.Add(new("keyrd-applicant", clause, Outcome.Fail, $"须为高新技术企业或驻衡高校、科研院所、医院：{hteMessage}；申报单位为{Org(kind)}，不是高校、科研院所或医院"));
        if (hte) rules.Add(TechSme(r, clause, undertaking: false));

        var field = r.Application.Field;
        rules.Add(field is null
            ? new("field-in-list", "二、支持领域", Outcome.Warn, "未填报申报领域")
            : KeyRdFields.Contains(field)
                ? new("field-in-list", "二、支持领域", Outcome.Pass, $"申报领域“{field}”属于指南列举的支持领域")
                : new("field-in-list", "二、支持领域", Outcome.Warn, $"申报领域“{field}”不在指南列举的工业、农业、社会发展领域内；指南列举后有“等”字，须填写理由，由科技局判断"));
        return Verdict.From("key-rd", rules);
    }

    // 三、基础（应用）研究
    private static Verdict BasicResearch(EligibilityRequest r)
    {
        const string clause = "三、支持方向";
        var rules = new List<RuleResult>(6) { Located(r, "三、支持对象") };
        var kind = r.Applicant.Kind;
        rules.Add(kind is "university" or "research-institute" or "hospital"
            ? new("basic-applicant", "三、支持对象", Outcome.Pass, $"申报单位为{Org(kind)}")
            : new("basic-applicant", "三、支持对象", Outcome.Fail, $"申报单位为{Org(kind)}，本类别支持对象为驻衡高校、科研院所、医院"));

        Platform? platform = null;
        if (r.Application.PlatformId is { } id && r.Applicant.Platforms is { } platforms)
            foreach (var p in platforms)
                if (p.Id == id) { platform = p; break; }
        if (platform is null)
            rules.Add(new("basic-platform", clause, Outcome.Fail, "未选择项目依托的平台或学科"));
        else if (platform.Level is "national" or "provincial" || platform.Type is "double-first-class-cultivation")
            rules.Add(new("basic-platform", clause, Outcome.Pass, $"依托{Describe(platform)}，属于省级及以上科研平台、重点学科（专科）或国家双一流培育学科"));
        else
            rules.Add(new("basic-platform", clause, Outcome.Fail, $"依托的{Describe(platform)}不是省级及以上科研平台、重点学科（专科）或国家双一流培育学科"));

        var taken = r.Context.ApplicationsOnSamePlatform;
        rules.Add(taken < 2
            ? new("basic-quota", clause, Outcome.Pass, $"该平台本批次已有其他{Money.Format(taken)}项申报，每个平台限报2项，尚有{Money.Format(2 - taken)}个名额")
            : new("basic-quota", clause, Outcome.Fail, $"该平台本批次已有其他{Money.Format(taken)}项申报，已达每个平台限报2项的名额"));

        var attachments = r.Application.Attachments;
        var lacking = Lacking(attachments, "platform-approval", "平台、学科批复文件", "recommendation-letter", "平台负责人、学科带头人推荐函");
        rules.Add(lacking is null
            ? new("basic-documents", clause, Outcome.Pass, "已上传平台、学科批复文件、平台负责人、学科带头人推荐函")
            : new("basic-documents", clause, Outcome.Fail, $"申报时须上传平台、学科批复文件、平台负责人、学科带头人推荐函，缺少{lacking}"));

        rules.Add(new("manual-basic-industry", clause, Outcome.Manual, "项目围绕我市优势特色产业发展开展基础研究和基础应用研究（由评审人员判断）"));
        return Verdict.From("basic-research", rules);
    }

    // 四（一）产学研合作
    private static Verdict IurCooperation(EligibilityRequest r)
    {
        const string clause = "四（一）支持对象";
        var rules = new List<RuleResult>(10) { Located(r, clause) };
        var hte = Hte(r, out var hteMessage);
        rules.Add(Result("hte", clause, hte, hteMessage));
        if (hte) rules.Add(TechSme(r, clause, undertaking: false));

        var c = r.Application.Contract;
        rules.Add(c?.CounterpartyKind switch
        {
            null => new("iur-partner", "四（一）支持方向", Outcome.Fail, c is null ? ContractMissing : "未提供合同对方单位类型"),
            "university" or "research-institute" => new("iur-partner", "四（一）支持方向", Outcome.Pass, $"合作对方为{Org(c.CounterpartyKind)}"),
            "hospital" => new("iur-partner", "四（一）支持方向", Outcome.Warn, "合作对方为医院，不是指南明列的高校、科研院所；指南写作“高校、科研院所等”，须填写理由，由科技局判断"),
            var other => new("iur-partner", "四（一）支持方向", Outcome.Fail, $"合作对方为{Org(other)}，产学研合作的对方须为高校、科研院所等"),
        });

        const string period = "iur-contract-period", periodClause = "四（一）具体条件1";
        if (c is null)
            rules.Add(new(period, periodClause, Outcome.Fail, ContractMissing));
        else if (c.SignedOn is null && c.EndsOn is { } early && early < EndsNoEarlierThan)
            rules.Add(new(period, periodClause, Outcome.Fail, $"合同执行结束日期为{Date(early)}，须至少到2025年12月1日及以后"));
        else if (c.SignedOn is not { } signed || c.EndsOn is not { } ends)
            rules.Add(new(period, periodClause, Outcome.Fail, c.SignedOn is null && c.EndsOn is null ? "未提供合同签订日期、合同执行结束日期" : c.SignedOn is null ? "未提供合同签订日期" : "未提供合同执行结束日期"));
        else if (r.AsOf < signed || r.AsOf > ends)
            rules.Add(new(period, periodClause, Outcome.Fail, $"申报日{Date(r.AsOf)}不在合同执行期（{Date(signed)}至{Date(ends)}）内"));
        else if (ends < EndsNoEarlierThan)
            rules.Add(new(period, periodClause, Outcome.Fail, $"合同执行结束日期为{Date(ends)}，须至少到2025年12月1日及以后"));
        else
        {
            var endsText = Date(ends);
            rules.Add(new(period, periodClause, Outcome.Pass, $"合同签订于{Date(signed)}，执行至{endsText}，申报日{Date(r.AsOf)}在合同执行期内；合同执行结束日期为{endsText}，不早于2025年12月1日"));
        }

        var attachments = r.Application.Attachments;
        var hasRegistration = Has(attachments, "contract-registration");
        rules.Add((c?.Registered, hasRegistration) switch
        {
            (null, false) => new("iur-registration", "四（一）具体条件2", Outcome.Fail, "未上传技术合同认定登记证明"),
            (null, true) => new("iur-registration", "四（一）具体条件2", Outcome.Fail, c is null ? ContractMissing : "未提供合同是否已认定登记"),
            (false, _) => new("iur-registration", "四（一）具体条件2", Outcome.Fail, "技术合同未在全国技术合同认定登记系统登记"),
            (true, false) => new("iur-registration", "四（一）具体条件2", Outcome.Fail, "未上传技术合同认定登记证明"),
            (true, true) => new("iur-registration", "四（一）具体条件2", Outcome.Pass, "技术合同已在全国技术合同认定登记系统登记；已上传技术合同认定登记证明"),
        });

        if (c?.Paid is not { } paid || c.Amount is not { } amount)
            rules.Add(new("iur-payment", "四（一）具体条件3", Outcome.Fail,
                c is null ? ContractMissing
                : c.Paid is null && c.Amount is null ? "未提供合同已支付金额、合同总金额"
                : c.Paid is null ? "未提供合同已支付金额" : "未提供合同总金额"));
        else
        {
            var share = amount == 0 ? "—" : Percent(paid / amount);
            rules.Add(amount > 0 && paid >= 0.2m * amount
                ? new("iur-payment", "四（一）具体条件3", Outcome.Pass, $"已支付 {Money.Format(paid)} 元，占合同总金额 {Money.Format(amount)} 元的{share}，不低于20%")
                : new("iur-payment", "四（一）具体条件3", Outcome.Fail, $"已支付 {Money.Format(paid)} 元，占合同总金额 {Money.Format(amount)} 元的{share}，低于20%"));
        }

        var lacking = Lacking(attachments, "bank-receipt", "银行进账单", "invoice", "单位开具的发票");
        rules.Add(lacking is null
            ? new("iur-payment-proof", "四（一）具体条件3", Outcome.Pass, "已上传付款凭证：银行进账单、单位开具的发票")
            : new("iur-payment-proof", "四（一）具体条件3", Outcome.Fail, $"须提供银行进账单、单位开具的发票为付款凭证，缺少{lacking}"));

        if (r.Application.Tier == "key")
        {
            const string key = "iur-key-thresholds", keyClause = "四（一）具体条件4";
            var output = FinanceOf(r.Applicant, 2024)?.Output;
            if (c?.Amount is { } low && low < 300_000)
                rules.Add(new(key, keyClause, Outcome.Fail, $"重点项目合同金额 {Money.Format(low)} 元，低于 300,000 元"));
            else if (output is { } lowOutput && lowOutput < 10_000_000)
                rules.Add(new(key, keyClause, Outcome.Fail, $"2024年度产值 {Money.Format(lowOutput)} 元，低于 10,000,000 元"));
            else if (c?.Amount is not { } keyAmount)
                rules.Add(new(key, keyClause, Outcome.Fail, c is null ? ContractMissing : "未提供合同总金额"));
            else if (output is null)
                rules.Add(new(key, keyClause, Outcome.Fail, "未提供2024年度产值"));
            else
                rules.Add(new(key, keyClause, Outcome.Pass, $"重点项目合同金额 {Money.Format(keyAmount)} 元，不低于 300,000 元；2024年度产值 {Money.Format(output.Value)} 元，不低于 10,000,000 元"));
        }
        return Verdict.From("iur-cooperation", rules);
    }

    // 四（二）创新联合体
    private static Verdict InnovationConsortium(EligibilityRequest r)
    {
        var rules = new List<RuleResult>(14) { Located(r, "四（二）具体条件1") };
        var hte = Hte(r, out var hteMessage);
        rules.Add(Result("hte", "四（二）支持对象", hte, hteMessage));
        if (hte) rules.Add(TechSme(r, "四（二）支持对象", undertaking: true));

        var a = r.Applicant;
        rules.Add(a.Kind != "enterprise"
            ? new("consortium-lead", "四（二）具体条件1", Outcome.Fail, $"牵头单位为{Org(a.Kind)}，须为企业")
            : a.IndependentLegalPerson
                ? new("consortium-lead", "四（二）具体条件1", Outcome.Pass, "牵头单位为企业；牵头单位为独立法人")
                : new("consortium-lead", "四（二）具体条件1", Outcome.Fail, "牵头单位不是独立法人（分支机构不能牵头）"));

        if (a.Platforms is not { } platforms)
            rules.Add(new("consortium-platform", "四（二）具体条件2", Outcome.Fail, "未在单位信息中填报牵头单位建有的科技创新平台"));
        else
        {
            Platform? match = null;
            foreach (var p in platforms)
                if (p.Type is "key-lab" or "engineering-research-center" or "other-platform" && p.Level is "national" or "provincial") { match = p; break; }
            rules.Add(match is not null
                ? new("consortium-platform", "四（二）具体条件2", Outcome.Pass, $"牵头单位建有{Describe(match)}")
                : new("consortium-platform", "四（二）具体条件2", Outcome.Fail, $"牵头单位未建有省级以上重点实验室、工程技术研究中心等科技创新平台（已填报：{DescribeAll(platforms)}）"));
        }

        var consortium = r.Application.Consortium;
        if (consortium?.Members is not { } members)
            rules.Add(new("consortium-members", "四（二）支持方向", Outcome.Fail, "未填报创新联合体成员单位"));
        else
        {
            ConsortiumMember? match = null;
            foreach (var m in members)
                if (m.Kind is "university" or "research-institute") { match = m; break; }
            rules.Add(match is not null
                ? new("consortium-members", "四（二）支持方向", Outcome.Pass, $"成员单位包括{Describe(match)}")
                : new("consortium-members", "四（二）支持方向", Outcome.Fail, $"成员单位中没有高校或科研院所（已填报：{DescribeAll(members)}）"));
        }

        var lacking = Lacking(r.Application.Attachments, "consortium-agreement", "《创新联合体组建协议》", "funding-receipts", "项目经费往来票据");
        rules.Add((consortium?.AgreementSigned, lacking) switch
        {
            (null, { } missingFiles) => new("consortium-agreement", "四（二）具体条件6", Outcome.Fail, $"须上传《创新联合体组建协议》、项目经费往来票据，缺少{missingFiles}"),
            (null, null) => new("consortium-agreement", "四（二）具体条件6", Outcome.Fail, consortium is null ? "未提供创新联合体信息" : "未提供是否签署《创新联合体组建协议》"),
            (false, _) => new("consortium-agreement", "四（二）具体条件6", Outcome.Fail, "未共同签署《创新联合体组建协议》"),
            (true, null) => new("consortium-agreement", "四（二）具体条件6", Outcome.Pass, "已共同签署《创新联合体组建协议》；已上传《创新联合体组建协议》、项目经费往来票据"),
            (true, _) => new("consortium-agreement", "四（二）具体条件6", Outcome.Fail, $"须上传《创新联合体组建协议》、项目经费往来票据，缺少{lacking}"),
        });

        var field = r.Application.Field;
        rules.Add(field switch
        {
            null => new("consortium-field", "四（二）支持方向", Outcome.Warn, "未填报申报领域"),
            "新材料" or "智能衡器计量" => new("consortium-field", "四（二）支持方向", Outcome.Pass, $"申报领域“{field}”属于主要面向的产业链"),
            _ => new("consortium-field", "四（二）支持方向", Outcome.Warn, $"申报领域“{field}”不在主要面向的新材料、智能衡器计量产业链内，须填写理由，由科技局判断"),
        });

        rules.Add(new("manual-consortium-leading-enterprise", "四（二）支持方向", Outcome.Manual, "牵头企业为新材料、智能衡器计量产业链行业领军企业（由评审人员判断）"));
        rules.Add(new("manual-consortium-condition-1", "四（二）具体条件1", Outcome.Manual, "具有重大牵引项目，能够集聚产业链上下游创新资源，在国内具备一定的行业影响力，首席专家能够引领创新联合体发展（由评审人员判断）"));
        rules.Add(new("manual-consortium-condition-2", "四（二）具体条件2", Outcome.Manual, "牵头单位与高校、科研院所及专家团队有良好的合作基础（由评审人员判断）"));
        rules.Add(new("manual-consortium-condition-3", "四（二）具体条件3", Outcome.Manual, "牵头单位能够发起、组织高水平学术交流、技术服务、国际合作、成果转移转化等活动（由评审人员判断）"));
        rules.Add(new("manual-consortium-condition-4", "四（二）具体条件4", Outcome.Manual, "成员单位与牵头企业具备合作基础和合作意愿（由评审人员判断）"));
        rules.Add(new("manual-consortium-condition-5", "四（二）具体条件5", Outcome.Manual, "成员单位具有相应的研究团队、科研实验条件或研发和技术配套能力（由评审人员判断）"));
        return Verdict.From("innovation-consortium", rules);
    }

    // 五、示范性科技成果转化项目
    private static Verdict AchievementTransfer(EligibilityRequest r)
    {
        var rules = new List<RuleResult>(21) { Located(r, "五、具体条件2") };
        var hte = Hte(r, out var hteMessage);
        rules.Add(Result("hte", "五、支持对象1", hte, hteMessage));
        if (hte) rules.Add(TechSme(r, "五、支持对象1", undertaking: true));

        var a = r.Applicant;
        var c = r.Application.Contract;
        rules.Add(c?.CounterpartyKind switch
        {
            null => new("transfer-source", "五、支持对象2", Outcome.Fail, c is null ? ContractMissing : "未提供合同对方单位类型"),
            "university" or "research-institute" => new("transfer-source", "五、支持对象2", Outcome.Pass, $"科技成果产出单位为{Org(c.CounterpartyKind)}"),
            var other => new("transfer-source", "五、支持对象2", Outcome.Fail, $"科技成果产出单位为{Org(other)}，须为高等院校、科研机构"),
        });

        var achievement = r.Application.Achievement;
        if (achievement?.Academic is not { } academic || achievement.Total is not { } total)
            rules.Add(new("transfer-contributors", "五、支持对象2", Outcome.Warn,
                achievement is null ? "未提供科技成果主要完成人情况"
                : achievement.Academic is null && achievement.Total is null ? "未提供主要完成人中高校和科研机构科研人员数、科技成果主要完成人总数"
                : achievement.Academic is null ? "未提供主要完成人中高校和科研机构科研人员数" : "未提供科技成果主要完成人总数"));
        else
        {
            var share = total == 0 ? "—" : Percent(academic / total);
            rules.Add(academic > 0.5m * total
                ? new("transfer-contributors", "五、支持对象2", Outcome.Pass, $"主要完成人 {Money.Format(total)} 人中高校和科研机构科研人员 {Money.Format(academic)} 人，占{share}，以其为主")
                : new("transfer-contributors", "五、支持对象2", Outcome.Warn, $"主要完成人 {Money.Format(total)} 人中高校和科研机构科研人员 {Money.Format(academic)} 人，占{share}，未超过50%；指南要求原则上以其为主，须填写理由"));
        }

        var iur = a.IurSpending;
        var (iurSum, iurYears) = SumOverYears(iur is null ? null : iur.TryGetValue(2022, out var i22) ? i22 : null,
            iur is null ? null : iur.TryGetValue(2023, out var i23) ? i23 : null,
            iur is null ? null : iur.TryGetValue(2024, out var i24) ? i24 : null);
        rules.Add(iurYears is null
            ? new("transfer-iur-spending", "五、支持对象3", Outcome.Fail, "未提供2022—2024年度产学研合作支出")
            : iurSum >= 1_000_000
                ? new("transfer-iur-spending", "五、支持对象3", Outcome.Pass, $"近三年（2022—2024年）产学研合作支出合计 {Money.Format(iurSum)} 元（{iurYears}），不低于 1,000,000 元")
                : new("transfer-iur-spending", "五、支持对象3", Outcome.Fail, $"近三年（2022—2024年）产学研合作支出合计 {Money.Format(iurSum)} 元（{iurYears}），低于 1,000,000 元"));

        var f2024 = FinanceOf(a, 2024);
        if (f2024?.Revenue is not { } revenue)
            rules.Add(new("transfer-revenue", "五、支持对象4", Outcome.Fail, "未提供2024年度营业收入"));
        else if (revenue >= 10_000_000)
            rules.Add(new("transfer-revenue", "五、支持对象4", Outcome.Pass, $"2024年度营业收入 {Money.Format(revenue)} 元，不低于 10,000,000 元"));
        else
            rules.Add(new("transfer-revenue", "五、支持对象4", Outcome.Fail, $"2024年度营业收入 {Money.Format(revenue)} 元，低于 10,000,000 元"));

        var tax2024 = f2024?.Tax;
        if (tax2024 >= 800_000)
            rules.Add(new("transfer-tax", "五、支持对象4", Outcome.Pass, $"2024年度实缴税费 {Money.Format(tax2024.Value)} 元，不低于 800,000 元"));
        else
        {
            var (taxSum, taxYears) = SumOverYears(FinanceOf(a, 2022)?.Tax, FinanceOf(a, 2023)?.Tax, tax2024);
            if (taxYears is not null && taxSum >= 2_000_000)
                rules.Add(new("transfer-tax", "五、支持对象4", Outcome.Pass, $"近三年（2022—2024年）实缴税费合计 {Money.Format(taxSum)} 元（{taxYears}），不低于 2,000,000 元"));
            else
            {
                var lastYear = tax2024 is { } t ? $"2024年度实缴税费 {Money.Format(t)} 元，低于 800,000 元" : "未提供2024年度实缴税费";
                var threeYears = taxYears is null ? "未提供2022—2024年度实缴税费" : $"近三年（2022—2024年）实缴税费合计 {Money.Format(taxSum)} 元（{taxYears}），低于 2,000,000 元";
                rules.Add(new("transfer-tax", "五、支持对象4", Outcome.Fail, $"{lastYear}；{threeYears}"));
            }
        }

        rules.Add(a.IpDispute switch
        {
            null => new("transfer-no-ip-dispute", "五、支持对象4", Outcome.Fail, "未声明是否存在知识产权纠纷"),
            false => new("transfer-no-ip-dispute", "五、支持对象4", Outcome.Pass, "声明无知识产权纠纷"),
            true => new("transfer-no-ip-dispute", "五、支持对象4", Outcome.Fail, "存在知识产权纠纷，按指南不予支持"),
        });
        rules.Add(c?.RelatedParty switch
        {
            null => new("transfer-no-related-party", "五、支持对象5", Outcome.Fail, "未声明交易双方之间是否存在关联关系"),
            false => new("transfer-no-related-party", "五、支持对象5", Outcome.Pass, "声明交易双方之间不存在关联关系"),
            true => new("transfer-no-related-party", "五、支持对象5", Outcome.Fail, "交易双方之间存在关联关系，按指南不予支持"),
        });

        if (c?.EffectiveOn is not { } effective)
        {
            var missing = c is null ? ContractMissing : "未提供合同生效日期";
            rules.Add(new("transfer-since-2022", "五、支持方向", Outcome.Fail, missing));
            rules.Add(new("transfer-applied-one-year", "五、具体条件2", Outcome.Warn, missing));
        }
        else
        {
            var effectiveText = Date(effective);
            rules.Add(effective >= TransferSince
                ? new("transfer-since-2022", "五、支持方向", Outcome.Pass, $"合同生效日期为{effectiveText}，在2022年1月1日以来")
                : new("transfer-since-2022", "五、支持方向", Outcome.Fail, $"合同生效日期为{effectiveText}，早于2022年1月1日，不属于2022年以来的合作"));
            var anniversary = effective.AddYears(1);
            rules.Add(r.AsOf >= anniversary
                ? new("transfer-applied-one-year", "五、具体条件2", Outcome.Pass, $"合同生效满1年之日为{Date(anniversary)}，申报日{Date(r.AsOf)}已转化应用满1年")
                : new("transfer-applied-one-year", "五、具体条件2", Outcome.Warn, $"合同生效满1年之日为{Date(anniversary)}，申报日{Date(r.AsOf)}转化应用未满1年；指南要求原则上满1年，须填写理由"));
        }

        rules.Add((c?.Registered, Has(r.Application.Attachments, "contract-registration")) switch
        {
            (null, false) => new("transfer-registration", "五、具体条件6", Outcome.Fail, "未上传技术合同认定登记证明"),
            (null, true) => new("transfer-registration", "五、具体条件6", Outcome.Fail, c is null ? ContractMissing : "未提供合同是否已认定登记"),
            (false, _) => new("transfer-registration", "五、具体条件6", Outcome.Fail, "技术合同未经科技行政主管部门认定登记"),
            (true, false) => new("transfer-registration", "五、具体条件6", Outcome.Fail, "未上传技术合同认定登记证明"),
            (true, true) => new("transfer-registration", "五、具体条件6", Outcome.Pass, "技术合同已经认定登记；已上传技术合同认定登记证明"),
        });

        rules.Add(new("manual-transfer-direction", "五、支持方向", Outcome.Manual, "项目围绕我市新兴产业和未来产业，取得关键技术突破和突出产业化效果，拟持续进行技术迭代和成果产业化（由评审人员判断）"));
        rules.Add(new("manual-transfer-condition-1", "五、具体条件1", Outcome.Manual, "科技成果符合我市现代化产业体系发展方向（由评审人员判断）"));
        rules.Add(new("manual-transfer-condition-2", "五、具体条件2", Outcome.Manual, "科技成果技术领先、带动性强、转化增值潜力大，在市内实现产业化（由评审人员判断）"));
        rules.Add(new("manual-transfer-condition-3", "五、具体条件3", Outcome.Manual, "转化模式清晰，对我市成果转化工作具有借鉴意义（由评审人员判断）"));
        rules.Add(new("manual-transfer-condition-4", "五、具体条件4", Outcome.Manual, "转化效益突出，对地方产业发展具有重大推动作用（由评审人员判断）"));
        rules.Add(new("manual-transfer-condition-5", "五、具体条件5", Outcome.Manual, "下步技术迭代路径清晰，产业化商业化具有良好的基础和前景（由评审人员判断）"));
        rules.Add(new("manual-transfer-iur-relationship", "五、支持对象3", Outcome.Manual, "申报企业与高校院所建立了良好的产学研合作关系（支出数额之外，由评审人员判断）"));
        return Verdict.From("achievement-transfer", rules);
    }

    // Shared rules

    private static RuleResult Located(EligibilityRequest r, string clause) => r.Applicant.InHengyang switch
    {
        null => new("located-in-hengyang", clause, Outcome.Fail, "未说明申报单位是否在衡阳市内注册或驻衡"),
        true => new("located-in-hengyang", clause, Outcome.Pass, "申报单位在衡阳市内注册或驻衡"),
        false => new("located-in-hengyang", clause, Outcome.Fail, "申报单位不在衡阳市内注册或驻衡，本计划为市级科技计划"),
    };

    /// <summary>高新技术企业: an enterprise, certified, certificate valid on the day of the check; the first reason it is not.</summary>
    private static bool Hte(EligibilityRequest r, out string message)
    {
        var a = r.Applicant;
        if (a.Kind != "enterprise") { message = $"申报单位为{Org(a.Kind)}，本类别须为高新技术企业"; return false; }
        if (a.HighTech is not { } ht) { message = "未提供高新技术企业认定情况"; return false; }
        // a part not met is reported before one whose fact is missing
        if (ht.Certified == false) { message = "未认定为高新技术企业"; return false; }
        if (ht.ValidTo is { } expired && expired < r.AsOf) { message = $"高新技术企业证书有效期至{Date(expired)}，申报日{Date(r.AsOf)}已过期"; return false; }
        if (ht.Certified is null) { message = "未提供是否认定为高新技术企业"; return false; }
        if (ht.ValidTo is not { } validTo) { message = "未提供高新技术企业证书有效期"; return false; }
        message = $"申报单位为企业；已认定为高新技术企业；高新技术企业证书有效期至{Date(validTo)}，申报日{Date(r.AsOf)}在有效期内";
        return true;
    }

    /// <summary>符合科技型中小企业标准的，须完成自评: only for a valid HTE (the caller checks).</summary>
    private static RuleResult TechSme(EligibilityRequest r, string clause, bool undertaking)
    {
        const string id = "tech-sme-self-assessment";
        var sme = r.Applicant.TechSme;
        string done;
        // a part not met (no self-assessment, another year) is reported before one whose fact is missing
        if (sme?.SelfAssessed == false) done = "未记录科技型中小企业自评";
        else if (sme?.Year is { } other && other != 2025) done = string.Create(CultureInfo.InvariantCulture, $"记录的自评年度为{other}年，须为2025年度自评");
        else if (sme?.SelfAssessed != true) done = "未记录科技型中小企业自评";
        else if (sme.Year is null) done = "未填报自评年度";
        else
            return undertaking
                ? new(id, clause, Outcome.Manual, "已记录科技型中小企业自评；自评年度为2025年（须在省厅开放系统后完成自评，由评审人员核实）")
                : new(id, clause, Outcome.Pass, "已记录科技型中小企业自评；自评年度为2025年，已在系统内完成自评");

        string? within = null, exceeded = null, missing = null;
        var employees = r.Applicant.Employees;
        if (employees is not { } e) missing = "未提供职工总数";
        else if (e > 500) exceeded = $"职工总数 {Money.Format(e)} 人，超过 500 人";
        else within = $"职工总数 {Money.Format(e)} 人，未超过 500 人";
        var f = FinanceOf(r.Applicant, 2024);
        Limit(f?.Revenue, "2024年度营业收入", ref within, ref exceeded, ref missing);
        Limit(f?.Assets, "2024年度资产总额", ref within, ref exceeded, ref missing);

        if (exceeded is not null)
            return new(id, clause, undertaking ? Outcome.Manual : Outcome.Pass, $"{exceeded}，超出科技型中小企业标准，无须自评");
        if (missing is not null)
            return undertaking
                ? new(id, clause, Outcome.Manual, $"{missing}，无法判断是否符合科技型中小企业标准，{done}：由评审人员核实")
                : new(id, clause, Outcome.Fail, $"{missing}，无法判断是否符合科技型中小企业标准，且{done}");
        return undertaking
            ? new(id, clause, Outcome.Manual, $"据填报数据符合科技型中小企业标准（{within}），{done}：须在省厅开放系统后完成自评，由评审人员核实")
            : new(id, clause, Outcome.Fail, $"符合科技型中小企业标准（{within}），须在系统内完成2025年度自评，但{done}");
    }

    private static void Limit(decimal? value, string label, ref string? within, ref string? exceeded, ref string? missing)
    {
        if (value is not { } v) missing = Join(missing, $"未提供{label}");
        else if (v > 200_000_000) exceeded = Join(exceeded, $"{label} {Money.Format(v)} 元，超过 200,000,000 元");
        else within = Join(within, $"{label} {Money.Format(v)} 元，未超过 200,000,000 元");
    }

    private static string Join(string? head, string tail) => head is null ? tail : $"{head}；{tail}";

    // Helpers

    private static RuleResult Result(string id, string clause, bool met, string message) =>
        new(id, clause, met ? Outcome.Pass : Outcome.Fail, message);

    private static FinanceYear? FinanceOf(Applicant a, int year) =>
        a.Finance is { } f && f.TryGetValue(year, out var y) ? y : null;

    /// <summary>A three-year sum (a missing year counts as 0) and its years as the message lists them; null years text when none is present.</summary>
    private static (decimal Sum, string? Years) SumOverYears(decimal? y2022, decimal? y2023, decimal? y2024)
    {
        if (y2022 is null && y2023 is null && y2024 is null) return (0, null);
        var sum = (y2022 ?? 0) + (y2023 ?? 0) + (y2024 ?? 0);
        return (sum, $"{YearFigure(2022, y2022)}、{YearFigure(2023, y2023)}、{YearFigure(2024, y2024)}");
    }

    private static string YearFigure(int year, decimal? value) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{year}年 {Money.Format(v)} 元") : string.Create(CultureInfo.InvariantCulture, $"{year}年未填");

    private static bool Has(IReadOnlyList<string>? list, string word)
    {
        if (list is null) return false;
        foreach (var item in list)
            if (item == word) return true;
        return false;
    }

    /// <summary>The names of the two required attachments that are lacking, or null when both are there.</summary>
    private static string? Lacking(IReadOnlyList<string>? list, string first, string firstName, string second, string secondName) =>
        (Has(list, first), Has(list, second)) switch
        {
            (true, true) => null,
            (false, true) => firstName,
            (true, false) => secondName,
            (false, false) => $"{firstName}、{secondName}",
        };

    private static string Percent(decimal share) =>
        (decimal.Truncate(share * 10000) / 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Date(DateOnly date) => ChineseDate.Format(date);

    private static string Org(string kind) => kind switch
    {
        "enterprise" => "企业",
        "university" => "高校",
        "research-institute" => "科研院所",
        "hospital" => "医院",
        "other" => "其他单位",
        _ => kind,
    };

    private static string Title(string title) => title switch
    {
        "senior" => "正高级职称",
        "associate-senior" => "副高级职称",
        "intermediate" => "中级职称",
        "junior" => "初级职称",
        "none" => "无职称",
        _ => title,
    };

    private static string Describe(Platform p)
    {
        var level = p.Level switch
        {
            null => "级别未填",
            "national" => "国家级",
            "provincial" => "省级",
            "municipal" => "市级",
            "none" => "无级别",
            var other => other,
        };
        var type = p.Type switch
        {
            null => "类型未填",
            "key-lab" => "重点实验室",
            "engineering-research-center" => "工程技术研究中心",
            "other-platform" => "科技创新平台",
            "key-discipline" => "重点学科",
            "key-specialty" => "重点专科",
            "double-first-class-cultivation" => "国家双一流培育学科",
            var other => other,
        };
        return $"{p.Name ?? p.Id}（{level}{type}）";
    }

    private static string Describe(ConsortiumMember m) => m.Kind is { } kind ? $"{m.Name}（{Org(kind)}）" : m.Name ?? "";

    private static string DescribeAll(IReadOnlyList<Platform> platforms) =>
        platforms.Count == 0 ? "无" : string.Join("、", platforms.Select(Describe));

    private static string DescribeAll(IReadOnlyList<ConsortiumMember> members) =>
        members.Count == 0 ? "无" : string.Join("、", members.Select(Describe));
}
