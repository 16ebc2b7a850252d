using System.Text.Json;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;
using Shenbao.Web.Setup;

namespace Shenbao.Web.Organisations;

/// <summary>An organisation as the rules see it, and the check of one category for it.</summary>
public static class OrganisationFacts
{
    /// <summary>
    /// Who the organisation is (from its registration) with the facts its stored profile holds; a stored value that
    /// does not read is reported at its path and left out.
    /// </summary>
    public static ProfileRead Applicant(Organisation organisation, Districts districts, FactCatalog facts)
    {
        var identity = new Applicant
        {
            Name = organisation.Name, CreditCode = organisation.CreditCode, Kind = organisation.Kind,
            // the rules see only "in the city or not", which the organisation's district decides
            InHengyang = districts.Contains(organisation.District),
        };
        using var profile = JsonDocument.Parse(organisation.ProfileJson);
        return RequestReader.ReadProfile(profile.RootElement, identity, facts);
    }

    /// <summary>The check of one category for the organisation's stored profile and the given form values.</summary>
    public static Judgement Check(
        Guide guide, Category category, Organisation organisation, Districts districts,
        IReadOnlyDictionary<string, string> values, IEnumerable<string> attachmentTypes, int othersOnSamePlatform, DateOnly asOf) =>
        ApplicationDocument.Judge(guide, category, Applicant(organisation, districts, guide.Facts), values, attachmentTypes, othersOnSamePlatform, asOf);
}
