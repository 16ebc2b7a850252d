using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.TechSme;

/// <summary>The `tech-sme` request and response of spec/tech-sme.md: a reader that finds every input error, and the response's JSON.</summary>
public static class TechSmeContract
{
    public sealed record Read(Facts? Facts, IReadOnlyList<InputError> Errors);

    public static Read ReadRequest(JsonElement root, Standard standard)
    {
        ArgumentNullException.ThrowIfNull(standard);
        var errors = new List<InputError>();
        if (root.ValueKind != JsonValueKind.Object) return new(null, [new InputError("", "请求应为 JSON 对象")]);
        var asOf = Date(root, "asOf", "asOf", errors, required: true);
        int? year = Integer(root, "year", "year", errors, minimum: 1900);
        var applicant = Object(root, "applicant", "applicant", errors, required: true);
        bool? Bool(JsonElement? parent, string key, string path) => parent is { } p ? Flag(p, key, path, errors) : null;

        var employees = applicant is { } a1 ? Integer(a1, "employees", "applicant.employees", errors, minimum: 0) : null;
        var techStaff = applicant is { } a2 ? Integer(a2, "techStaff", "applicant.techStaff", errors, minimum: 0) : null;
        if (techStaff > employees) errors.Add(new("applicant.techStaff", $"科技人员 {techStaff} 人多于职工总数 {employees} 人"));
        var dataYear = (year ?? asOf?.Year ?? 0) + standard.DataYearOffset;
        var finance = applicant is { } a3 ? Object(a3, "finance", "applicant.finance", errors) : null;
        var figures = finance is { } f ? Object(f, dataYear.ToString(CultureInfo.InvariantCulture), $"applicant.finance.{dataYear}", errors) : null;
        decimal? Amount(string key) => figures is { } y ? Money(y, key, $"applicant.finance.{dataYear}.{key}", errors) : null;
        var (revenue, assets, rd, costs) = (Amount("revenue"), Amount("assets"), Amount("rdExpense"), Amount("costs"));
        var ip = applicant is { } a4 ? Object(a4, "ip", "applicant.ip", errors) : null;
        // a stated ip with a count left out holds none of that class; no ip at all is a fact not stated
        var class1 = ip is { } i1 ? Integer(i1, "class1", "applicant.ip.class1", errors, minimum: 0) ?? 0 : (int?)null;
        var class2 = ip is { } i2 ? Integer(i2, "class2", "applicant.ip.class2", errors, minimum: 0) ?? 0 : (int?)null;
        var highTech = applicant is { } a5 ? Object(a5, "highTech", "applicant.highTech", errors) : null;

        var facts = new Facts(asOf ?? default, year ?? asOf?.Year ?? 0,
            Bool(applicant, "residentInChina", "applicant.residentInChina"), Bool(applicant, "restrictedIndustry", "applicant.restrictedIndustry"), Bool(applicant, "integrityIncident", "applicant.integrityIncident"),
            employees, techStaff, revenue, assets, rd, costs, class1, class2,
            Bool(highTech, "certified", "applicant.highTech.certified"), highTech is { } h ? Date(h, "validTo", "applicant.highTech.validTo", errors) : null,
            Bool(applicant, "nationalAwardTop3", "applicant.nationalAwardTop3"), Bool(applicant, "provincialRdInstitution", "applicant.provincialRdInstitution"), Bool(applicant, "ledStandard", "applicant.ledStandard"));
        return errors.Count > 0 ? new(null, errors) : new(facts, []);
    }

