using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Demo;
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
        if (app.Configuration.GetValue("Shenbao:Demo", false))
        {
            var guide = scope.ServiceProvider.GetRequiredService<GuideCatalog>().Default;
            var files = Path.Combine(app.Configuration["Shenbao:DataPath"] ?? "./data", "files");
            await DemoData.SeedAsync(db, guide, $"{guide.Title}（演示批次）", scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), files);
        }
    }
}
