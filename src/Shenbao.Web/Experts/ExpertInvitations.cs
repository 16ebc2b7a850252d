using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Experts;
using Shenbao.Web.Notifications;
using Shenbao.Web.Pages.Account;

namespace Shenbao.Web.Experts;

/// <summary>
/// 专家账号的设置密码邮件: every expert whose account has no password yet and who has not been invited gets the
/// one-time link, queued in the outbox with the change that marks them invited. An import from the page invites in its
/// own transaction; one from the command line (which cannot make the site's links) is invited by the next sweep.
/// </summary>
public sealed class ExpertInvitations(IServiceScopeFactory scopes)
{
    /// <summary>Queues the invitations of these experts in the context (the caller saves).</summary>
    public static async Task StageAsync(IEnumerable<Expert> experts, UserManager<User> users, Notifier notifier, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(experts);
        ArgumentNullException.ThrowIfNull(notifier);
        foreach (var expert in experts)
        {
            var link = await SetPasswordLink.ForAsync(users, expert.User, first: true);
            notifier.Mail(expert.User, "衡阳市科技创新计划项目评审专家账号已开通，请设置密码",
                $"您已入选衡阳市科技创新计划项目评审专家库，登录账号为本邮箱 {expert.Email}。\n" +
                $"请在 24 小时内打开下面的链接设置密码（链接只能使用一次；过期后可在登录页“忘记密码”重新获取）：\n{notifier.Absolute(link)}\n\n" +
                "分配给您的评审项目将另行通知。如果您不知道此事，请忽略本邮件。");
            expert.InvitedAt = now;
            expert.Version++;
        }
    }

    /// <summary>Invites every expert not yet invited; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = await db.Experts.Include(e => e.User).Where(e => e.InvitedAt == null && e.User.PasswordHash == null).OrderBy(e => e.Id).Take(500).ToListAsync(ct);
        if (pending.Count == 0) return 0;
        await StageAsync(pending, scope.ServiceProvider.GetRequiredService<UserManager<User>>(), scope.ServiceProvider.GetRequiredService<Notifier>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
            return pending.Count;
        }
        catch (DbUpdateConcurrencyException)
        {
            // another node invited them a moment ago (their Version moved): nothing is sent twice
            return 0;
        }
    }
}
