using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Web.Guides;

namespace Shenbao.Web.Pages.GuidePages;

public sealed class ShowModel(GuideCatalog catalog) : PageModel
{
    /// <summary>A rule that cites a clause, with the category that uses it.</summary>
    public sealed record Citation(Category Category, GuideRule Rule);

    public sealed record ClauseView(Clause Clause, IReadOnlyList<Citation> Citations);

    /// <summary>A run of consecutive clauses under one heading; Category is null for clauses no rule cites before the first category's.</summary>
    public sealed record Part(Category? Category, IReadOnlyList<ClauseView> Clauses);

    public Guide Guide { get; private set; } = null!;

    public IReadOnlyList<Part> Parts { get; private set; } = [];

    public IActionResult OnGet(string id)
    {
        if (catalog.Find(id) is not { } guide) return NotFound();
        Guide = guide;
        Parts = Group(guide);
        return Page();
    }

    /// <summary>
    /// The guide file lists its clauses in the guide's order but does not say which category each belongs to; the
    /// rules do, by citing them. A clause no rule cites (e.g. a 支持方向 only a person judges) stays with the one before it.
    /// </summary>
    private static List<Part> Group(Guide guide)
    {
        var parts = new List<Part>();
        Category? current = null;
        var run = new List<ClauseView>();
        foreach (var clause in guide.Clauses)
        {
            var citations = guide.Categories
                .SelectMany(c => c.Rules.Where(r => r.Clause == clause.Id).Select(r => new Citation(c, r)))
                .ToList();
            var owner = citations.Count > 0 ? citations[0].Category : current;
            if (owner != current && run.Count > 0)
            {
                parts.Add(new Part(current, run));
                run = [];
            }
            current = owner;
            run.Add(new ClauseView(clause, citations));
        }
        if (run.Count > 0) parts.Add(new Part(current, run));
        return parts;
    }

    public static string SeverityLabel(Severity severity) => severity switch
    {
        Severity.Fail => "资格条件",
        Severity.Warn => "提示项（须说明理由）",
        Severity.Manual => "人工判断",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    public static string Anchor(Category? category) => category is null ? "part-general" : "part-" + category.Id;
}
