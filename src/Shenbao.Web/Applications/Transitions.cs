using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Audit;
using Shenbao.Web.Notifications;
using Shenbao.Web.Security;

namespace Shenbao.Web.Applications;

/// <summary>
/// An official's move of an application (推荐, 不予推荐, 退回, and the bureau's later), made as the table allows: the
/// status, a timeline step with the reason the applicant reads and the note it never reads, the audit row and the
/// notices, in one save. A move that the table refuses, or that lacks its reason, changes nothing.
/// </summary>
public sealed class Transitions(AppDbContext db, AuditLog audit, Notifier notifier, TimeProvider clock)
{
    /// <summary>Done, or refused with what to do about it (in Chinese).</summary>
    public sealed record Outcome(bool Done, string Message);

    /// <summary>Stages the move (not yet saved); a refusal when the table or the reason says no.</summary>
    /// <param name="clauses">For 不予受理: the ids of the guide's clauses it rests on (required there, ignored elsewhere).</param>
    /// <param name="auditDetail">What the trail should add (an amount proposed), beyond the move and its reason.</param>
    public async Task<Outcome> StageAsync(Application application, ApplicationAction action, ClaimsPrincipal user, string? reason, string? internalNote, CancellationToken ct,
        IReadOnlyList<string>? clauses = null, string? auditDetail = null)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.GetUtcNow();
        var name = application.Title ?? application.Number;
        var decision = Workflow.Decide(application.Status, action, user.Role(), now, application.Call.Window, application.ReturnedFrom);
        if (decision is Decision.Refused refused) return new(false, $"《{name}》：{refused.Reason}");
        var step = (Decision.Allowed)decision;
        // a browser sends a textarea's line breaks as CRLF, while its maxlength counted each as one character
        reason = reason?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() is { Length: > 0 } r ? r : null;
        internalNote = internalNote?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() is { Length: > 0 } n ? n : null;
        var reader = action == ApplicationAction.Abandon ? "推荐单位和市科技局" : "申报单位";
        if (Workflow.NeedsReason(action) && reason is null) return new(false, $"《{name}》：请填写{Workflow.Label(action)}的理由，{reader}将看到它");
        if (reason?.Length > ApplicationEvent.ReasonLimit) return new(false, $"《{name}》：理由不能超过{ApplicationEvent.ReasonLimit}字（现有{reason.Length}字）");
        if (internalNote?.Length > ApplicationEvent.ReasonLimit) return new(false, $"《{name}》：内部备注（含人工核查记录）不能超过{ApplicationEvent.ReasonLimit}字");
        var cited = action == ApplicationAction.Refuse ? (clauses ?? []).Distinct().ToList() : [];
        if (action == ApplicationAction.Refuse && cited.Count == 0) return new(false, $"《{name}》：不予受理须选择所依据的指南条款");

        application.ReturnedFrom = step.To == ApplicationStatus.Returned ? step.From : null;
        application.Status = step.To;
        application.Version++;
        application.LastEditor = null;
        application.UpdatedAt = now;
        application.Events.Add(new ApplicationEvent
        {
            At = now, UserId = user.UserId(), Role = user.Role(), UserName = user.DisplayName(), Action = step.Action, From = step.From, To = step.To,
            Reason = reason, InternalNote = internalNote, Clauses = cited.Count == 0 ? null : "|" + string.Join("|", cited) + "|",
        });
        // the trail keeps the reason (the applicant reads it anyway) but not the internal note's words, only that there was one
        audit.Record(AuditActions.Of(step.Action), AuditEntry.Objects.Application, application.Number,
            details: $"{Workflow.Label(step.From!.Value)} → {Workflow.Label(step.To)}" + (reason is null ? "" : $"；理由：{reason}")
                + (cited.Count == 0 ? "" : $"；依据：{string.Join("、", cited)}") + (auditDetail is null ? "" : $"；{auditDetail}") + (internalNote is null ? "" : "；另有内部备注"));
        var what = step.To switch
        {
            ApplicationStatus.Returned => "退回修改。请按理由修改后重新提交",
            _ => Workflow.Label(step.To),
        };
        notifier.Notify(await notifier.ConcernedWithAsync(application, ct), $"{Workflow.Label(step.To)}：{name}",
            $"申报书《{name}》已于{ChinaTime.Describe(now)}由{user.DisplayName()}（{Workflow.Label(user.Role())}）{Workflow.Label(step.Action)}，现为“{what}”。"
            + (reason is null ? "" : $"\n理由：{reason}") + (cited.Count == 0 ? "" : $"\n依据指南条款：{string.Join("、", cited)}"),
            $"/Applications/Details/{application.Id}");
        return new(true, $"《{name}》：已{Workflow.Label(step.Action)}");
    }

    /// <summary>Stages and saves one move; a concurrent change (someone else acted first) is refused, not overwritten.</summary>
    public async Task<Outcome> MakeAsync(Application application, ApplicationAction action, ClaimsPrincipal user, string? reason, string? internalNote, CancellationToken ct,
        IReadOnlyList<string>? clauses = null, string? auditDetail = null)
    {
        var staged = await StageAsync(application, action, user, reason, internalNote, ct, clauses, auditDetail);
        if (!staged.Done) return staged;
        try
        {
            await db.SaveChangesAsync(ct);
            return staged;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(false, $"《{application.Title ?? application.Number}》刚刚被他人处理或修改，未保存，请查看最新状态");
        }
    }
}
