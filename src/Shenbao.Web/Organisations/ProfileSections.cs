namespace Shenbao.Web.Organisations;

/// <summary>A group of profile facts: its anchor on the profile page, its title, and whether it carries proof documents.</summary>
public sealed record ProfileSection(string Id, string Title, bool HasProof)
{
    /// <summary>The Attachment.Purpose of this group's proof documents.</summary>
    public string ProofPurpose => ProfileSections.ProofPrefix + Id;

    public string Href => $"/Organisation/Profile#{Id}";
}

/// <summary>
/// The profile page's sections, in page order. Their ids are the keys of the request's "applicant" object, so a
/// rule's facts (applicant.finance.revenue) name the section that holds them.
/// </summary>
public static class ProfileSections
{
    public const string ProofPrefix = "proof:";

    public static readonly ProfileSection Basics = new("basics", "职工与法人资格", HasProof: false);

    public static IReadOnlyList<ProfileSection> All { get; } =
    [
        Basics,
        new("highTech", "高新技术企业认定", HasProof: true),
        new("techSme", "科技型中小企业自评", HasProof: true),
        new("finance", "财务数据", HasProof: true),
        new("iurSpending", "产学研合作支出", HasProof: true),
        new("majorProjectSubsidies", "科技重大专项补助", HasProof: true),
        new("platforms", "科研平台和学科", HasProof: true),
        new("ipDispute", "知识产权纠纷", HasProof: true),
    ];

    public static ProfileSection? Find(string id) => All.FirstOrDefault(s => s.Id == id);

    /// <summary>
    /// The sections holding the given facts, in page order. Registration facts (kind, inHengyang) belong to no
    /// section: they change only through the organisation's registration.
    /// </summary>
    public static IReadOnlyList<ProfileSection> Holding(IEnumerable<string> facts)
    {
        var ids = facts
            .Where(f => f.StartsWith("applicant.", StringComparison.Ordinal))
            .Select(f => f.Split('.')[1] switch
            {
                "employees" or "independentLegalPerson" => Basics.Id,
                var group => group,
            })
            .ToHashSet();
        return All.Where(s => ids.Contains(s.Id)).ToList();
    }
}
