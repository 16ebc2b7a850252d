using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;
using Shenbao.Web.Audit;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Guides;
using Shenbao.Web.Organisations;
using Shenbao.Web.Security;
using Shenbao.Web.Setup;

namespace Shenbao.Web.Pages.Applications;

/// <summary>Choose the call and category, with the organisation's verdict from its profile beside each.</summary>
public sealed class CreateModel(AppDbContext db, GuideCatalog guides, Districts districts, AuditLog audit, TimeProvider clock) : PageModel
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
        switch (Workflow.Decide(null, ApplicationAction.Create, User.Role(), now, call.Window))
        {
            case Decision.Refused refused:
                ModelState.AddModelError("", refused.Reason);
                return Page();
            case Decision.Allowed step:
                return RedirectToPage("Edit", new { id = await CreateAsync(call, step, now, ct) });
            default:
                throw new System.Diagnostics.UnreachableException();
        }
    }

    private async Task<int> CreateAsync(FundingCall call, Decision.Allowed step, DateTimeOffset now, CancellationToken ct)
    {
        // the call's running count gives the number; the increment and the insert commit together or not at all
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Calls.Where(c => c.Id == call.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ApplicationsNumbered, c => c.ApplicationsNumbered + 1), ct);
        var sequence = await db.Calls.Where(c => c.Id == call.Id).Select(c => c.ApplicationsNumbered).SingleAsync(ct);
        var organisation = await db.Organisations.SingleAsync(o => o.Id == User.OrganisationId(), ct);
        var application = new Application
        {
            Number = Submission.Number(call.GuideId, sequence),
            OrganisationId = organisation.Id, District = organisation.District, CallId = call.Id, Category = Input.Category!,
            Status = step.To, CreatedById = User.UserId(), CreatedAt = now, UpdatedAt = now,
            Events = [ApplicationEvent.Of(step, User.UserId(), User.Role(), User.DisplayName(), now)],
        };
        db.Applications.Add(application);
        audit.Record(AuditActions.Of(step.Action), AuditEntry.Objects.Application, application.Number, details: $"{call.Title}，类别 {application.Category}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return application.Id;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Calls = (await db.Calls.AsNoTracking().Where(c => !c.IsDraft).ToListAsync(ct)).Where(c => c.OpensAt <= now && now < c.Deadline).OrderBy(c => c.Deadline).ToList();
        if (Input.CallId == 0 && Calls.Count > 0) Input.CallId = Calls[0].Id;
        var call = Calls.FirstOrDefault(c => c.Id == Input.CallId);
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == User.OrganisationId(), ct);
        if (call is null || guides.Find(call.GuideId) is not { } guide) return;
        Options = guide.Categories.Select(category =>
        {
            var verdict = OrganisationFacts.Check(guide, category, organisation, districts, new Dictionary<string, string>(), [], 0, ChinaTime.DateOf(now)).Verdict;
            var fit = CategoryFit.Of(category, verdict, guide.Facts);
            var failed = fit.ProfileRules.Where(r => r.Result.Outcome == Outcome.Fail).Select(r => r.Result.Message).ToList();
            var badge = Shenbao.Web.Pages.Organisation.FinderModel.SummaryCss(fit.Fit);
            return new CategoryChoice(category.Id, category.Name, fit.Summary, badge, failed);
        }).ToList();
    }
}
