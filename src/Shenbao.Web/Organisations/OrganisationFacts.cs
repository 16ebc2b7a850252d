using System.Text.Json.Nodes;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Guides;
using Shenbao.Web.Setup;

namespace Shenbao.Web.Organisations;

/// <summary>An organisation as the rules see it, and the check of one category for it.</summary>
public static class OrganisationFacts
{
    public static ApplicantIdentity Identity(Organisation organisation, Districts districts) =>
        new(organisation.Name, organisation.CreditCode, organisation.Kind, districts.Contains(organisation.District));

    public static JsonObject Profile(Organisation organisation) =>
        JsonNode.Parse(organisation.ProfileJson) as JsonObject ?? [];

    /// <summary>The check of one category for the organisation's stored profile and the given form values.</summary>
    public static Judgement Check(
        Guide guide, Category category, Organisation organisation, Districts districts,
        IReadOnlyDictionary<string, string> values, IEnumerable<string> attachmentTypes, int othersOnSamePlatform, DateOnly asOf) =>
        ApplicationDocument.Judge(guide, category, Identity(organisation, districts), Profile(organisation), values, attachmentTypes, othersOnSamePlatform, asOf);
}
