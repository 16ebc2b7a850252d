using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;
using Shenbao.Web.Applications;
using Shenbao.Web.Audit;
using Shenbao.Web.Notifications;

namespace Shenbao.Web.Pages.Publicity;

/// <summary>
/// 公示 (public, no sign-in): the proposed projects of each call under publicity — organisation, title, category,
/// amount — with the period and how to object; an objection needs a real name and a contact (anonymous ones are
/// refused) and reaches the bureau, which answers it.
/// </summary>
public sealed class IndexModel(AppDbContext db, Workspaces workspaces, AuditLog audit, Notifier notifier, TimeProvider clock) : PageModel
{
    public sealed record Listed(int Id, string Organisation, string? Title, string Category, decimal? Amount);
    public sealed record Notice(FundingCall Call, IReadOnlyList<Listed> Projects, bool Open);

    public sealed class ObjectionInput
    {
        [Required(ErrorMessage = "请选择对哪个项目提出异议")]
        public int? Application { get; set; }

        [Required(ErrorMessage = "异议须实名提出：请填写真实姓名（匿名异议不予受理）")]
        [StringLength(50, MinimumLength = 2, ErrorMessage = "姓名应为2至50个字")]
        [Display(Name = "姓名")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "请留下联系方式（电话或邮箱），以便核实和答复（匿名异议不予受理）")]
        [RegularExpression(@"^([0-9+()\- ]{7,30}|[^@\s]+@[^@\s]+\.[^@\s]+)$", ErrorMessage = "联系方式应为电话号码或邮箱地址")]
        [StringLength(100, ErrorMessage = "联系方式不能超过100个字符")]
        [Display(Name = "联系方式")]
        public string? Contact { get; set; }

        [Required(ErrorMessage = "请写明异议的内容和理由")]
        [StringLength(Objection.TextLimit, ErrorMessage = "异议内容不能超过2000字")]
        [Display(Name = "异议内容")]
        public string? Text { get; set; }
    }

    [BindProperty]
    public ObjectionInput Input { get; set; } = new();

    public IReadOnlyList<Notice> Notices { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var listed = Notices.Where(n => n.Open).SelectMany(n => n.Projects).FirstOrDefault(p => p.Id == Input.Application);
        if (Input.Application is not null && listed is null)
            ModelState.AddModelError("Input.Application", "该项目不在公示中，或公示期已结束");
        if (!ModelState.IsValid) return Page();

        var application = await db.Applications.SingleAsync(a => a.Id == listed!.Id, ct);
        db.Objections.Add(new Objection
        {
            ApplicationId = application.Id, Name = Input.Name!.Trim(), Contact = Input.Contact!.Trim(),
            Text = Input.Text!.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(), SubmittedAt = clock.GetUtcNow(),
        });
        // the objector's name and contact are personal data: the trail and the notice name the project only
        audit.Record(AuditAction.Objection, AuditEntry.Objects.Application, application.Number, details: "收到公示异议");
        var officers = await notifier.InRoleAsync(Roles.Bureau, ct);
        notifier.Notify(officers, $"公示异议：{application.Title ?? application.Number}",
            $"公示中的项目《{application.Title ?? application.Number}》收到一条实名异议，请登录查看、核实并答复。", $"/Bureau/Decision?call={application.CallId}");
        await db.SaveChangesAsync(ct);
        Message = "异议已收到。市科技局将核实后通过您留下的联系方式答复。";
        return RedirectToPage();
    }

    /// <summary>Calls whose list is or was under publicity and not yet decided, each with its projects.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var calls = (await db.Calls.AsNoTracking().Where(c => c.PublicityStartsAt != null).ToListAsync(ct)).OrderByDescending(c => c.PublicityStartsAt).ToList();
        var notices = new List<Notice>();
        foreach (var call in calls)
        {
            var guide = workspaces.GuideOf(call);
            var projects = await db.Applications.AsNoTracking().Where(a => a.CallId == call.Id && a.Status == ApplicationStatus.Publicity).OrderBy(a => a.Number)
                .Select(a => new { a.Id, Organisation = a.Organisation.Name, a.Title, a.Category, a.ProposedAmount }).ToListAsync(ct);
            if (projects.Count == 0) continue;
            notices.Add(new Notice(call, projects.Select(p => new Listed(p.Id, p.Organisation, p.Title, guide.FindCategory(p.Category)?.Name ?? p.Category, p.ProposedAmount)).ToList(),
                Open: now < call.PublicityEndsAt));
        }
        Notices = notices;
    }
}
