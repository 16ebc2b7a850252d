using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;

namespace Shenbao.Web.Guides;

/// <summary>
/// The guides this server knows: those of the guides folder, loaded at start-up, and those the bureau imported (kept in
/// the database, loaded at start-up and added when imported). A guide that does not validate stops the start with its
/// errors: a call must never run on a half-read guide.
/// </summary>
public sealed class GuideCatalog
{
    // replaced whole on an import, so a reader never sees a half-added guide
    private volatile IReadOnlyDictionary<string, Guide> guides;
    private readonly Lock adding = new();

    public GuideCatalog(IEnumerable<Guide> guides)
    {
        this.guides = guides.ToDictionary(g => g.Id);
        if (this.guides.Count == 0) throw new InvalidOperationException("No guide was loaded: the guides folder holds no *.yaml file.");
    }

    /// <summary>Adds an imported guide; false when a guide of that id is already known.</summary>
    public bool TryAdd(Guide guide)
    {
        ArgumentNullException.ThrowIfNull(guide);
        lock (adding)
        {
            if (guides.ContainsKey(guide.Id)) return false;
            guides = new Dictionary<string, Guide>(guides) { [guide.Id] = guide };
            return true;
        }
    }

    /// <param name="facts">The facts the guides may name (the contract's, unless more are declared).</param>
    public static GuideCatalog LoadFolder(string folder, FactCatalog facts) =>
        new(Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Select(path => GuideLoader.LoadValidFile(path, facts: facts))
            : throw new DirectoryNotFoundException($"The guides folder '{folder}' does not exist (setting Shenbao:GuidesPath)."));

    public IEnumerable<Guide> All => guides.Values.OrderByDescending(g => g.Year).ThenBy(g => g.Id, StringComparer.Ordinal);

    /// <summary>The newest guide: the one the check uses when a request names none.</summary>
    public Guide Default => All.First();

    public Guide? Find(string id) => guides.GetValueOrDefault(id);
}
