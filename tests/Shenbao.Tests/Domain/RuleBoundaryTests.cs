namespace Shenbao.Tests.Domain;

/// <summary>
/// Every rule of the 2025 guide at its boundaries: met exactly, missed by the smallest step, fact missing.
/// Each case starts from a request that meets every rule of its category and changes it where the rule looks:
/// "path=json; path=json", where json "null" removes the field. Expected: pass, fail, warn, manual or absent
/// (the rule does not apply and is left out), and a fragment of the message that names the figure used.
/// </summary>
public sealed class RuleBoundaryTests
{
    /// <summary>
    /// The readers refuse a part above its whole, so no request gets here through them; a request built otherwise (a
    /// what-if over frozen data, a future reader) is still judged, not thrown on.
    /// </summary>
    [Fact]
    public void A_part_millions_of_times_its_whole_is_judged_not_overflowed()
    {
        var parsed = ((Shenbao.Domain.Requests.ReadResult.Parsed)Requests.Read(Requests.For("iur-cooperation"))).Request;
        var request = parsed with { Application = parsed.Application with { Contract = parsed.Application.Contract! with { Amount = 0.0000000000000000000000000001m, Paid = 1_000_000_000_000_000m } } };

        var payment = Assert.Single(Eligibility.Evaluate(Requests.Guide, request).Rules, r => r.RuleId == "iur-payment");

        Assert.Contains("超过 100,000,000%", payment.Message, StringComparison.Ordinal);
    }

