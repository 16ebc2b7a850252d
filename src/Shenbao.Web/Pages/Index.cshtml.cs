using Microsoft.AspNetCore.Mvc.RazorPages;
using Shenbao.Domain.Guides;
using Shenbao.Web.Guides;

namespace Shenbao.Web.Pages;

public sealed class IndexModel(GuideCatalog catalog) : PageModel
{
    public IReadOnlyList<Guide> Guides { get; private set; } = [];

    public void OnGet() => Guides = catalog.All.ToList();
}
