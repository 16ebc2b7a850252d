using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;

namespace Shenbao.Tests.Web.Durability;

/// <summary>
/// The database the site runs on keeps every commit it acknowledges: on SQLite each connection the site opens is in
/// WAL mode with synchronous=FULL and foreign keys on; on PostgreSQL the server's settings are checked at start-up and a
/// server that would lose acknowledged commits (here: synchronous_commit off for the site's connections) is refused.
/// </summary>
public sealed class DurabilityTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    [Fact]
    public async Task The_database_the_site_runs_on_keeps_every_commit_it_acknowledges()
    {
        await using var db = app.Db();
        if (TestDatabase.Provider == "Sqlite")
        {
            await db.Database.OpenConnectionAsync();
            Assert.Equal("wal", await PragmaAsync(db, "journal_mode"));
            Assert.Equal("2", await PragmaAsync(db, "synchronous"));   // FULL
            Assert.Equal("1", await PragmaAsync(db, "foreign_keys"));
            return;
        }

        Assert.All(await PostgresDurability.ReadAsync(db, CancellationToken.None), s => Assert.NotEqual("off", s.Value));
        using var careless = new CarelessPostgresApp();
        var refused = Record.Exception(() => careless.Server);
        Assert.NotNull(refused);
        Assert.Contains("synchronous_commit = off", Unwrapped(refused).Message, StringComparison.Ordinal);
    }

    private static async Task<string> PragmaAsync(AppDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!.ToLowerInvariant();
    }

    private static Exception Unwrapped(Exception e) => e is AggregateException { InnerException: { } inner } ? Unwrapped(inner) : e;

    /// <summary>The site on a PostgreSQL whose sessions commit without waiting for the disk, as a role's setting would make them.</summary>
    private sealed class CarelessPostgresApp : ShenbaoApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Shenbao", TestDatabase.ConnectionString(DataPath) + ";Options=-c synchronous_commit=off");
        }
    }
}
