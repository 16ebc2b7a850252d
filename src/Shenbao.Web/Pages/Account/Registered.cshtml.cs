using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shenbao.Web.Setup;

namespace Shenbao.Web.Pages.Account;

/// <summary>The page after a registration (Post/Redirect/Get): what happens next and who decides.</summary>
public sealed class RegisteredModel(Districts districts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? District { get; set; }

    /// <summary>Only a district of the list is named, so the address cannot make the page say something else.</summary>
    public string Recommender => District is { } d && districts.Contains(d) ? $"{d}的推荐单位" : "所在县市区（园区）的推荐单位";

    public void OnGet() { }
}
