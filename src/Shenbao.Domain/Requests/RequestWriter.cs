using System.Globalization;
using System.Text.Json.Nodes;

namespace Shenbao.Domain.Requests;

/// <summary>
/// A typed request written in the JSON contract of spec/eligibility.md, leaving out what is absent: what a
/// submission freezes, and what <see cref="RequestReader"/> reads back to the same request.
/// </summary>
public static class RequestWriter
{
    public static JsonObject Write(EligibilityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = Object(
            ("asOf", Date(request.AsOf)),
            ("applicant", Applicant(request.Applicant)),
            ("application", Application(request.Application)),
            ("context", Object(("applicationsOnSamePlatform", request.Context.ApplicationsOnSamePlatform))))!;
        foreach (var (path, value) in request.Declared.OrderBy(p => p.Key, StringComparer.Ordinal))
            SetAt(root, path, value);
        return root;
    }

    /// <summary>
    /// A declared fact's value (bool, decimal, string, DateOnly) at its dotted path under <paramref name="root"/>, the
    /// objects on the way created; null removes it.
    /// </summary>
    public static void SetAt(JsonObject root, string path, object? value)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject next) node[part] = next = new JsonObject();
            node = next;
        }
        if (Object(("v", value is DateOnly date ? Date(date) : value)) is { } wrapped) node[parts[^1]] = wrapped["v"]!.DeepClone();
        else node.Remove(parts[^1]);
    }

    private static JsonObject Applicant(Applicant a) => Object(
        ("name", a.Name),
        ("creditCode", a.CreditCode),
        ("kind", a.Kind),
        ("inHengyang", a.InHengyang),
        ("independentLegalPerson", a.IndependentLegalPerson),
        ("employees", a.Employees),
        ("highTech", a.HighTech is { } h ? Object(("certified", h.Certified), ("certificateNo", h.CertificateNo), ("validTo", Date(h.ValidTo))) ?? [] : null),
        ("techSme", a.TechSme is { } t ? Object(("selfAssessed", t.SelfAssessed), ("year", t.Year)) ?? [] : null),
        ("finance", a.Finance is { } finance
            ? ByYear(finance.Select(p => (p.Key, (JsonNode?)(Object(("output", p.Value.Output), ("revenue", p.Value.Revenue), ("tax", p.Value.Tax), ("assets", p.Value.Assets)) ?? [])))) ?? []
            : null),
        ("iurSpending", a.IurSpending is { } iur ? ByYear(iur.Select(p => (p.Key, (JsonNode?)JsonValue.Create(p.Value)))) ?? [] : null),
        ("majorProjectSubsidies", a.MajorProjectSubsidies is { } subsidies ? Array(subsidies.Select(s => Object(("year", s.Year)) ?? [])) : null),
        ("platforms", a.Platforms is { } platforms ? Array(platforms.Select(p => Object(("id", p.Id), ("name", p.Name), ("type", p.Type), ("level", p.Level)) ?? [])) : null),
        ("ipDispute", a.IpDispute))!;

    private static JsonObject Application(ApplicationFacts b) => Object(
        ("category", b.Category),
        ("field", b.Field),
        ("tier", b.Tier),
        ("leader", b.Leader is { } l ? Object(("name", l.Name), ("title", l.Title)) ?? [] : null),
        ("platformId", b.PlatformId),
        ("contract", b.Contract is { } c
            ? Object(("counterpartyKind", c.CounterpartyKind), ("type", c.Type), ("amount", c.Amount), ("paid", c.Paid), ("signedOn", Date(c.SignedOn)),
                ("effectiveOn", Date(c.EffectiveOn)), ("endsOn", Date(c.EndsOn)), ("registered", c.Registered), ("registrationNo", c.RegistrationNo),
                ("relatedParty", c.RelatedParty)) ?? []
            : null),
        ("consortium", b.Consortium is { } k
            ? Object(("members", k.Members is { } members ? Array(members.Select(m => Object(("name", m.Name), ("kind", m.Kind)) ?? [])) : null),
                ("agreementSigned", k.AgreementSigned)) ?? []
            : null),
        ("achievement", b.Achievement is { } ach
            ? new JsonObject { ["mainContributors"] = Object(("academic", ach.Academic), ("total", ach.Total)) ?? [] }
            : null),
        ("attachments", b.Attachments is { } attachments ? Array(attachments.Select(x => (JsonNode?)JsonValue.Create(x))) : null))!;

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An object of the members that are there; null when none is.</summary>
    private static JsonObject? Object(params (string Name, object? Value)[] members)
    {
        var result = new JsonObject();
        foreach (var (name, value) in members)
        {
            JsonNode? node = value switch
            {
                null => null,
                JsonNode n => n,
                string s => JsonValue.Create(s),
                bool b => JsonValue.Create(b),
                int i => JsonValue.Create(i),
                decimal d => JsonValue.Create(d),
                _ => throw new ArgumentException($"no JSON for {value.GetType().Name}", nameof(members)),
            };
            if (node is not null) result[name] = node;
        }
        return result.Count > 0 ? result : null;
    }

    private static JsonObject? ByYear(IEnumerable<(int Year, JsonNode? Value)> years)
    {
        var result = new JsonObject();
        foreach (var (year, value) in years.OrderBy(y => y.Year)) result[year.ToString(CultureInfo.InvariantCulture)] = value;
        return result.Count > 0 ? result : null;
    }

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());
}
