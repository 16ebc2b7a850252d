using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Data.Demo;
using Shenbao.Domain.Audit;
using Shenbao.Web.Guides;

namespace Shenbao.Web.Setup;

public static class Database
{
    /// <summary>Applies the migrations, and in demo mode writes the demo data into an empty database.</summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        // after the migration, which creates a database that is not there yet: the settings are the connection's own
        if (db is NpgsqlAppDbContext && PostgresDurability.Refusal(await PostgresDurability.ReadAsync(db, CancellationToken.None)) is { } refusal)
            throw new InvalidOperationException(refusal);
        // the guides the bureau imported, validated again as if shipped: a call must never run on a half-read guide
        var catalog = scope.ServiceProvider.GetRequiredService<GuideCatalog>();
        var facts = scope.ServiceProvider.GetRequiredService<Shenbao.Domain.Eligibility.FactCatalog>();
        foreach (var stored in await db.StoredGuides.AsNoTracking().OrderBy(g => g.Id).ToListAsync())
            catalog.TryAdd(Shenbao.Domain.Guides.GuideLoader.Load(stored.Yaml, $"（导入的指南 {stored.GuideId}）", facts: facts) switch
            {
                Shenbao.Domain.Guides.GuideLoad.Loaded loaded => loaded.Guide,
                Shenbao.Domain.Guides.GuideLoad.Invalid invalid => throw new InvalidDataException(string.Join(Environment.NewLine, invalid.Errors)),
                _ => throw new System.Diagnostics.UnreachableException(),
            });
        if (app.Configuration.GetValue("Shenbao:Demo", false))
        {
            var guide = scope.ServiceProvider.GetRequiredService<GuideCatalog>().Default;
            var files = Path.Combine(app.Configuration["Shenbao:DataPath"] ?? "./data", "files");
            await DemoData.SeedAsync(db, guide, scope.ServiceProvider.GetRequiredService<Shenbao.Domain.TechSme.Standard>(), $"{guide.Title}（演示批次）", scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), files);
        }
        await RecordConfigurationAsync(app.Configuration, db, scope.ServiceProvider);
        // settings read per request (demo mode above all) may change while the site runs: each change is recorded too
        Microsoft.Extensions.Primitives.ChangeToken.OnChange(app.Configuration.GetReloadToken, () => RecordChangedConfiguration(app));
    }

    private static void RecordChangedConfiguration(WebApplication app)
    {
        try
        {
            using var scope = app.Services.CreateScope();
            RecordConfigurationAsync(app.Configuration, scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // a background callback: whatever went wrong is logged here, or nobody would ever hear of it
            app.Logger.LogError(e, "Could not record a configuration change in the audit trail");
        }
    }

    /// <summary>
    /// The settings that decide what the system does (guides and their versions, demo mode, mail, reminders, limits),
    /// recorded in the audit trail when they differ from those the last start recorded. No secret is among them.
    /// </summary>
    private static async Task RecordConfigurationAsync(IConfiguration configuration, AppDbContext db, IServiceProvider services)
    {
        var guides = services.GetRequiredService<GuideCatalog>().All.Select(g => $"{g.Id} {g.Version}");
        var standard = services.GetRequiredService<Shenbao.Domain.TechSme.Standard>();
        var settings = string.Join("；",
            $"申报指南：{string.Join("、", guides)}",
            $"科技型中小企业评价标准：{standard.Id} {standard.Version}",
            $"数据库：{configuration["Database:Provider"] ?? "Sqlite"}",
            $"演示模式：{(configuration.GetValue("Shenbao:Demo", false) ? "开" : "关")}",
            $"邮件：{(configuration["Shenbao:Mail:Smtp:Host"] is { Length: > 0 } host ? $"SMTP {host}:{configuration.GetValue("Shenbao:Mail:Smtp:Port", 25)}" : "写入 mail 目录的 .eml 文件")}",
            $"截止提醒：提前 {configuration.GetValue("Shenbao:Reminders:DaysBeforeDeadline", 3.0)} 天",
            $"上传上限：{configuration.GetValue("Shenbao:MaxUploadBytes", 20L * 1024 * 1024)} 字节",
            $"站点地址：{Shenbao.Data.PublicAddress.Of(configuration)}");
        var last = await db.AuditTrail.AsNoTracking().Where(a => a.Action == AuditAction.ConfigChange).OrderByDescending(a => a.Seq).Select(a => a.Details).FirstOrDefaultAsync();
        if (last == settings) return;
        db.Audit(new AuditEntry
        {
            At = services.GetRequiredService<TimeProvider>().GetUtcNow(), Action = AuditAction.ConfigChange,
            ObjectType = AuditEntry.Objects.System, ObjectId = "start-up", Outcome = AuditOutcome.Success, Details = settings,
        });
        await db.SaveChangesAsync();
    }
}
