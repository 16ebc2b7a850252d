using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Web.Notifications;
using Shenbao.Web.Setup;

namespace Shenbao.Web.Organisations;

/// <summary>What the two sides of a registration hear of each other's steps: registered, returned, resubmitted, activated.</summary>
public static class RegistrationNotices
{
    /// <summary>The 推荐单位 of the organisation's district is the one to act: it hears of a (re)submitted registration at once.</summary>
    public enum Change { Registered, Corrected, Resubmitted }

    public static async Task ToRecommendersAsync(AppDbContext db, Notifier notifier, Districts districts, Organisation organisation, Change step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(organisation);
        var recommenders = await db.Users.Where(u => u.District == organisation.District).ToListAsync(ct);
        var who = $"{organisation.Name}（统一社会信用代码 {organisation.CreditCode}）";
        var (subject, what) = step switch
        {
            Change.Resubmitted => ($"重新提交待激活：{organisation.Name}", $"{who}的注册被退回后已重新提交，等待贵单位核对后激活。"),
            Change.Corrected => ($"注册信息已更正：{organisation.Name}", $"{who}更正了待激活的注册信息，请按最新信息核对后激活。"),
            _ => ($"待激活：{organisation.Name}", $"{who}已在本系统注册，等待贵单位核对后激活。"),
        };
        notifier.Notify(recommenders, subject,
            what + (districts.CreditCodeWarning(organisation.CreditCode) is { } warning ? $"注意：{warning}。" : ""), "/Recommender/Organisations");
    }

    /// <summary>The organisation's own accounts (its administrator, before activation) hear of the 推荐单位's decision.</summary>
    public static async Task ToOrganisationAsync(AppDbContext db, Notifier notifier, Organisation organisation, string subject, string body, string link, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(organisation);
        notifier.Notify(await db.Users.Where(u => u.OrganisationId == organisation.Id).ToListAsync(ct), subject, body, link);
    }
}
