using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;

namespace Shenbao.Web.Guides;

/// <summary>
/// The guides this server knows, loaded once at start-up from the guides folder. A guide file that does not
/// validate stops the start with its errors: a call must never run on a half-read guide.
/// </summary>
public sealed class GuideCatalog
{
    private readonly Dictionary<string, Guide> guides;

    public GuideCatalog(IEnumerable<Guide> guides)
    {
        this.guides = guides.ToDictionary(g => g.Id);
        if (this.guides.Count == 0) throw new InvalidOperationException("No guide was loaded: the guides folder holds no *.yaml file.");
        Default = this.guides.Values.OrderByDescending(g => g.Year).ThenBy(g => g.Id, StringComparer.Ordinal).First();
    }

    /// <param name="facts">The facts the guides may name (the contract's, unless more are declared).</param>
    public static GuideCatalog LoadFolder(string folder, FactCatalog facts) =>
        new(Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Select(path => GuideLoader.LoadValidFile(path, facts: facts))
            : throw new DirectoryNotFoundException($"The guides folder '{folder}' does not exist (setting Shenbao:GuidesPath)."));

    public IEnumerable<Guide> All => guides.Values.OrderByDescending(g => g.Year).ThenBy(g => g.Id, StringComparer.Ordinal);

    /// <summary>The newest guide: the one the check uses when a request names none.</summary>
    public Guide Default { get; }

    public Guide? Find(string id) => guides.GetValueOrDefault(id);
}
