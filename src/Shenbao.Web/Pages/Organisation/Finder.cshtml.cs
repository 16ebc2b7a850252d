using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;
using Shenbao.Web.Guides;
using Shenbao.Web.Organisations;
using Shenbao.Web.Security;
using Shenbao.Web.Setup;

namespace Shenbao.Web.Pages.Organisation;

/// <summary>
/// 可申报类别: every category of the current guide, judged on the organisation's profile alone, with the rules met
/// and missed; the rules about the application itself wait for the application.
/// </summary>
public sealed class FinderModel(AppDbContext db, GuideCatalog guides, Districts districts, TimeProvider clock) : PageModel
{
    private static readonly IReadOnlyDictionary<string, string> NoFormValues = new Dictionary<string, string>();

    public Guide Guide { get; private set; } = null!;

    public string OrganisationName { get; private set; } = "";

    public DateOnly AsOf { get; private set; }

    public IReadOnlyList<CategoryFit> Categories { get; private set; } = [];

    /// <summary>For an enterprise: its 科技型中小企业 standing, which the categories' self-assessment rule reads.</summary>
    public TechSmeStatus? TechSme { get; private set; }

    /// <summary>What the official HTE list says of the certificate in the profile (null before a list is imported or without a certificate).</summary>
    public Shenbao.Domain.OfficialLists.ListFinding? Certificate { get; private set; }

    /// <summary>Stored profile values the check could not read (left out of the check, reported once each).</summary>
    public IReadOnlyList<InputError> ProfileErrors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var id = User.OrganisationId();
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id, ct);
        Guide = guides.Default;
        OrganisationName = organisation.Name;
        AsOf = ChinaTime.DateOf(clock.GetUtcNow());
        if (organisation.Kind == Vocabulary.Enterprise) TechSme = await TechSmeStatus.LoadAsync(db, organisation.Id, ct);
        var errors = new List<InputError>();
        Categories = Guide.Categories.Select(category =>
        {
            var (_, verdict, invalid) = OrganisationFacts.Check(Guide, category, organisation, districts, NoFormValues, attachmentTypes: [], othersOnSamePlatform: 0, AsOf);
            errors.AddRange(invalid);
            return CategoryFit.Of(category, verdict, Guide.Facts);
        }).ToList();
        ProfileErrors = errors.DistinctBy(e => e.Path).ToList();
        Certificate = await Shenbao.Data.OfficialLists.OfficialListStore.CertificateFindingAsync(db, OrganisationFacts.Applicant(organisation, districts, Guide.Facts).Applicant, AsOf, ct);
    }

    /// <summary>What a person must fill in the application for a rule: the labels of the application facts it reads.</summary>
    public static string Needs(GuideRule rule, FactCatalog facts) => string.Join("、", rule.Reads
        .Where(f => f.StartsWith("application.", StringComparison.Ordinal) || f.StartsWith("context.", StringComparison.Ordinal))
        .Select(f => facts.Find(f)?.Label ?? f)
        .Distinct());

    public static string SummaryCss(Fit fit) => fit switch
    {
        Fit.Eligible => "text-bg-success",
        Fit.NeedsJustification => "text-bg-warning",
        Fit.NotYet => "text-bg-danger",
        Fit.Incomplete => "text-bg-secondary",
        _ => throw new System.Diagnostics.UnreachableException(),
    };
}
