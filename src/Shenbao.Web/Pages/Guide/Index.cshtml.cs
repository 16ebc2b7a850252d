using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shenbao.Web.Guides;

namespace Shenbao.Web.Pages.GuidePages;

/// <summary>"申报指南" in the menu: the newest guide, at its own address so that clause links stay stable.</summary>
public sealed class IndexModel(GuideCatalog catalog) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Guide/Show", new { id = catalog.Default.Id });
}
