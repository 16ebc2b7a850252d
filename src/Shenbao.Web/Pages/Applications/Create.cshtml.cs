using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Guides;
using Shenbao.Web.Organisations;
using Shenbao.Web.Security;
using Shenbao.Web.Setup;

namespace Shenbao.Web.Pages.Applications;

/// <summary>Choose the call and category, with the organisation's verdict from its profile beside each.</summary>
public sealed class CreateModel(AppDbContext db, GuideCatalog guides, Districts districts, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Display(Name = "申报批次")]
        public int CallId { get; set; }

        [Required(ErrorMessage = "请选择申报类别")]
        [Display(Name = "申报类别")]
        public string? Category { get; set; }
    }

    public sealed record CategoryChoice(string Id, string Name, string Summary, string BadgeClass, IReadOnlyList<string> Reasons);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<FundingCall> Calls { get; private set; } = [];
    public IReadOnlyList<CategoryChoice> Options { get; private set; } = [];

    public async Task OnGetAsync(string? category, CancellationToken ct)
    {
        Input.Category = category;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var call = Calls.FirstOrDefault(c => c.Id == Input.CallId);
        if (call is null) ModelState.AddModelError("", "所选批次不存在或已截止");
        else if (Input.Category is not null && guides.Find(call.GuideId)?.FindCategory(Input.Category) is null)
            ModelState.AddModelError(nameof(Input.Category), "所选类别不属于该批次的指南");
        if (!ModelState.IsValid || call is null) return Page();

        var now = clock.GetUtcNow();
        var application = new Application
        {
            OrganisationId = User.OrganisationId(), CallId = call.Id, Category = Input.Category!,
            Status = ApplicationStatus.Draft, CreatedById = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value,
            CreatedAt = now, UpdatedAt = now,
            Events = [new ApplicationEvent { At = now, UserName = User.DisplayName(), Action = "创建", To = ApplicationStatus.Draft }],
        };
        db.Applications.Add(application);
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Edit", new { id = application.Id });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Calls = (await db.Calls.ToListAsync(ct)).Where(c => c.OpensAt <= now && now < c.Deadline).OrderBy(c => c.Deadline).ToList();
        if (Input.CallId == 0 && Calls.Count > 0) Input.CallId = Calls[0].Id;
        var call = Calls.FirstOrDefault(c => c.Id == Input.CallId);
        var organisation = await db.Organisations.SingleAsync(o => o.Id == User.OrganisationId(), ct);
        if (call is null || guides.Find(call.GuideId) is not { } guide) return;
        Options = guide.Categories.Select(category =>
        {
            var (verdict, _) = OrganisationFacts.Check(guide, category, organisation, districts, new Dictionary<string, string>(), [], 0, ChinaTime.DateOf(now));
            var fit = CategoryFit.Of(category, verdict);
            var failed = fit.ProfileRules.Where(r => r.Result.Outcome == Outcome.Fail).Select(r => r.Result.Message).ToList();
            var badge = fit.Fit switch { Fit.NotYet => "text-bg-danger", Fit.NeedsJustification => "text-bg-warning", _ => "text-bg-success" };
            return new CategoryChoice(category.Id, category.Name, fit.Summary, badge, failed);
        }).ToList();
    }
}
