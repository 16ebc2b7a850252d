using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.WebEncoders;
using Shenbao.Data;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Api;
using Shenbao.Web.Files;
using Shenbao.Web.Guides;
using Shenbao.Web.Operations;
using Shenbao.Web.Security;
using Shenbao.Web.Setup;

var builder = WebApplication.CreateBuilder(args);
var dataPath = builder.Configuration["Shenbao:DataPath"] ?? "./data";
builder.AddSecurityHeadersAndHosts();

// Chinese written as itself in pages and JSON, not as &#x…; or \u escapes
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(
    UnicodeRanges.BasicLatin, UnicodeRanges.CjkUnifiedIdeographs, UnicodeRanges.CjkSymbolsandPunctuation, UnicodeRanges.HalfwidthandFullwidthForms, UnicodeRanges.GeneralPunctuation));
builder.Services.Configure<JsonOptions>(o =>
{
    o.SerializerOptions.Encoder = CheckJson.Options.Encoder;
    o.SerializerOptions.DefaultIgnoreCondition = CheckJson.Options.DefaultIgnoreCondition;
});
// One log record per line (appsettings: Logging:Console:FormatterName json): a CR, LF or other control character in a
// logged value is written as a JSON escape, so nothing a client sends can start a forged line, and so are the
// direction marks that would reorder what the operator reads; Chinese stays itself
var logText = new TextEncoderSettings(UnicodeRanges.All);
logText.ForbidCharacters('\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069');
builder.Services.Configure<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>(o =>
    o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(logText) });

// The guides (every *.yaml in the guides folder, validated at start-up), the database and the accounts
var guidesPath = builder.Configuration["Shenbao:GuidesPath"] ?? Path.Combine(AppContext.BaseDirectory, "guides");
builder.Services.AddSingleton(FactCatalog.Standard);
builder.Services.AddSingleton(sp => GuideCatalog.LoadFolder(guidesPath, sp.GetRequiredService<FactCatalog>()));
// the 科技型中小企业 standard: a data file of its own, not a call guide, validated at start-up like the guides
var techSmeStandardPath = builder.Configuration["Shenbao:TechSmeStandardPath"] ?? Path.Combine(AppContext.BaseDirectory, "standards", "tech-sme-2017.yaml");
builder.Services.AddSingleton(_ => Shenbao.Domain.TechSme.StandardLoader.LoadValidFile(techSmeStandardPath));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<Districts>();
builder.Services.AddSingleton<Shenbao.Web.Files.FileStore>();
builder.Services.AddVirusScanner(builder.Configuration);
builder.Services.AddScoped<Shenbao.Web.Applications.Workspaces>();
builder.Services.AddScoped<Shenbao.Web.Applications.Transitions>();
builder.Services.AddScoped<Shenbao.Web.Applications.RecommendationGuard>();
builder.Services.AddScoped<Shenbao.Web.Applications.CrossChecks>();
builder.Services.AddSingleton<Shenbao.Web.Applications.PaperFiles>();
builder.Services.AddScoped<Shenbao.Web.Applications.OfficialListChecks>();
builder.Services.AddScoped<Shenbao.Web.Experts.ExpertAssignments>();
builder.Services.AddSingleton<Shenbao.Web.Experts.ExpertInvitations>();
builder.Services.AddSingleton<Shenbao.Web.Experts.ReviewReminders>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton<Shenbao.Web.Insight.WhatIfJobs>();
builder.Services.AddSingleton<Shenbao.Web.Insight.StatisticsCache>();
builder.Services.AddSingleton<Shenbao.Web.Settings.SiteSettingsCache>();
builder.Services.AddScoped<Shenbao.Web.Audit.AuditLog>();
builder.Services.AddScoped<Shenbao.Web.Notifications.Notifier>();
builder.Services.AddScoped<Shenbao.Web.Notifications.Inbox>();
// mail: .eml files under {DataPath}/mail unless an SMTP host is configured
builder.Services.AddSingleton<Shenbao.Web.Notifications.IMailTransport>(sp => builder.Configuration["Shenbao:Mail:Smtp:Host"] is { Length: > 0 }
    ? new Shenbao.Web.Notifications.SmtpTransport(sp.GetRequiredService<IConfiguration>())
    : new Shenbao.Web.Notifications.EmlFolderTransport(Path.Combine(sp.GetRequiredService<IConfiguration>()["Shenbao:DataPath"] ?? "./data", "mail")));
