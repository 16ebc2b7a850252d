using System.Globalization;

namespace Shenbao.Web.Organisations;

/// <summary>
/// Ids of the platforms in a profile. Applications name the platform they rely on by its id
/// (application.platformId), so an id is never changed and never given again to another platform.
/// </summary>
public static class PlatformIds
{
    /// <summary>Ids for <paramref name="count"/> new platforms: p1, p2, … above every "pN" ever seen in the profile.</summary>
    public static IReadOnlyList<string> Next(IEnumerable<string> existing, int count)
    {
        var highest = existing
            .Select(id => id.Length > 1 && id[0] == 'p' && int.TryParse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
        return Enumerable.Range(highest + 1, count).Select(n => "p" + n.ToString(CultureInfo.InvariantCulture)).ToList();
    }
}
