using Shenbao.Domain.Guides;
using YamlDotNet.RepresentationModel;

namespace Shenbao.Domain.TechSme;

/// <summary>Loads the standard's data file and validates it like a guide: every error with its file and line.</summary>
public static class StandardLoader
{
    public abstract record Result
    {
        private Result() { }
        public sealed record Valid(Standard Standard) : Result;
        public sealed record Invalid(IReadOnlyList<GuideError> Errors) : Result;
    }

    public static Result LoadFile(string path) => Load(File.ReadAllText(path), path);

    public static Standard LoadValidFile(string path) => LoadFile(path) switch
    {
        Result.Valid valid => valid.Standard,
        Result.Invalid invalid => throw new InvalidDataException(string.Join(Environment.NewLine, invalid.Errors)),
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    public static Result Load(string yaml, string file)
    {
        var context = new LoadContext(file, new Dictionary<string, string>(), Eligibility.FactCatalog.Standard);
        var (node, problem) = YamlMap.ParseRoot(yaml, file, "标准文件应为一个映射（键: 值），包含 id、title、source、version、conditions、size、direct、staff、rd、ip、pass");
        if (node is null) return new Result.Invalid([problem!]);

        var root = new YamlMap(node, context, "");
        var id = root.Text("id", "标准");
        var title = root.Text("title", "标准");
        var source = root.Text("source", "标准");
        var version = root.Text("version", "标准");
        var offset = root.Integer("dataYearOffset", "标准");
        var conditions = Texts(root, "conditions", "条件", Standard.ConditionIds);
        var size = root.Map("size", "标准", "size");
        var (employees, revenue, assets) = (size?.Integer("maxEmployees", "规模条件"), size?.Decimal("maxRevenue", "规模条件"), size?.Decimal("maxAssets", "规模条件"));
        size?.RejectUnread("规模条件");
        var direct = Texts(root, "direct", "直接认定情形", Standard.DirectIds);
        var staff = root.Map("staff", "标准", "staff");
        var staffBands = staff is null ? null : Bands(staff, "bands", "科技人员指标", ratio: true);
        staff?.RejectUnread("科技人员指标");
        var rd = root.Map("rd", "标准", "rd");
        var (onRevenue, onCosts) = rd is null ? (null, null) : (Bands(rd, "revenue", "研发投入指标（按销售收入）", ratio: true), Bands(rd, "costs", "研发投入指标（按成本费用）", ratio: true));
        rd?.RejectUnread("研发投入指标");
        var ip = root.Map("ip", "标准", "ip");
        var (class1, class2) = ip is null ? (null, null) : (Bands(ip, "class1", "Ⅰ类知识产权", ratio: false), Bands(ip, "class2", "Ⅱ类知识产权", ratio: false));
        ip?.RejectUnread("科技成果指标");
        var pass = root.Map("pass", "标准", "pass");
        var (total, staffMust) = (pass?.Integer("minimumTotal", "通过条件"), pass?.Flag("staffMustScore", "通过条件"));
        pass?.RejectUnread("通过条件");
        root.RejectUnread("标准");

        if (context.Errors.Count > 0 || id is null || title is null || source is null || version is null || offset is null || conditions is null || employees is null
            || revenue is null || assets is null || direct is null || staffBands is null || onRevenue is null || onCosts is null || class1 is null || class2 is null || total is null || staffMust is null)
            return new Result.Invalid(context.Errors.Count > 0 ? context.Errors : [new GuideError(file, 0, "标准文件不完整")]);
        return new Result.Valid(new Standard(id, title, source, version, offset.Value, conditions, employees.Value, revenue.Value, assets.Value, direct,
            staffBands, onRevenue, onCosts, class1, class2, total.Value, staffMust.Value));
    }

    /// <summary>A mapping of exactly the given ids to their texts.</summary>
    private static Dictionary<string, string>? Texts(YamlMap root, string key, string what, IReadOnlyList<string> ids)
    {
        if (root.Map(key, "标准", key) is not { } map) return null;
        var texts = new Dictionary<string, string>();
        foreach (var id in ids)
            if (map.Text(id, what) is { } text) texts[id] = text;
        map.RejectUnread(what);
        return texts.Count == ids.Count ? texts : null;
    }

    /// <summary>Bands in descending order of their lower bounds; a ratio table's last band starts at 0 (below it nothing is possible).</summary>
    private static List<Band>? Bands(YamlMap map, string key, string what, bool ratio)
    {
        if (map.Sequence(key, what) is not { } items) return null;
        var bands = new List<Band>();
        var ok = true;
        foreach (var item in items)
        {
            if (item is not YamlMappingNode node)
            {
                map.Context.Error(item, $"{what}的每一档应为 {{ from: 下限, points: 分数 }}");
                ok = false;
                continue;
            }
            var band = new YamlMap(node, map.Context, map.Path);
            var (from, points) = (band.Decimal("from", $"{what}的一档"), band.Integer("points", $"{what}的一档"));
            band.RejectUnread($"{what}的一档");
            if (from is null || points is null) { ok = false; continue; }
            if (from < 0 || points < 0) { map.Context.Error(item, $"{what}的下限和分数不能为负"); ok = false; }
            if (bands.Count > 0 && from >= bands[^1].From) { map.Context.Error(item, $"{what}的各档应按下限从高到低排列：{from} 不低于上一档的 {bands[^1].From}"); ok = false; }
            if (bands.Count > 0 && points > bands[^1].Points) { map.Context.Error(item, $"{what}的下限更低的一档分数不能更高"); ok = false; }
            bands.Add(new Band(from.Value, points.Value));
        }
        if (ok && bands.Count == 0) { map.Context.Error(map.Get(key), $"{what}至少要有一档"); ok = false; }
        if (ok && ratio && bands[^1].From != 0) { map.Context.Error(map.Get(key), $"{what}的最后一档应从 0 开始，否则低于它的比例无分可得也无档可说"); ok = false; }
        return ok ? bands : null;
    }
}
