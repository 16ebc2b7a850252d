using Shenbao.Domain.Eligibility;

namespace Shenbao.Web.Organisations;

/// <summary>
/// A group of profile facts: its anchor on the profile page, its title, whether it carries proof documents, and the
/// page of its own where its facts are written, if they are not written on the profile page.
/// </summary>
public sealed record ProfileSection(string Id, string Title, bool HasProof, string? Page = null)
{
    /// <summary>The Attachment.Purpose of this group's proof documents.</summary>
    public string ProofPurpose => ProfileSections.ProofPrefix + Id;

    public string Href => Page ?? $"/Organisation/Profile#{Id}";
}

/// <summary>
/// The profile page's sections, in page order: the fact catalogue's profile groups, so a rule's facts
/// (applicant.finance.revenue) name the section that holds them.
/// </summary>
public static class ProfileSections
{
    public const string ProofPrefix = Shenbao.Data.Attachment.ProofPrefix;

    /// <summary>Whether an attachment's purpose is a profile section's proof rather than one of an application's documents.</summary>
    public static bool IsProof(string purpose) => purpose.StartsWith(ProofPrefix, StringComparison.Ordinal);

    /// <summary>The groups whose facts a page of their own writes: the self-assessment writes techSme from its record.</summary>
    private static readonly Dictionary<string, string> OwnPages = new(StringComparer.Ordinal) { ["techSme"] = TechSmeStatus.Page };

    public static IReadOnlyList<ProfileSection> All { get; } =
        FactCatalog.ProfileGroups.Select(g => new ProfileSection(g.Id, g.Title, g.HasProof, OwnPages.GetValueOrDefault(g.Id))).ToList();

    public static ProfileSection? Find(string id) => All.FirstOrDefault(s => s.Id == id);

    /// <summary>
    /// The sections holding the given facts, in page order. Registration facts (kind, inHengyang) belong to no
    /// section: they change only through the organisation's registration.
    /// </summary>
    public static IReadOnlyList<ProfileSection> Holding(IEnumerable<string> facts, FactCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var ids = facts.Select(catalog.Find).OfType<FactDefinition>().Select(f => f.Group).OfType<string>().ToHashSet();
        return All.Where(s => ids.Contains(s.Id)).ToList();
    }
}
