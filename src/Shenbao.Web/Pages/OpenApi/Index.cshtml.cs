using Microsoft.AspNetCore.Mvc.RazorPages;
using Shenbao.Web.Guides;

namespace Shenbao.Web.Pages.OpenApi;

/// <summary>开放接口: what other systems may call without signing in, for the developers of those systems.</summary>
public sealed class IndexModel(GuideCatalog guides) : PageModel
{
    public string GuideId => guides.Default.Id;

    public void OnGet() { }
}