builder.Services.AddSingleton<Shenbao.Web.Notifications.OutboxSender>();
builder.Services.AddSingleton<Shenbao.Web.Notifications.DeadlineReminders>();
builder.Services.AddHostedService<Shenbao.Web.Notifications.NotificationWorker>();
builder.Services.AddShenbaoData(builder.Configuration);
builder.Services.AddShenbaoIdentity();
builder.Services.AddDataProtection().StoreKeys(builder.Configuration, dataPath).ProtectKeysAtRest(builder.Configuration);
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, DenialLogging>();

// Pages: public folders are declared; everything else needs a signed-in user of the right role
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AllowAnonymousToPage("/Index").AllowAnonymousToPage("/Error");
    // the account pages a visitor needs, each by name: a new page in the folder (修改密码) needs a signed-in user
    foreach (var page in PublicAccountPages) o.Conventions.AllowAnonymousToPage("/Account/" + page);
    o.Conventions.AllowAnonymousToFolder("/Guide").AllowAnonymousToFolder("/SelfCheck").AllowAnonymousToFolder("/OpenApi").AllowAnonymousToFolder("/Publicity").AllowAnonymousToFolder("/Receipts");
    o.Conventions.AuthorizeFolder("/Organisation", Policies.Applicant).AuthorizeFolder("/Applications", Policies.Applicant);
    o.Conventions.AuthorizePage("/Account/Registration", Policies.Registrant);
    o.Conventions.AuthorizePage("/Account/ChangePassword", Policies.SignedIn).AuthorizeFolder("/Inbox", Policies.SignedIn);
    o.Conventions.AuthorizeFolder("/Files", Policies.FileReader);
    o.Conventions.AuthorizeFolder("/Recommender", Policies.Recommender);
    o.Conventions.AuthorizeFolder("/Bureau", Policies.Bureau);
    o.Conventions.AuthorizeFolder("/Audit", Policies.AuditAdmin);
    o.Conventions.AuthorizeFolder("/Reviewing", Policies.Expert);
    // 三员分立: each administrator's page its own role's alone (the 审计管理员's is /Audit above)
    o.Conventions.AuthorizePage("/Admin/Users", Policies.SystemAdmin).AuthorizePage("/Admin/Roles", Policies.SecurityAdmin)
        .AuthorizePage("/Admin/Policies", Policies.SecurityAdmin).AuthorizePage("/Admin/Settings", Policies.SystemAdmin);
}).AddMvcOptions(o =>
{
    ChineseBindingMessages.Apply(o.ModelBindingMessageProvider);
    o.ModelBinderProviders.Insert(0, new BooleanBinderProvider());
    // the URL names the thing a post acts on: a form field "id" must not re-point it (MVC reads the form first)
    var route = o.ValueProviderFactories.OfType<Microsoft.AspNetCore.Mvc.ModelBinding.RouteValueProviderFactory>().Single();
    o.ValueProviderFactories.Remove(route);
    o.ValueProviderFactories.Insert(0, route);
});
builder.Services.AddProblemDetails();
builder.Services.AddSignInRateLimits(builder.Configuration);
builder.Services.AddClientAddresses(builder.Configuration);
builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
builder.Services.AddOpenApi();
builder.Services.AddShenbaoHealth();
builder.Services.AddShenbaoMetrics(builder.Configuration);

var app = builder.Build();
app.Services.GetRequiredService<GuideCatalog>();   // a guide that does not validate stops the start here
app.Services.GetRequiredService<Shenbao.Domain.TechSme.Standard>();   // and so does the standard
await app.InitialiseDatabaseAsync();
await app.EnsureRolesAsync();
app.WarnWhenUploadsAreNotScanned();
app.WarnWhenKeysAreNotProtected();

// The client's address and scheme first (from a configured proxy only): the rate limits and the cookies depend on them
app.UseClientAddresses(app.Configuration);
// Errors: a Chinese page for people, problem details for /api; never a stack trace
// (a body the server cut off at its limit is the client's 413, not our 500)
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/Error",
    StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
app.UseSecurityHeaders();
app.UseNulRefusal();
app.UseStaticFiles();
app.UseRouting();
app.UseRequestLimits(app.Configuration);
app.UseRateLimiter();
app.UseAuthentication();
app.UsePasswordExpiry();
app.UseAuthorization();

app.MapOpenApi().AllowAnonymous();
app.MapEligibilityApi();
app.MapGuidesApi();
app.MapShenbaoHealth();
app.MapRazorPages();

app.Run();

public partial class Program
{
    /// <summary>The account pages a visitor needs; any other page of the folder needs a signed-in user.</summary>
    private static readonly string[] PublicAccountPages = ["Login", "Logout", "Register", "Registered", "ForgotPassword", "ResetPassword", "Denied", "SecondFactor"];
}