    [Theory]
    // located-in-hengyang (every category)
    [InlineData("major-project", "located-in-hengyang", "", "pass", "申报单位在衡阳市内注册或驻衡")]
    [InlineData("major-project", "located-in-hengyang", "applicant.inHengyang=false", "fail", "不在衡阳市内")]
    [InlineData("basic-research", "located-in-hengyang", "applicant.inHengyang=null", "fail", "未说明申报单位是否在衡阳市内注册或驻衡")]
    // hte: an enterprise whose certificate is valid on asOf
    [InlineData("major-project", "hte", "applicant.highTech.validTo=\"2025-05-20\"", "pass", "有效期至2025年5月20日，申报日2025年5月20日在有效期内")]
    [InlineData("major-project", "hte", "applicant.highTech.validTo=\"2025-05-19\"", "fail", "有效期至2025年5月19日，申报日2025年5月20日已过期")]
    [InlineData("major-project", "hte", "applicant.highTech.validTo=null", "fail", "未提供高新技术企业证书有效期")]
    [InlineData("major-project", "hte", "applicant.highTech=null", "fail", "未提供高新技术企业认定情况")]
    [InlineData("iur-cooperation", "hte", "applicant.highTech.certified=false", "fail", "未认定为高新技术企业")]
    [InlineData("achievement-transfer", "hte", "applicant.kind=\"hospital\"", "fail", "申报单位为医院，本类别须为高新技术企业")]
    [InlineData("innovation-consortium", "hte", "applicant.techSme.selfAssessed=false", "pass", "已认定为高新技术企业")]
    // tech-sme-self-assessment (一、二、四（一）: required): limits 500 staff, 2亿 revenue, 2亿 assets
    [InlineData("major-project", "tech-sme-self-assessment", "", "pass", "自评年度为2025年")]
    [InlineData("major-project", "tech-sme-self-assessment", "applicant.techSme.selfAssessed=false; applicant.employees=500", "fail", "职工总数 500 人，未超过 500 人")]
    [InlineData("major-project", "tech-sme-self-assessment", "applicant.techSme.selfAssessed=false; applicant.employees=501", "pass", "职工总数 501 人，超过 500 人，超出科技型中小企业标准")]
    [InlineData("major-project", "tech-sme-self-assessment", "applicant.techSme=null; applicant.finance.2024.revenue=200000000", "fail", "2024年度营业收入 200,000,000 元，未超过 200,000,000 元")]
    [InlineData("major-project", "tech-sme-self-assessment", "applicant.techSme=null; applicant.finance.2024.revenue=200000000.01", "pass", "2024年度营业收入 200,000,000.01 元，超过 200,000,000 元")]
    [InlineData("iur-cooperation", "tech-sme-self-assessment", "applicant.techSme=null; applicant.finance.2024.assets=200000000", "fail", "2024年度资产总额 200,000,000 元，未超过")]
    [InlineData("iur-cooperation", "tech-sme-self-assessment", "applicant.techSme=null; applicant.finance.2024.assets=200000000.01", "pass", "超出科技型中小企业标准")]
    [InlineData("major-project", "tech-sme-self-assessment", "applicant.techSme=null; applicant.employees=null", "fail", "未提供职工总数，无法判断是否符合科技型中小企业标准")]
    [InlineData("major-project", "tech-sme-self-assessment", "applicant.techSme.year=2024", "fail", "记录的自评年度为2024年，须为2025年度自评")]
    [InlineData("major-project", "tech-sme-self-assessment", "applicant.techSme=null; applicant.employees=null; applicant.finance.2024.revenue=300000000", "pass", "超出科技型中小企业标准")]
    [InlineData("major-project", "tech-sme-self-assessment", "applicant.highTech.certified=false", "absent", "")]
    [InlineData("key-rd", "tech-sme-self-assessment", "", "absent", "")]
    // …四（二）and 五 ("须在省厅开放系统后完成自评"): always manual, saying what it sees
    [InlineData("innovation-consortium", "tech-sme-self-assessment", "applicant.techSme.selfAssessed=false", "manual", "据填报数据符合科技型中小企业标准")]
    [InlineData("achievement-transfer", "tech-sme-self-assessment", "", "manual", "已记录科技型中小企业自评")]
    [InlineData("achievement-transfer", "tech-sme-self-assessment", "applicant.techSme=null; applicant.employees=900", "manual", "职工总数 900 人，超过 500 人")]
    // major-subsidy-limit: fewer than 2 subsidies received in 2021–2023
    [InlineData("major-project", "major-subsidy-limit", "applicant.majorProjectSubsidies=[{\"year\":2021},{\"year\":2024},{\"year\":2020}]", "pass", "2021—2023年获得科技重大专项补助1次")]
    [InlineData("major-project", "major-subsidy-limit", "applicant.majorProjectSubsidies=[{\"year\":2021},{\"year\":2023}]", "fail", "2021—2023年已获得科技重大专项补助2次，按指南不予支持")]
    [InlineData("major-project", "major-subsidy-limit", "applicant.majorProjectSubsidies=[]", "pass", "补助0次")]
    [InlineData("major-project", "major-subsidy-limit", "applicant.majorProjectSubsidies=null", "fail", "未填报获得科技重大专项补助的情况")]
    // leader-title: senior or associate-senior
    [InlineData("major-project", "leader-title", "application.leader.title=\"associate-senior\"", "pass", "项目负责人具有副高级职称")]
    [InlineData("major-project", "leader-title", "application.leader.title=\"intermediate\"", "fail", "项目负责人：中级职称，须具有副高及以上职称")]
    [InlineData("major-project", "leader-title", "application.leader=null", "fail", "未提供项目负责人职称")]
    // field-in-list: a closed list in 一, an open one (warn) in 二
    [InlineData("major-project", "field-in-list", "application.field=\"商用航空航天\"", "pass", "属于本类别支持领域")]
    [InlineData("major-project", "field-in-list", "application.field=\"电子信息\"", "fail", "申报领域“电子信息”不在本类别支持领域内")]
    [InlineData("major-project", "field-in-list", "application.field=null", "fail", "未提供支持领域")]
    [InlineData("key-rd", "field-in-list", "application.field=\"现代物流\"", "pass", "属于指南列举的支持领域")]
    [InlineData("key-rd", "field-in-list", "application.field=\"量子计算\"", "warn", "申报领域“量子计算”不在指南列举的工业、农业、社会发展领域内")]
    [InlineData("key-rd", "field-in-list", "application.field=null", "warn", "未填报申报领域")]
    // keyrd-applicant: an HTE enterprise, or a university, research institute or hospital
    [InlineData("key-rd", "keyrd-applicant", "applicant.kind=\"research-institute\"", "pass", "申报单位为科研院所")]
    [InlineData("key-rd", "keyrd-applicant", "applicant.kind=\"other\"", "fail", "申报单位为其他单位，不是高校、科研院所或医院")]
    [InlineData("key-rd", "keyrd-applicant", "applicant.kind=\"enterprise\"; applicant.highTech={\"certified\":true,\"validTo\":\"2025-05-20\"}", "pass", "申报日2025年5月20日在有效期内")]
    [InlineData("key-rd", "keyrd-applicant", "applicant.kind=\"enterprise\"; applicant.highTech={\"certified\":true,\"validTo\":\"2025-05-19\"}", "fail", "须为高新技术企业或驻衡高校、科研院所、医院")]
    // basic-applicant, basic-platform, basic-quota, basic-documents
    [InlineData("basic-research", "basic-applicant", "applicant.kind=\"hospital\"", "pass", "申报单位为医院")]
    [InlineData("basic-research", "basic-applicant", "applicant.kind=\"enterprise\"", "fail", "申报单位为企业，本类别支持对象为驻衡高校、科研院所、医院")]
    [InlineData("basic-research", "basic-platform", "applicant.platforms=[{\"id\":\"lab\",\"name\":\"某重点专科\",\"type\":\"key-specialty\",\"level\":\"national\"}]", "pass", "依托某重点专科（国家级重点专科）")]
    [InlineData("basic-research", "basic-platform", "applicant.platforms=[{\"id\":\"lab\",\"name\":\"市重点专科\",\"type\":\"key-specialty\",\"level\":\"municipal\"}]", "fail", "依托的市重点专科（市级重点专科）不是省级及以上")]
    [InlineData("basic-research", "basic-platform", "applicant.platforms=[{\"id\":\"lab\",\"name\":\"培育学科\",\"type\":\"double-first-class-cultivation\",\"level\":\"none\"}]", "pass", "依托培育学科（无级别国家双一流培育学科）")]
    [InlineData("basic-research", "basic-platform", "application.platformId=null", "fail", "未选择项目依托的平台或学科")]
    [InlineData("basic-research", "basic-quota", "context={\"applicationsOnSamePlatform\":1}", "pass", "该平台本批次已有其他1项申报，每个平台限报2项，尚有1个名额")]
    [InlineData("basic-research", "basic-quota", "context={\"applicationsOnSamePlatform\":2}", "fail", "该平台本批次已有其他2项申报，已达每个平台限报2项的名额")]
    [InlineData("basic-research", "basic-quota", "context=null", "pass", "已有其他0项申报")]
    [InlineData("basic-research", "basic-documents", "", "pass", "已上传平台、学科批复文件、平台负责人、学科带头人推荐函")]
    [InlineData("basic-research", "basic-documents", "application.attachments=[\"platform-approval\"]", "fail", "缺少平台负责人、学科带头人推荐函")]
    [InlineData("basic-research", "basic-documents", "application.attachments=null", "fail", "缺少平台、学科批复文件、平台负责人、学科带头人推荐函")]
    // iur-partner: university or research institute; a hospital warns (高校、科研院所等)
    [InlineData("iur-cooperation", "iur-partner", "application.contract.counterpartyKind=\"research-institute\"", "pass", "合作对方为科研院所")]
    [InlineData("iur-cooperation", "iur-partner", "application.contract.counterpartyKind=\"hospital\"", "warn", "合作对方为医院，不是指南明列的高校、科研院所")]
    [InlineData("iur-cooperation", "iur-partner", "application.contract.counterpartyKind=\"enterprise\"", "fail", "合作对方为企业")]
    [InlineData("iur-cooperation", "iur-partner", "application.contract=null", "fail", "未提供技术合同")]
    // iur-contract-period: signedOn ≤ asOf ≤ endsOn, endsOn ≥ 2025-12-01
    [InlineData("iur-cooperation", "iur-contract-period", "application.contract.signedOn=\"2025-05-20\"", "pass", "合同签订于2025年5月20日")]
    [InlineData("iur-cooperation", "iur-contract-period", "application.contract.signedOn=\"2025-05-21\"", "fail", "申报日2025年5月20日不在合同执行期（2025年5月21日至2026年6月30日）内")]
    [InlineData("iur-cooperation", "iur-contract-period", "application.contract.endsOn=\"2025-12-01\"", "pass", "合同执行结束日期为2025年12月1日，不早于2025年12月1日")]
    [InlineData("iur-cooperation", "iur-contract-period", "application.contract.endsOn=\"2025-11-30\"", "fail", "合同执行结束日期为2025年11月30日，须至少到2025年12月1日及以后")]
    [InlineData("iur-cooperation", "iur-contract-period", "asOf=\"2025-12-01\"; application.contract.endsOn=\"2025-12-01\"", "pass", "申报日2025年12月1日在合同执行期内")]
    [InlineData("iur-cooperation", "iur-contract-period", "asOf=\"2025-12-02\"; application.contract.endsOn=\"2025-12-01\"", "fail", "申报日2025年12月2日不在合同执行期")]
    [InlineData("iur-cooperation", "iur-contract-period", "application.contract.signedOn=null", "fail", "未提供合同签订日期")]
    // iur-registration, iur-payment, iur-payment-proof
    [InlineData("iur-cooperation", "iur-registration", "", "pass", "已上传技术合同认定登记证明")]
    [InlineData("iur-cooperation", "iur-registration", "application.contract.registered=false", "fail", "技术合同未在全国技术合同认定登记系统登记")]
    [InlineData("iur-cooperation", "iur-registration", "application.attachments=[\"bank-receipt\",\"invoice\"]", "fail", "未上传技术合同认定登记证明")]
    [InlineData("iur-cooperation", "iur-registration", "application.contract.registered=null", "fail", "未提供合同是否已认定登记")]
    [InlineData("iur-cooperation", "iur-payment", "application.contract.paid=160000", "pass", "已支付 160,000 元，占合同总金额 800,000 元的20%，不低于20%")]
    [InlineData("iur-cooperation", "iur-payment", "application.contract.paid=159999.99", "fail", "已支付 159,999.99 元，占合同总金额 800,000 元的19.99%，低于20%")]
    [InlineData("iur-cooperation", "iur-payment", "application.contract.amount=0; application.contract.paid=0", "fail", "已支付 0 元，占合同总金额 0 元的—，低于20%")]
    [InlineData("iur-cooperation", "iur-payment", "application.contract.paid=null", "fail", "未提供合同已支付金额")]
    [InlineData("iur-cooperation", "iur-payment-proof", "application.attachments=[\"contract-registration\",\"bank-receipt\"]", "fail", "缺少单位开具的发票")]
    // iur-key-thresholds: key tier only; amount ≥ 300,000 and 2024 output ≥ 10,000,000
    [InlineData("iur-cooperation", "iur-key-thresholds", "", "absent", "")]
    [InlineData("iur-cooperation", "iur-key-thresholds", "application.tier=null", "absent", "")]
    [InlineData("iur-cooperation", "iur-key-thresholds", "application.tier=\"key\"; application.contract.amount=300000; application.contract.paid=60000; applicant.finance.2024.output=10000000", "pass", "重点项目合同金额 300,000 元，不低于 300,000 元；2024年度产值 10,000,000 元，不低于 10,000,000 元")]
    [InlineData("iur-cooperation", "iur-key-thresholds", "application.tier=\"key\"; application.contract.amount=299999.99; application.contract.paid=60000", "fail", "重点项目合同金额 299,999.99 元，低于 300,000 元")]
    [InlineData("iur-cooperation", "iur-key-thresholds", "application.tier=\"key\"; applicant.finance.2024.output=9999999.99", "fail", "2024年度产值 9,999,999.99 元，低于 10,000,000 元")]
    [InlineData("iur-cooperation", "iur-key-thresholds", "application.tier=\"key\"; applicant.finance.2024.output=null", "fail", "未提供2024年度产值")]
    // consortium-lead, consortium-platform, consortium-members, consortium-agreement, consortium-field
    [InlineData("innovation-consortium", "consortium-lead", "applicant.independentLegalPerson=null", "pass", "牵头单位为独立法人")]
    [InlineData("innovation-consortium", "consortium-lead", "applicant.independentLegalPerson=false", "fail", "牵头单位不是独立法人")]
    [InlineData("innovation-consortium", "consortium-platform", "applicant.platforms=[{\"id\":\"x\",\"name\":\"国家某创新平台\",\"type\":\"other-platform\",\"level\":\"national\"}]", "pass", "牵头单位建有国家某创新平台（国家级科技创新平台）")]
    [InlineData("innovation-consortium", "consortium-platform", "applicant.platforms=[{\"id\":\"x\",\"name\":\"衡阳市某重点实验室\",\"type\":\"key-lab\",\"level\":\"municipal\"}]", "fail", "已填报：衡阳市某重点实验室（市级重点实验室）")]
    [InlineData("innovation-consortium", "consortium-platform", "applicant.platforms=[{\"id\":\"x\",\"name\":\"省重点学科\",\"type\":\"key-discipline\",\"level\":\"provincial\"}]", "fail", "未建有省级以上重点实验室")]
    [InlineData("innovation-consortium", "consortium-platform", "applicant.platforms=null", "fail", "未在单位信息中填报牵头单位建有的科技创新平台")]
    [InlineData("innovation-consortium", "consortium-members", "application.consortium.members=[{\"name\":\"某研究所\",\"kind\":\"research-institute\"}]", "pass", "成员单位包括某研究所（科研院所）")]
    [InlineData("innovation-consortium", "consortium-members", "application.consortium.members=[{\"name\":\"某公司\",\"kind\":\"enterprise\"}]", "fail", "成员单位中没有高校或科研院所（已填报：某公司（企业））")]
    [InlineData("innovation-consortium", "consortium-members", "application.consortium.members=null", "fail", "未填报创新联合体成员单位")]
    [InlineData("innovation-consortium", "consortium-agreement", "application.consortium.agreementSigned=false", "fail", "未共同签署《创新联合体组建协议》")]
    [InlineData("innovation-consortium", "consortium-agreement", "application.attachments=[\"consortium-agreement\"]", "fail", "缺少项目经费往来票据")]
    [InlineData("innovation-consortium", "consortium-field", "application.field=\"智能衡器计量\"", "pass", "属于主要面向的产业链")]
    [InlineData("innovation-consortium", "consortium-field", "application.field=\"生物医药\"", "warn", "申报领域“生物医药”不在主要面向的新材料、智能衡器计量产业链内")]
    // transfer-source, transfer-contributors (strict majority, warn)
    [InlineData("achievement-transfer", "transfer-source", "application.contract.counterpartyKind=\"research-institute\"", "pass", "科技成果产出单位为科研院所")]
    [InlineData("achievement-transfer", "transfer-source", "application.contract.counterpartyKind=\"hospital\"", "fail", "科技成果产出单位为医院，须为高等院校、科研机构")]
    [InlineData("achievement-transfer", "transfer-contributors", "application.achievement.mainContributors={\"academic\":4,\"total\":7}", "pass", "主要完成人 7 人中高校和科研机构科研人员 4 人，占57.14%")]
    [InlineData("achievement-transfer", "transfer-contributors", "application.achievement.mainContributors={\"academic\":3,\"total\":6}", "warn", "主要完成人 6 人中高校和科研机构科研人员 3 人，占50%，未超过50%")]
    [InlineData("achievement-transfer", "transfer-contributors", "application.achievement=null", "warn", "未提供科技成果主要完成人情况")]
    // transfer-iur-spending: 2022+2023+2024 ≥ 1,000,000; a missing year counts 0
    [InlineData("achievement-transfer", "transfer-iur-spending", "applicant.iurSpending={\"2022\":300000,\"2023\":300000,\"2024\":400000}", "pass", "合计 1,000,000 元")]
    [InlineData("achievement-transfer", "transfer-iur-spending", "applicant.iurSpending={\"2022\":300000,\"2023\":300000,\"2024\":399999.99}", "fail", "合计 999,999.99 元（2022年 300,000 元、2023年 300,000 元、2024年 399,999.99 元），低于 1,000,000 元")]
    [InlineData("achievement-transfer", "transfer-iur-spending", "applicant.iurSpending={\"2024\":1000000,\"2021\":5000000}", "pass", "2022年未填、2023年未填、2024年 1,000,000 元")]
    [InlineData("achievement-transfer", "transfer-iur-spending", "applicant.iurSpending={\"2021\":5000000}", "fail", "未提供2022—2024年度产学研合作支出")]
    [InlineData("achievement-transfer", "transfer-iur-spending", "applicant.iurSpending=null", "fail", "未提供2022—2024年度产学研合作支出")]
    // transfer-revenue: 2024 revenue ≥ 10,000,000
    [InlineData("achievement-transfer", "transfer-revenue", "applicant.finance.2024.revenue=10000000", "pass", "2024年度营业收入 10,000,000 元，不低于 10,000,000 元")]
    [InlineData("achievement-transfer", "transfer-revenue", "applicant.finance.2024.revenue=9999999.50", "fail", "2024年度营业收入 9,999,999.50 元，低于 10,000,000 元")]
    [InlineData("achievement-transfer", "transfer-revenue", "applicant.finance.2024.revenue=null", "fail", "未提供2024年度营业收入")]
    // transfer-tax: 2024 tax ≥ 800,000, or 2022–2024 tax ≥ 2,000,000
    [InlineData("achievement-transfer", "transfer-tax", "applicant.finance.2024.tax=800000", "pass", "2024年度实缴税费 800,000 元，不低于 800,000 元")]
    [InlineData("achievement-transfer", "transfer-tax", "applicant.finance.2024.tax=799999.99; applicant.finance.2023.tax=600000.01; applicant.finance.2022.tax=600000", "pass", "近三年（2022—2024年）实缴税费合计 2,000,000 元")]
    [InlineData("achievement-transfer", "transfer-tax", "applicant.finance.2024.tax=799999.99; applicant.finance.2023.tax=600000; applicant.finance.2022.tax=600000", "fail", "2024年度实缴税费 799,999.99 元，低于 800,000 元；近三年（2022—2024年）实缴税费合计 1,999,999.99 元")]
    [InlineData("achievement-transfer", "transfer-tax", "applicant.finance=null", "fail", "未提供2024年度实缴税费；未提供2022—2024年度实缴税费")]
    // transfer-no-ip-dispute, transfer-no-related-party: declared false
    [InlineData("achievement-transfer", "transfer-no-ip-dispute", "applicant.ipDispute=true", "fail", "存在知识产权纠纷")]
    [InlineData("achievement-transfer", "transfer-no-ip-dispute", "applicant.ipDispute=null", "fail", "未声明是否存在知识产权纠纷")]
    [InlineData("achievement-transfer", "transfer-no-related-party", "application.contract.relatedParty=true", "fail", "交易双方之间存在关联关系")]
    [InlineData("achievement-transfer", "transfer-no-related-party", "application.contract.relatedParty=null", "fail", "未声明交易双方之间是否存在关联关系")]
    [InlineData("achievement-transfer", "transfer-no-related-party", "application.contract=null", "fail", "未声明交易双方之间是否存在关联关系")]
    // transfer-since-2022: effectiveOn ≥ 2022-01-01
    [InlineData("achievement-transfer", "transfer-since-2022", "application.contract.effectiveOn=\"2022-01-01\"", "pass", "合同生效日期为2022年1月1日，在2022年1月1日以来")]
    [InlineData("achievement-transfer", "transfer-since-2022", "application.contract.effectiveOn=\"2021-12-31\"", "fail", "合同生效日期为2021年12月31日，早于2022年1月1日")]
    [InlineData("achievement-transfer", "transfer-since-2022", "application.contract.effectiveOn=null", "fail", "未提供合同生效日期")]
    // transfer-applied-one-year (warn): effectiveOn + 1 year ≤ asOf; 29 Feb counts to 28 Feb
    [InlineData("achievement-transfer", "transfer-applied-one-year", "application.contract.effectiveOn=\"2024-05-20\"", "pass", "合同生效满1年之日为2025年5月20日，申报日2025年5月20日已转化应用满1年")]
    [InlineData("achievement-transfer", "transfer-applied-one-year", "application.contract.effectiveOn=\"2024-05-21\"", "warn", "合同生效满1年之日为2025年5月21日，申报日2025年5月20日转化应用未满1年")]
    [InlineData("achievement-transfer", "transfer-applied-one-year", "asOf=\"2025-02-28\"; application.contract.effectiveOn=\"2024-02-29\"", "pass", "合同生效满1年之日为2025年2月28日")]
    [InlineData("achievement-transfer", "transfer-applied-one-year", "asOf=\"2025-02-27\"; application.contract.effectiveOn=\"2024-02-29\"", "warn", "转化应用未满1年")]
    [InlineData("achievement-transfer", "transfer-applied-one-year", "application.contract.effectiveOn=null", "warn", "未提供合同生效日期")]
    // transfer-registration
    [InlineData("achievement-transfer", "transfer-registration", "application.contract.registered=false", "fail", "技术合同未经科技行政主管部门认定登记")]
    [InlineData("achievement-transfer", "transfer-registration", "application.attachments=[\"tech-contract\"]", "fail", "未上传技术合同认定登记证明")]
    public void Rule_at_its_boundary(string category, string ruleId, string changes, string expected, string fragment)
    {
        var request = Requests.For(category);
        foreach (var change in changes.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = change.IndexOf('=', StringComparison.Ordinal);
            request.Set(change[..equals], JsonNode.Parse(change[(equals + 1)..]));
        }

        var result = Requests.Evaluate(request).Rules.SingleOrDefault(r => r.RuleId == ruleId);

        if (expected == "absent")
        {
            Assert.Null(result);
            return;
        }
        Assert.NotNull(result);
        Assert.Equal(expected, CheckResponse.OutcomeWord(result.Outcome));
        Assert.Contains(fragment, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("major-project")]
    [InlineData("key-rd")]
    [InlineData("basic-research")]
    [InlineData("iur-cooperation")]
    [InlineData("innovation-consortium")]
    [InlineData("achievement-transfer")]
    public void Each_base_request_meets_every_rule_of_its_category(string category)
    {
        var verdict = Requests.Evaluate(Requests.For(category));

        Assert.IsType<Verdict.Eligible>(verdict);
        Assert.All(verdict.Rules, r => Assert.Contains(r.Outcome, new[] { Outcome.Pass, Outcome.Manual }));
    }
}
