using System.Globalization;
using System.Text.Json.Nodes;
using Shenbao.Web.Organisations;

namespace Shenbao.Web.Pages.Organisation;

/// <summary>The form filled from the stored profile (the request's "applicant" shape), and written back into it.</summary>
public sealed partial class ProfileModel
{
    /// <summary>Blank platform rows offered for new platforms each time the form is shown.</summary>
    private const int NewPlatformRows = 2;

    /// <summary>The form filled from a stored profile; <paramref name="years"/> are the fiscal years always shown.</summary>
    public static InputModel ToInput(JsonObject profile, int version, IEnumerable<int> years)
    {
        var finance = profile["finance"] as JsonObject;
        var iur = profile["iurSpending"] as JsonObject;
        var highTech = profile["highTech"] as JsonObject;
        var subsidies = profile["majorProjectSubsidies"] as JsonArray;
        var shown = years.Concat(YearsOf(finance)).Concat(YearsOf(iur)).Distinct().Order().ToList();
        return new InputModel
        {
            Version = version,
            Employees = ProfileValues.Text(profile["employees"]),
            IndependentLegalPerson = ProfileValues.Flag(profile["independentLegalPerson"]) ?? true,
            HighTech = new()
            {
                Certified = ProfileValues.Flag(highTech?["certified"]) ?? false,
                CertificateNo = ProfileValues.Text(highTech?["certificateNo"]),
                ValidTo = ProfileValues.Text(highTech?["validTo"]),
            },
            Finance = shown.Select(y => (y, Row: finance?[Key(y)] as JsonObject)).Select(r => new FinanceYearInput
            {
                Year = r.y,
                Output = ProfileValues.Text(r.Row?["output"], amount: true),
                Revenue = ProfileValues.Text(r.Row?["revenue"], amount: true),
                Tax = ProfileValues.Text(r.Row?["tax"], amount: true),
                Assets = ProfileValues.Text(r.Row?["assets"], amount: true),
            }).ToList(),
            IurSpending = shown.Select(y => new YearAmountInput { Year = y, Amount = ProfileValues.Text(iur?[Key(y)], amount: true) }).ToList(),
            SubsidyYears = string.Join("、", subsidies?.Select(s => ProfileValues.Text((s as JsonObject)?["year"])).OfType<string>() ?? []),
            NoSubsidies = subsidies is { Count: 0 },
            Platforms = (profile["platforms"] as JsonArray ?? []).OfType<JsonObject>().Select(p => new PlatformInput
            {
                Id = ProfileValues.Text(p["id"]), Name = ProfileValues.Text(p["name"]), Type = ProfileValues.Text(p["type"]), Level = ProfileValues.Text(p["level"]),
            }).Concat(Enumerable.Range(0, NewPlatformRows).Select(_ => new PlatformInput())).ToList(),
            IpDispute = ProfileValues.Flag(profile["ipDispute"]) switch { true => "true", false => "false", null => "" },
        };
    }

    private static IEnumerable<int> YearsOf(JsonObject? byYear) =>
        byYear?.Select(p => ProfileValues.Year(p.Key)).OfType<int>() ?? [];

    private static string Key(int year) => year.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The stored profile with the form's facts written over it. Whatever the form did not post is kept: other
    /// keys, fiscal years not shown, platforms not listed. An empty field removes its fact, because the rules
    /// read an absent fact as "not proven", which is what an empty field means.
    /// </summary>
    public static JsonObject Write(InputModel input, JsonObject stored)
    {
        var profile = (JsonObject)stored.DeepClone();
        Set(profile, "employees", ProfileValues.ToJson(input.Employees));
        profile["independentLegalPerson"] = input.IndependentLegalPerson;

        var highTech = new JsonObject { ["certified"] = input.HighTech.Certified };
        Set(highTech, "certificateNo", Trimmed(input.HighTech.CertificateNo));
        Set(highTech, "validTo", Trimmed(input.HighTech.ValidTo));
        profile["highTech"] = highTech;
        // techSme is written only by a recorded self-assessment (the 自评 page), never by this form

        var finance = profile["finance"] as JsonObject ?? [];
        foreach (var row in input.Finance)
        {
            var key = Key(row.Year);
            if (finance[key] is not JsonObject figures) finance[key] = figures = [];
            Set(figures, "output", ProfileValues.ToJson(row.Output));
            Set(figures, "revenue", ProfileValues.ToJson(row.Revenue));
            Set(figures, "tax", ProfileValues.ToJson(row.Tax));
            Set(figures, "assets", ProfileValues.ToJson(row.Assets));
            if (figures.Count == 0) finance.Remove(key);
        }
        Set(profile, "finance", ByYear(finance));

        var iur = profile["iurSpending"] as JsonObject ?? [];
        foreach (var row in input.IurSpending)
        {
            var key = Key(row.Year);
            iur.Remove(key);
            if (ProfileValues.ToJson(row.Amount) is { } amount) iur[key] = amount;
        }
        Set(profile, "iurSpending", ByYear(iur));

        // an empty list says "none received"; no list at all says "not declared", which the subsidy rule does not accept
        var subsidyYears = ProfileValues.Years(input.SubsidyYears) ?? [];
        Set(profile, "majorProjectSubsidies", subsidyYears.Count > 0 || input.NoSubsidies
            ? new JsonArray(subsidyYears.Select(y => (JsonNode?)new JsonObject { ["year"] = y }).ToArray())
            : null);

        Set(profile, "platforms", WritePlatforms(input.Platforms, stored["platforms"] as JsonArray ?? []));
        Set(profile, "ipDispute", input.IpDispute switch { "true" => JsonValue.Create(true), "false" => JsonValue.Create(false), _ => null });
        return profile;
    }

    /// <summary>Stored platforms keep their ids and their place; removed ones go; new rows get ids never used before.</summary>
    private static JsonArray? WritePlatforms(IReadOnlyList<PlatformInput> rows, JsonArray stored)
    {
        var storedIds = stored.OfType<JsonObject>().Select(p => ProfileValues.Text(p["id"])).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var posted = rows.Where(r => !r.IsBlank && r.Id is not null && storedIds.Contains(r.Id)).DistinctBy(r => r.Id).ToDictionary(r => r.Id!, StringComparer.Ordinal);
        var result = new JsonArray();
        foreach (var platform in stored.OfType<JsonObject>())
        {
            var copy = (JsonObject)platform.DeepClone();
            if (ProfileValues.Text(platform["id"]) is { } id && posted.TryGetValue(id, out var row))
            {
                if (row.Remove) continue;
                copy["name"] = row.Name!.Trim();
                copy["type"] = row.Type;
                copy["level"] = row.Level;
            }
            result.Add(copy);
        }
        var added = rows.Where(r => !r.IsBlank && !r.Remove && (r.Id is null || !storedIds.Contains(r.Id))).ToList();
        foreach (var (row, id) in added.Zip(PlatformIds.Next(storedIds, added.Count)))
            result.Add(new JsonObject { ["id"] = id, ["name"] = row.Name!.Trim(), ["type"] = row.Type, ["level"] = row.Level });
        return result.Count > 0 ? result : null;
    }

    private static JsonObject? ByYear(JsonObject byYear)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in byYear.OrderBy(p => p.Key, StringComparer.Ordinal))
            sorted[key] = value?.DeepClone();
        return sorted.Count > 0 ? sorted : null;
    }

    private static JsonValue? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : JsonValue.Create(text.Trim());

    private static void Set(JsonObject target, string name, JsonNode? value)
    {
        if (value is null) target.Remove(name);
        else target[name] = value;
    }
}
