using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Data.Experts;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Experts;
using Shenbao.Domain.Guides;
using Shenbao.Web.Applications;
using Shenbao.Web.Audit;
using Shenbao.Web.Notifications;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Reviewing;

/// <summary>
/// One assigned application as its expert reviews it. First the declaration — who applies, with whom — and nothing of
/// the content until the expert declares no conflict (a declared conflict sends it back for another expert). Then the
/// frozen record, its check and its files, and the rubric to score: a draft saved as often as wanted, then submitted and
/// locked. An application not assigned to this expert is not found.
/// </summary>
public sealed class ReviewModel(AppDbContext db, Workspaces workspaces, AuditLog audit, Notifier notifier, TimeProvider clock) : PageModel
{
    public ExpertReview? Review { get; private set; }
    public Workspace? Workspace { get; private set; }
    public IReadOnlyDictionary<string, int> ProofIds { get; private set; } = new Dictionary<string, int>();
    public Rubric? Rubric { get; private set; }
    public IReadOnlyList<string> PartnerNames { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Scores { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Comments { get; private set; } = new Dictionary<string, string>();
    public string? Opinion { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool PastDeadline { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } review) return NotFound();
        return await ShowAsync(review, ct);
    }

    /// <summary>利益冲突声明: none (the content opens), or one with what it is (the application goes back to the bureau).</summary>
    public async Task<IActionResult> OnPostDeclareAsync(int id, string? conflict, bool certify, string? note, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } review) return NotFound();
        if (review.State != ReviewState.Pending) return RedirectToPage(new { id });
        if (review.Application.Status != Shenbao.Domain.Applications.ApplicationStatus.ExpertReview)
            return await RefusedAsync(review, ["该项目的评审已结束，无需再声明"], ct);
        var now = clock.GetUtcNow();
        if (conflict == "none")
        {
            if (!certify) return await RefusedAsync(review, ["请勾选声明：本人与该项目不存在利益冲突"], ct);
            review.State = ReviewState.Declared;
            review.DeclaredAt = now;
            review.Version++;
            audit.Record(AuditAction.DeclareNoConflict, AuditEntry.Objects.Review, Id(review), details: $"申报书 {review.Application.Number}");
            Message = "已声明无利益冲突，可以查看项目内容并评分";
        }
        else if (conflict == "conflict")
        {
            note = note?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            if (string.IsNullOrEmpty(note) || note.Length > 500) return await RefusedAsync(review, ["请简要说明存在的利益冲突（不超过500字），市科技局将据此另行分配"], ct);
            review.State = ReviewState.Conflict;
            review.DeclaredAt = now;
            review.ConflictNote = note;
            review.Version++;
            audit.Record(AuditAction.DeclareConflict, AuditEntry.Objects.Review, Id(review), details: $"申报书 {review.Application.Number}，需另行分配专家");
            notifier.Notify(await notifier.InRoleAsync(Roles.Bureau, ct), $"专家声明利益冲突：{review.Application.Number}",
                $"申报书 {review.Application.Number} 的一位评审专家声明存在利益冲突，该项目需另行分配专家。", $"/Bureau/Assign?call={review.CallId}");
            Message = "已声明存在利益冲突。该项目已退回市科技局另行分配，您无需评审。";
        }
        else return await RefusedAsync(review, ["请选择有无利益冲突"], ct);
        return await SaveAsync(review, ct) ?? RedirectToPage(new { id });
    }

    /// <summary>保存草稿 (save) or 提交评审意见 (submit): scores between 0 and each maximum in half points; submitting needs every score and the opinion.</summary>
    public async Task<IActionResult> OnPostScoreAsync(int id, string? submit, int version, Dictionary<string, string?> score, Dictionary<string, string?> comment, string? opinion, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } review) return NotFound();
        if (review.State == ReviewState.Submitted) return await RefusedAsync(review, ["评审意见已提交，不能再修改；如需修改请联系市科技局退回"], ct);
        if (review.State != ReviewState.Declared) return RedirectToPage(new { id });
        if (review.Application.Status != Shenbao.Domain.Applications.ApplicationStatus.ExpertReview)
            return await RefusedAsync(review, ["该项目的评审已结束，不能再保存或提交"], ct);
        var rubric = workspaces.CategoryOf(review.Application).Category.Rubric;
        var errors = new List<string>();
        var scores = new Dictionary<string, string>();
        var comments = new Dictionary<string, string>();
        foreach (var criterion in rubric.Criteria)
        {
            var text = score?.GetValueOrDefault(criterion.Id)?.Trim();
            if (!string.IsNullOrEmpty(text))
            {
                if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0 || value > criterion.Max || value * 2 != Math.Floor(value * 2))
                    errors.Add($"“{criterion.Name}”的评分应为 0 到 {criterion.Max:0.#} 之间的整数或半分（如 {criterion.Max - 0.5m:0.#}），实际为“{text}”");
                else scores[criterion.Id] = value.ToString("0.#", CultureInfo.InvariantCulture);
            }
            var note = comment?.GetValueOrDefault(criterion.Id)?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            if (note is { Length: > ExpertReview.CommentLimit }) errors.Add($"“{criterion.Name}”的意见不能超过{ExpertReview.CommentLimit}字");
            else if (!string.IsNullOrEmpty(note)) comments[criterion.Id] = note;
        }
        opinion = opinion?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (opinion is { Length: > ExpertReview.CommentLimit }) errors.Add($"总体评价意见不能超过{ExpertReview.CommentLimit}字");
        var submitting = submit == "true";
        if (submitting)
        {
            foreach (var missing in rubric.Criteria.Where(c => !scores.ContainsKey(c.Id))) errors.Add($"请为“{missing.Name}”评分");
            if (string.IsNullOrEmpty(opinion)) errors.Add("请填写总体评价意见");
        }
        if (review.Application.Call.ReviewDeadline is { } due && clock.GetUtcNow() > due)
            errors.Add($"评审已于{ChinaTime.Describe(due)}截止，不能再保存或提交；如需延期请联系市科技局");
        if (version != review.Version) errors.Add("该评审在另一个页面已被保存或已被退回，请刷新后再修改（本次未保存）");
        if (errors.Count > 0)
        {
            Scores = score?.Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!) ?? [];
            Comments = comment?.Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!) ?? [];
            Opinion = opinion;
            return await RefusedAsync(review, errors, ct, keepTyped: true);
        }
        var now = clock.GetUtcNow();
        review.ScoresJson = JsonSerializer.Serialize(scores);
        review.CommentsJson = JsonSerializer.Serialize(comments);
        review.Opinion = string.IsNullOrEmpty(opinion) ? null : opinion;
        review.SavedAt = now;
        review.Version++;
        if (submitting)
        {
            review.State = ReviewState.Submitted;
            review.SubmittedAt = now;
            review.Total = rubric.Criteria.Sum(c => decimal.Parse(scores[c.Id], CultureInfo.InvariantCulture));
        }
        audit.Record(submitting ? AuditAction.SubmitReview : AuditAction.SaveReview, AuditEntry.Objects.Review, Id(review),
            details: $"申报书 {review.Application.Number}" + (submitting ? "，已提交" : "，草稿"));
        Message = submitting ? $"评审意见已提交（总分 {review.Total:0.##}）。感谢您的评审。" : "草稿已保存";
        return await SaveAsync(review, ct) ?? RedirectToPage(new { id });
    }

    private async Task<ExpertReview?> FindAsync(int applicationId, CancellationToken ct)
    {
        var userId = User.UserId();
        if (await db.Experts.AsNoTracking().SingleOrDefaultAsync(e => e.UserId == userId, ct) is not { } expert) return null;
        // the newest visible assignment of this expert to it (a replaced one is no longer theirs)
        return (await ExpertReviews.OfAsync(db, expert, ct, applicationId)).OrderByDescending(r => r.Id).FirstOrDefault();
    }

    private async Task<IActionResult?> SaveAsync(ExpertReview review, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Message = null;
            return await FindAsync(review.ApplicationId, ct) is { } fresh ? await RefusedAsync(fresh, ["该评审刚刚被他人处理（如被市科技局更换或退回），本次未保存"], ct) : NotFound();
        }
    }

    private async Task<IActionResult> RefusedAsync(ExpertReview review, IReadOnlyList<string> errors, CancellationToken ct, bool keepTyped = false)
    {
        Errors = errors;
        return await ShowAsync(review, ct, keepTyped);
    }

    private async Task<IActionResult> ShowAsync(ExpertReview review, CancellationToken ct, bool keepTyped = false)
    {
        Review = review;
        var (_, category) = workspaces.CategoryOf(review.Application);
        Rubric = category.Rubric;
        // past the deadline, or the review of the application ended: nothing more can be saved
        PastDeadline = (review.Application.Call.ReviewDeadline is { } due && clock.GetUtcNow() > due) || review.Application.Status != Shenbao.Domain.Applications.ApplicationStatus.ExpertReview;
        var frozen = await ReviewRounds.FrozenFormsAsync(db, [review.ApplicationId], ct);
        PartnerNames = Partners.Of(category, frozen.GetValueOrDefault(review.ApplicationId) ?? new Dictionary<string, string>());
        if (!keepTyped)
        {
            Scores = JsonSerializer.Deserialize<Dictionary<string, string>>(review.ScoresJson) ?? [];
            Comments = JsonSerializer.Deserialize<Dictionary<string, string>>(review.CommentsJson) ?? [];
            Opinion = review.Opinion;
        }
        // the content only after a declaration of no conflict
        if (review.State is ReviewState.Declared or ReviewState.Submitted)
        {
            var application = await workspaces.FindSubmittedAsync(review.ApplicationId, district: null, ct) ?? throw new InvalidOperationException($"Application {review.ApplicationId} is under review but not submitted.");
            Workspace = await workspaces.ShowAsync(application, ct, official: true);
            ProofIds = await workspaces.ProofIdsAsync(application.OrganisationId, ct);
        }
        return Page();
    }

    private static string Id(ExpertReview review) => review.Id.ToString(CultureInfo.InvariantCulture);
}
