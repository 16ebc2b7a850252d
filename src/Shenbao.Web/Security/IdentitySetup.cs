using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Shenbao.Data;

namespace Shenbao.Web.Security;

/// <summary>Policy names: who may open which folder of pages.</summary>
public static class Policies
{
    /// <summary>People of an applicant organisation: its administrator and its 项目负责人.</summary>
    public const string Applicant = "Applicant";
    public const string OrgAdmin = "OrgAdmin";
    /// <summary>An organisation's administrator whether or not it is active yet: who may see and correct its registration.</summary>
    public const string Registrant = "Registrant";
    public const string Recommender = "Recommender";
    /// <summary>The 市科技局's officers: formal review, decisions, calls.</summary>
    public const string Bureau = "Bureau";
    /// <summary>The 审计管理员 alone: the 系统管理员 neither reads nor changes the audit trail (三员分立).</summary>
    public const string AuditAdmin = "AuditAdmin";
    /// <summary>评审专家: their own assignments only.</summary>
    public const string Expert = "Expert";
    /// <summary>The 系统管理员: accounts (open, stop, start), never their roles and never the audit trail.</summary>
    public const string SystemAdmin = "SystemAdmin";
    /// <summary>The 安全管理员: roles and second factors only.</summary>
    public const string SecurityAdmin = "SecurityAdmin";
    /// <summary>Anyone signed in: their own things only (修改密码, 消息), each page scoping what it shows to the user.</summary>
    public const string SignedIn = "SignedIn";
    /// <summary>Who reads stored files, each within what their role reviews: the applicant's people, 推荐单位, 市科技局, experts (not the three administrators).</summary>
    public const string FileReader = "FileReader";
}

public static class IdentitySetup
{
    /// <summary>
    /// Accounts with 等保 defaults: strong passwords, lockout for 30 minutes after 5 failures, a 30-minute idle
    /// session, keys kept on disk so a restart does not sign everyone out. Every page and endpoint declares who
    /// may call it (a role's policy, SignedIn, or AllowAnonymous); one that declares nothing is refused to everyone.
    /// </summary>
    public static IServiceCollection AddShenbaoIdentity(this IServiceCollection services)
    {
        services.AddIdentity<User, IdentityRole>(o =>
            {
                // the password rule is PasswordPolicy's alone (3 of 4 classes, not all four), so its messages are the only ones
                o.Password.RequiredLength = Shenbao.Data.Security.SecurityPolicy.Default.MinimumLength;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(30);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserManager<ShenbaoUserManager>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrors>();
        if (services.FirstOrDefault(d => d.ServiceType == typeof(IPasswordValidator<User>) && d.ImplementationType == typeof(PasswordValidator<User>)) is { } builtIn)
            services.Remove(builtIn);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "shenbao";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure and __Host- under HTTPS, as the request (or a configured proxy) says
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CookieManager = new HostCookies();
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/Denied";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            // an API client is told 401 / 403 as problem details; only a person's browser is sent to the sign-in page
            o.Events.OnRedirectToLogin = c => ApiOrRedirect(c, StatusCodes.Status401Unauthorized, "需要登录", "此接口需要登录后使用");
            o.Events.OnRedirectToAccessDenied = c => ApiOrRedirect(c, StatusCodes.Status403Forbidden, "没有权限", "当前账号无权使用此接口");
            o.Events.OnValidatePrincipal = Sessions.ValidateAsync;
        });
        // the password step of a privileged sign-in (who, not signed in; Identity's five minutes): the same cookie rules
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "shenbao-2fa";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CookieManager = new HostCookies();
        });
        // the claims are read again every minute; the session itself is checked on every request (Sessions)
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = c =>
            {
                // the time of sign-in survives the refresh (otherwise a session would never reach its end), and so
                // does the second factor it was signed in with (Identity's refresh drops it)
                if (c.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                    foreach (var type in (string[])[ShenbaoClaims.SignedIn, System.Security.Claims.ClaimTypes.AuthenticationMethod])
                    {
                        if (c.CurrentPrincipal?.FindFirst(type) is not { } kept) continue;
                        foreach (var fresh in identity.FindAll(type).ToList()) identity.RemoveClaim(fresh);
                        identity.AddClaim(new System.Security.Claims.Claim(type, kept.Value));
                    }
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            // deny by default: a page or /api endpoint that declares neither AllowAnonymous nor a policy is refused to
            // everyone, so a new endpoint is never open by accident (AuthorisationMatrixTests also fails on it). A path
            // nothing serves needs a signed-in user before it is told 404; the routing's own answer to a wrong method
            // tells nothing and stays a 405.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAssertion(c => IsMethodRejection(c.Resource) || (c.User.Identity?.IsAuthenticated == true && !IsServed(c.Resource)))
                .Build())
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.FileReader, p => p.RequireRole(Roles.OrgAdmin, Roles.ProjectLeader, Roles.Recommender, Roles.Bureau, Roles.Expert))
            .AddPolicy(Policies.Applicant, p => p.RequireRole(Roles.OrgAdmin, Roles.ProjectLeader).RequireClaim(ShenbaoClaims.Organisation))
            .AddPolicy(Policies.OrgAdmin, p => p.RequireRole(Roles.OrgAdmin).RequireClaim(ShenbaoClaims.Organisation))
            .AddPolicy(Policies.Registrant, p => p.RequireRole(Roles.OrgAdmin))
            .AddPolicy(Policies.Recommender, p => p.RequireRole(Roles.Recommender).RequireClaim(ShenbaoClaims.District))
            .AddPolicy(Policies.Bureau, p => p.RequireRole(Roles.Bureau))
            .AddPolicy(Policies.AuditAdmin, p => p.RequireRole(Roles.AuditAdmin))
            .AddPolicy(Policies.Expert, p => p.RequireRole(Roles.Expert))
            .AddPolicy(Policies.SystemAdmin, p => p.RequireRole(Roles.SystemAdmin))
            .AddPolicy(Policies.SecurityAdmin, p => p.RequireRole(Roles.SecurityAdmin));
        // a one-time link (first sign-in, password reset) lasts a day; using it changes the security stamp, which ends it
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(1));
        services.AddScoped<IUserClaimsPrincipalFactory<User>, ShenbaoClaims>();
        return services;
    }

    /// <summary>The endpoint routing answers a known path with the wrong method through ("405 HTTP Method Not Supported").</summary>
    public static bool IsMethodRejection(object? resource) =>
        resource is HttpContext { } context && context.GetEndpoint()?.DisplayName == "405 HTTP Method Not Supported";

    /// <summary>Whether the request reached an endpoint the app maps (one that declares nothing reaches the fallback).</summary>
    private static bool IsServed(object? resource) => resource is HttpContext { } context && context.GetEndpoint() is not null;

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status, string title, string detail)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        return context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
