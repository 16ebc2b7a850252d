namespace Shenbao.Web.Guides;

/// <summary>Where a clause of a guide is shown: the guide page, anchored at the clause's own id.</summary>
public static class ClauseLinks
{
    public static string Href(string guideId, string clauseId) => $"/Guide/{Uri.EscapeDataString(guideId)}#{Uri.EscapeDataString(clauseId)}";
}