    /// <summary>
    /// The request for an organisation's stored profile (the applicant shape of eligibility.md, which holds the
    /// standard's facts at the same paths), assessed for <paramref name="year"/> on <paramref name="asOf"/>.
    /// </summary>
    public static Read ReadProfile(JsonObject profile, DateOnly asOf, int year, Standard standard)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var request = new JsonObject { ["asOf"] = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["year"] = year, ["applicant"] = profile.DeepClone() };
        using var document = JsonDocument.Parse(request.ToJsonString());
        return ReadRequest(document.RootElement, standard);
    }

    /// <summary>The request that states exactly these facts: what a recorded self-assessment read, which `tech-sme FILE` assesses again.</summary>
    public static JsonObject Request(Facts facts, Standard standard)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(standard);
        var applicant = new JsonObject();
        void Put(JsonObject target, string key, JsonNode? value) { if (value is not null) target[key] = value; }
        Put(applicant, "residentInChina", facts.ResidentInChina);
        Put(applicant, "restrictedIndustry", facts.RestrictedIndustry);
        Put(applicant, "integrityIncident", facts.IntegrityIncident);
        Put(applicant, "employees", facts.Employees);
        Put(applicant, "techStaff", facts.TechStaff);
        var figures = new JsonObject();
        Put(figures, "revenue", facts.Revenue);
        Put(figures, "assets", facts.Assets);
        Put(figures, "rdExpense", facts.RdExpense);
        Put(figures, "costs", facts.Costs);
        if (figures.Count > 0) applicant["finance"] = new JsonObject { [facts.DataYear(standard).ToString(CultureInfo.InvariantCulture)] = figures };
        if (facts.Class1 is not null || facts.Class2 is not null) applicant["ip"] = new JsonObject { ["class1"] = facts.Class1 ?? 0, ["class2"] = facts.Class2 ?? 0 };
        if (facts.HighTechCertified is { } certified)
        {
            var highTech = new JsonObject { ["certified"] = certified };
            Put(highTech, "validTo", facts.HighTechValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            applicant["highTech"] = highTech;
        }
        Put(applicant, "nationalAwardTop3", facts.NationalAwardTop3);
        Put(applicant, "provincialRdInstitution", facts.ProvincialRdInstitution);
        Put(applicant, "ledStandard", facts.LedStandard);
        return new JsonObject { ["asOf"] = facts.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["year"] = facts.Year, ["applicant"] = applicant };
    }

    public static JsonObject Response(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return new JsonObject
        {
            ["qualified"] = assessment.Qualified,
            ["route"] = assessment.Route,
            ["conditions"] = new JsonArray(assessment.Conditions.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["outcome"] = c.Outcome.ToString().ToLowerInvariant(), ["message"] = c.Message }).ToArray()),
            ["direct"] = new JsonArray(assessment.Direct.Select(d => (JsonNode)new JsonObject { ["id"] = d.Id, ["met"] = d.Met, ["message"] = d.Message }).ToArray()),
            ["score"] = assessment.Score is { } s ? new JsonObject { ["staff"] = s.Staff, ["rd"] = s.Rd, ["rdBasis"] = s.RdBasis, ["ip"] = s.Ip, ["total"] = s.Total } : null,
            ["indicators"] = new JsonArray(assessment.Indicators.Select(i => (JsonNode)new JsonObject { ["id"] = i.Id, ["points"] = i.Points, ["message"] = i.Message }).ToArray()),
        };
    }

    private static JsonElement? Object(JsonElement parent, string key, string path, List<InputError> errors, bool required = false)
    {
        if (!parent.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(new(path, $"缺少 {path}"));
            return null;
        }
        if (value.ValueKind == JsonValueKind.Object) return value;
        errors.Add(new(path, $"{path} 应为对象"));
        return null;
    }

    private static bool? Flag(JsonElement parent, string key, string path, List<InputError> errors)
    {
        if (!parent.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        errors.Add(new(path, $"{path} 应为 true 或 false"));
        return null;
    }

    private static int? Integer(JsonElement parent, string key, string path, List<InputError> errors, int minimum)
    {
        if (!parent.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            errors.Add(new(path, $"{path} 应为整数"));
            return null;
        }
        if (number < minimum)
        {
            errors.Add(new(path, $"{path} 不能小于 {minimum}，实际为 {number}"));
            return null;
        }
        return number;
    }

    private static decimal? Money(JsonElement parent, string key, string path, List<InputError> errors)
    {
        if (!parent.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var amount))
        {
            errors.Add(new(path, $"{path} 应为金额（数字，单位元）"));
            return null;
        }
        if (amount < 0)
        {
            errors.Add(new(path, $"{path} 不能为负数，实际为 {amount.ToString(CultureInfo.InvariantCulture)}"));
            return null;
        }
        // 元 to the 分: a finer figure is no amount on a statement, and ratios of such figures would overflow
        if (amount != decimal.Round(amount, 2) || amount > Requests.Money.Largest)
        {
            errors.Add(new(path, amount > Requests.Money.Largest
                ? $"{path} 过大（超过 {Requests.Money.Largest.ToString("#,0", CultureInfo.InvariantCulture)} 元），请核对单位是否为元"
                : $"{path} 最多保留两位小数（元、角、分），实际为 {amount.ToString(CultureInfo.InvariantCulture)}"));
            return null;
        }
        return amount;
    }

    private static DateOnly? Date(JsonElement parent, string key, string path, List<InputError> errors, bool required = false)
    {
        if (!parent.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(new(path, $"缺少 {path}（日期，如 2025-04-15）"));
            return null;
        }
        if (value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        errors.Add(new(path, $"{path} 应为日期，格式 yyyy-MM-dd"));
        return null;
    }
}
