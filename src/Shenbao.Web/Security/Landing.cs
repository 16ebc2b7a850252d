using System.Security.Claims;
using Shenbao.Data;

namespace Shenbao.Web.Security;

/// <summary>Where each role starts: the page of what waits for it, after signing in and from a page it may not open.</summary>
public static class Landing
{
    public sealed record Page(string Path, string Title);

    /// <summary>
    /// The start of a role. The administrator of an organisation not yet active starts on its registration (waiting,
    /// or returned with what to correct); anyone else of such an organisation on the home page, which says why.
    /// </summary>
    public static Page For(string? role, bool activeOrganisation) => role switch
    {
        Roles.OrgAdmin or Roles.ProjectLeader when activeOrganisation => new("/Applications", "我的申报"),
        Roles.OrgAdmin => new("/Account/Registration", "注册信息"),
        Roles.ProjectLeader => new("/", "首页"),
        Roles.Recommender => new("/Recommender/Organisations", "单位激活"),
        Roles.AuditAdmin => new("/Audit", "审计日志"),
        Roles.Bureau => new("/Bureau/Applications", "形式审查"),
        Roles.Expert => new("/Expert", "我的评审"),
        Roles.SystemAdmin => new("/Admin/Users", "用户管理"),
        Roles.SecurityAdmin => new("/Admin/Roles", "角色与权限"),
        // an account without a role yet (the 系统管理员 opened it, the 安全管理员 has not given it one)
        _ => new("/Inbox", "我的消息"),
    };

    public static Page For(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return For(user.RoleOrNull()?.ToString(), user.OrganisationIdOrNull() is not null);
    }
}
