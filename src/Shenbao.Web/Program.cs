using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.WebEncoders;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Api;
using Shenbao.Web.Guides;

var builder = WebApplication.CreateBuilder(args);

// Chinese written as itself in pages and JSON, not as &#x…; or \u escapes
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(
    UnicodeRanges.BasicLatin, UnicodeRanges.CjkUnifiedIdeographs, UnicodeRanges.CjkSymbolsandPunctuation, UnicodeRanges.HalfwidthandFullwidthForms, UnicodeRanges.GeneralPunctuation));
builder.Services.Configure<JsonOptions>(o =>
{
    o.SerializerOptions.Encoder = CheckJson.Options.Encoder;
    o.SerializerOptions.DefaultIgnoreCondition = CheckJson.Options.DefaultIgnoreCondition;
});

// The guides: every *.yaml in the guides folder, validated at start-up
var guidesPath = builder.Configuration["Shenbao:GuidesPath"] ?? Path.Combine(AppContext.BaseDirectory, "guides");
builder.Services.AddSingleton(GuideCatalog.LoadFolder(guidesPath));
builder.Services.AddSingleton(TimeProvider.System);

builder.Services.AddRazorPages();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();

var app = builder.Build();

// Errors: a Chinese page for people, problem details for /api; never a stack trace
app.UseExceptionHandler("/Error");
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseStaticFiles();

app.MapOpenApi();
app.MapEligibilityApi();
app.MapGuidesApi();
app.MapRazorPages();

app.Run();
