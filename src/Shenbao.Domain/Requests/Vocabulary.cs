namespace Shenbao.Domain.Requests;

/// <summary>
/// The closed word lists of the request contract, each value with the Chinese word shown to people.
/// They belong to the contract, not to a guide: every guide's rules read the same facts.
/// </summary>
public static class Vocabulary
{
    /// <summary>The organisation kind the 科技型中小企业 standard and the HTE rules are about.</summary>
    public const string Enterprise = "enterprise";

    public static readonly Words OrganisationKinds = new("单位类型", new()
    {
        ["enterprise"] = "企业",
        ["university"] = "高校",
        ["research-institute"] = "科研院所",
        ["hospital"] = "医院",
        ["other"] = "其他单位",
    });

    public static readonly Words Titles = new("职称", new()
    {
        ["senior"] = "正高级职称",
        ["associate-senior"] = "副高级职称",
        ["intermediate"] = "中级职称",
        ["junior"] = "初级职称",
        ["none"] = "无职称",
    });

    public static readonly Words ContractTypes = new("合同类型", new()
    {
        ["development"] = "技术开发",
        ["transfer"] = "技术转让",
        ["licensing"] = "技术许可",
        ["consulting"] = "技术咨询",
        ["service"] = "技术服务",
    });

    public static readonly Words Tiers = new("项目类别", new()
    {
        ["key"] = "重点项目",
        ["general"] = "一般项目",
    });

    public static readonly Words PlatformTypes = new("平台类型", new()
    {
        ["key-lab"] = "重点实验室",
        ["engineering-research-center"] = "工程技术研究中心",
        ["other-platform"] = "科技创新平台",
        ["key-discipline"] = "重点学科",
        ["key-specialty"] = "重点专科",
        ["double-first-class-cultivation"] = "国家双一流培育学科",
    });

    public static readonly Words PlatformLevels = new("平台级别", new()
    {
        ["national"] = "国家级",
        ["provincial"] = "省级",
        ["municipal"] = "市级",
        ["none"] = "无级别",
    });

    /// <summary>The lists by the name a guide's form and the fact catalogue give them ("titles").</summary>
    public static IReadOnlyDictionary<string, Words> Lists { get; } = new Dictionary<string, Words>
    {
        ["organisation-kinds"] = OrganisationKinds,
        ["titles"] = Titles,
        ["contract-types"] = ContractTypes,
        ["tiers"] = Tiers,
        ["platform-types"] = PlatformTypes,
        ["platform-levels"] = PlatformLevels,
    };
}

/// <summary>A closed list of contract values with their Chinese words, in the order people read them.</summary>
public sealed class Words(string name, Dictionary<string, string> labels)
{
    public string Name { get; } = name;
    public IReadOnlyDictionary<string, string> Labels { get; } = labels;
    public IEnumerable<string> Values => Labels.Keys;
    public bool Contains(string value) => Labels.ContainsKey(value);
    public string Label(string value) => Labels.TryGetValue(value, out var label) ? label : value;
    public string Describe() => string.Join("、", Labels.Select(p => $"{p.Key}（{p.Value}）"));
}
