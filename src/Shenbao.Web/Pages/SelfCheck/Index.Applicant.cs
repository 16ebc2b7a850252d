using System.Globalization;
using System.Text.Json.Nodes;
using Shenbao.Domain.Requests;

namespace Shenbao.Web.Pages.SelfCheck;

// The answers turned into the request contract's "applicant": kept apart from the page's flow because it is long, not clever.
public sealed partial class IndexModel
{
    /// <summary>The answers as the request contract's "applicant" (spec/eligibility.md), leaving out what was not answered.</summary>
    private JsonObject Applicant()
    {
        var applicant = new JsonObject();
        if (NonNegativeAttribute.Parse(Input.Employees) is { } employees) applicant["employees"] = employees;
        if (Input.HighTech is { } certified)
            applicant["highTech"] = certified
                ? new JsonObject { ["certified"] = true, ["validTo"] = Input.ValidTo!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }
                : new JsonObject { ["certified"] = false };
        if (Input.TechSmeSelfAssessed is { } assessed) applicant["techSme"] = new JsonObject { ["selfAssessed"] = assessed, ["year"] = Guide.Year };
        applicant["finance"] = ByYear(
            (LastYear, Amounts(("revenue", Input.Revenue), ("assets", Input.Assets), ("output", Input.Output), ("tax", Input.Tax))),
            (LastYear - 1, Amounts(("tax", Input.TaxYearBefore))),
            (LastYear - 2, Amounts(("tax", Input.TaxTwoYearsBefore))));
        applicant["iurSpending"] = ByYear(
            (LastYear, Amount(Input.Iur)), (LastYear - 1, Amount(Input.IurYearBefore)), (LastYear - 2, Amount(Input.IurTwoYearsBefore)));
        // always a list: an absent list means "not stated", which the subsidy rule refuses
        applicant["majorProjectSubsidies"] = new JsonArray(
            new[] { (LastYear - 1, Input.SubsidiesYearBefore), (LastYear - 2, Input.SubsidiesTwoYearsBefore), (LastYear - 3, Input.SubsidiesThreeYearsBefore) }
                .SelectMany(p => Enumerable.Repeat(p.Item1, (int)(NonNegativeAttribute.Parse(p.Item2) ?? 0)))
                .Select(year => (JsonNode?)new JsonObject { ["year"] = year }).ToArray());
        applicant["platforms"] = string.IsNullOrEmpty(Input.PlatformType) ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["id"] = "self-check", ["type"] = Input.PlatformType, ["level"] = Input.PlatformLevel,
            ["name"] = Vocabulary.PlatformLevels.Label(Input.PlatformLevel!) + Vocabulary.PlatformTypes.Label(Input.PlatformType),
        });
        if (Input.IpDispute is { } dispute) applicant["ipDispute"] = dispute;
        return applicant;
    }

    private static JsonValue? Amount(string? text) => NonNegativeAttribute.Parse(text) is { } value ? JsonValue.Create(value) : null;

    private static JsonObject? Amounts(params (string Name, string? Text)[] fields)
    {
        var found = fields.Where(f => Amount(f.Text) is not null).ToList();
        return found.Count == 0 ? null : new JsonObject(found.Select(f => KeyValuePair.Create<string, JsonNode?>(f.Name, Amount(f.Text))));
    }

    private static JsonObject ByYear(params (int Year, JsonNode? Value)[] years) =>
        new(years.Where(y => y.Value is not null).Select(y => KeyValuePair.Create(y.Year.ToString(CultureInfo.InvariantCulture), y.Value)));
}
