namespace Shenbao.BrowserTests.Pages;

/// <summary>/Guide/{id}: the guide's clauses in its own words, each anchored at its id, with the rules citing it.</summary>
public sealed class GuidePage(IPage page) : SitePage(page)
{
    public new static class Selectors
    {
        public const string Toc = "nav[aria-labelledby=toc-heading]";
        /// <summary>Clause ids are Chinese with full-width brackets (四（一）具体条件3): matched as an attribute, not as #id.</summary>
        public static string Clause(string clauseId) => $"article.clause[id='{clauseId}']";
        public static string ClauseRules(string clauseId) => $"article.clause[id='{clauseId}'] .clause-rules .rule-name";
        public static string TocLink(string clauseId) => $"nav[aria-labelledby=toc-heading] a[href='#{clauseId}']";
    }

    public ILocator Clause(string clauseId) => Page.Locator(Selectors.Clause(clauseId));

    public ILocator ClauseRules(string clauseId) => Page.Locator(Selectors.ClauseRules(clauseId));

    public ILocator TocLink(string clauseId) => Page.Locator(Selectors.TocLink(clauseId));
}
