using System.Globalization;
using System.Text.Json.Nodes;
using Shenbao.Domain.Requests;
using Shenbao.Domain.TechSme;

namespace Shenbao.Web.Pages.Organisation;

/// <summary>
/// The facts the standard reads that the organisation states on this page, each at its path in the profile: the
/// applicant shape of the check request, which is also the `tech-sme` request's, so the page and the CLI read the
/// same facts. Employees and the data year's revenue and assets are the profile's own facts, shared with its page.
/// </summary>
public sealed partial class TechSmeModel
{
    public enum FieldKind { Flag, WholeNumber, Amount }

    /// <summary>One input: its key in the form, what it holds, where it is stored, how it is asked, and what messages call it.</summary>
    public sealed record Field(string Key, FieldKind Kind, string Path, string Label, string? Hint = null, string? ShortName = null)
    {
        /// <summary>The fact's name in messages and the audit trail: the label without its unit, or a short name for a question.</summary>
        public string Called => ShortName ?? Label.Split('（')[0];

        public string Name => $"{nameof(Input)}.{nameof(InputModel.Facts)}[{Key}]";
        public string Id => "fact-" + Key;
    }

    /// <summary>The inputs for an assessment whose data year is <paramref name="dataYear"/>, by the part of the page they sit in.</summary>
    public static IReadOnlyList<Field> Fields(int dataYear, Standard standard)
    {
        ArgumentNullException.ThrowIfNull(standard);
        var year = dataYear.ToString(CultureInfo.InvariantCulture);
        return
        [
            new("resident", FieldKind.Flag, "residentInChina", "是否为在中国境内（不包括港、澳、台地区）注册的居民企业", ShortName: "是否为境内注册的居民企业"),
            new("industry", FieldKind.Flag, "restrictedIndustry", "产品和服务是否属于国家规定的禁止、限制和淘汰类", ShortName: "是否属于禁止、限制和淘汰类"),
            new("integrity", FieldKind.Flag, "integrityIncident", "上一年及当年内是否发生重大安全、重大质量事故、严重环境违法、科研严重失信行为，或列入经营异常名录、严重违法失信企业名单", ShortName: "是否发生重大事故或失信行为"),
            new("employees", FieldKind.WholeNumber, "employees", "职工总数（人）", "与单位信息共用"),
            new("revenue", FieldKind.Amount, $"finance.{year}.revenue", $"{year}年度销售收入（元）", "即营业收入，与单位信息的财务数据共用"),
            new("assets", FieldKind.Amount, $"finance.{year}.assets", $"{year}年度资产总额（元）", "与单位信息的财务数据共用"),
            new("techStaff", FieldKind.WholeNumber, "techStaff", "科技人员数（人）", "直接从事研发和相关技术创新活动，以及专门从事上述活动管理和提供直接服务的人员"),
            new("rdExpense", FieldKind.Amount, $"finance.{year}.rdExpense", $"{year}年度研发费用总额（元）"),
            new("costs", FieldKind.Amount, $"finance.{year}.costs", $"{year}年度成本费用支出总额（元）", "研发投入可按销售收入或成本费用支出总额计算，系统取得分较高的口径"),
            new("class1", FieldKind.WholeNumber, "ip.class1", "Ⅰ类知识产权（项）", "发明专利、植物新品种、国家级农作物品种、国家新药、国家一级中药保护品种、集成电路布图设计专有权等"),
            new("class2", FieldKind.WholeNumber, "ip.class2", "Ⅱ类知识产权（项）", "实用新型专利、外观设计专利、软件著作权等（不含商标）"),
            new("national-award", FieldKind.Flag, "nationalAwardTop3", $"是否{standard.Direct["national-award"]}", ShortName: "是否获得国家级科技奖励"),
            new("rd-institution", FieldKind.Flag, "provincialRdInstitution", $"是否{standard.Direct["rd-institution"]}", ShortName: "是否拥有省部级以上研发机构"),
            new("standard", FieldKind.Flag, "ledStandard", $"是否{standard.Direct["standard"]}", ShortName: "是否主导制定标准"),
        ];
    }

    /// <summary>The keys of the direct routes the organisation declares (with a proof each); hte is the profile's certificate.</summary>
    public static readonly IReadOnlyList<string> DeclaredRoutes = ["national-award", "rd-institution", "standard"];

    /// <summary>Each field's stored value as the form shows it.</summary>
    private static Dictionary<string, string?> ToInput(JsonObject profile, IEnumerable<Field> fields) =>
        fields.ToDictionary(f => f.Key, f => At(profile, f.Path) switch
        {
            JsonValue v when f.Kind == FieldKind.Flag && v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            JsonValue v when f.Kind == FieldKind.Amount && v.TryGetValue<decimal>(out var d) => Money.Format(d),
            JsonValue v when v.TryGetValue<decimal>(out var d) => d.ToString(CultureInfo.InvariantCulture),
            _ => null,
        });

    /// <summary>The value typed into a field, as the profile stores it; null for an empty field; an error message when it does not read.</summary>
    private static (JsonNode? Value, string? Error) Parse(Field field, string? typed)
    {
        var text = typed?.Trim();
        if (string.IsNullOrEmpty(text)) return (null, null);
        var label = field.Called;
        switch (field.Kind)
        {
            case FieldKind.Flag:
                return text switch { "true" => (JsonValue.Create(true), null), "false" => (JsonValue.Create(false), null), _ => (null, "请选择“是”或“否”") };
            case FieldKind.WholeNumber:
                return Money.Parse(text) switch
                {
                    null => (null, $"{label}应为整数，如 120"),
                    < 0 => (null, $"{label}不能为负数"),
                    var n when n != decimal.Truncate(n.Value) => (null, $"{label}应为整数"),
                    > int.MaxValue => (null, $"{label}过大，请核对"),
                    var n => (JsonValue.Create((int)n.Value), null),
                };
            default:
                return Money.Parse(text) switch
                {
                    null => (null, $"{label}应为金额（元），如 21,000,000"),
                    < 0 => (null, $"{label}不能为负数"),
                    > Money.Largest => (null, $"{label}过大，请核对单位是否为元"),
                    var n when n != decimal.Round(n.Value, 2) => (null, $"{label}最多保留两位小数（元、角、分）"),
                    var n => (JsonValue.Create(n.Value), null),
                };
        }
    }

    /// <summary>The profile with the typed facts written at their paths; an empty field removes its fact, and no IP count at all removes the IP statement.</summary>
    private static JsonObject Write(JsonObject stored, IEnumerable<Field> fields, Dictionary<string, JsonNode?> values)
    {
        var profile = (JsonObject)stored.DeepClone();
        foreach (var field in fields) RequestWriter.SetAt(profile, field.Path, values[field.Key]?.DeepClone());
        if (profile["ip"] is JsonObject { Count: 0 }) profile.Remove("ip");
        // a year whose every figure was cleared is no year stated
        if (profile["finance"] is JsonObject finance)
        {
            foreach (var year in finance.Where(y => y.Value is JsonObject { Count: 0 }).Select(y => y.Key).ToList()) finance.Remove(year);
            if (finance.Count == 0) profile.Remove("finance");
        }
        return profile;
    }

    private static JsonNode? At(JsonObject profile, string path)
    {
        JsonNode? node = profile;
        foreach (var part in path.Split('.')) node = (node as JsonObject)?[part];
        return node;
    }
}
