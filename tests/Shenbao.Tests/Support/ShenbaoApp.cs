using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Shenbao.Data;

namespace Shenbao.Tests.Support;

/// <summary>
/// The web application in process on its own SQLite file in a temporary folder (one per test class), with the
/// demo data and a clock the test can move.
/// </summary>
public class ShenbaoApp : WebApplicationFactory<Program>
{
    private readonly string folder;
    private readonly bool ownsFolder;

    public ShenbaoApp() : this(Directory.CreateTempSubdirectory("shenbao-test-").FullName, ownsFolder: true) { }

    protected ShenbaoApp(string folder, bool ownsFolder)
    {
        this.folder = folder;
        this.ownsFolder = ownsFolder;
    }

    /// <summary>Shenbao:DataPath: the database (SQLite), files, mail and the audit head live here.</summary>
    public string DataPath => folder;

    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>What the application logged, as lines.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Demo mode (demo accounts and data); a subclass turns it off.</summary>
    protected virtual bool Demo => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Shenbao:GuidesPath", Path.Combine(Paths.Root, "guides"));
        builder.UseSetting("Shenbao:DataPath", folder);
        // every test signs in from one address: the limit is tested on its own (SignInRateLimitTests)
        builder.UseSetting("Shenbao:RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("Shenbao:RateLimits:SignInPerNamePerMinute", "100000");
        builder.UseSetting("Shenbao:Demo", Demo ? "true" : "false");
        builder.UseSetting("Database:Provider", TestDatabase.Provider);
        builder.UseSetting("ConnectionStrings:Shenbao", TestDatabase.ConnectionString(folder));
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public AppDbContext Db() => Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>();

    /// <summary>Runs the outbox sender now (the background one runs too; a message is sent once either way).</summary>
    public Task<int> DeliverMailAsync() => Services.GetRequiredService<Shenbao.Web.Notifications.OutboxSender>().RunOnceAsync(CancellationToken.None);

    /// <summary>Every mail written so far as .eml under {DataPath}/mail, read back with MimeKit.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Mails() =>
        Directory.Exists(Path.Combine(folder, "mail"))
            ? Directory.GetFiles(Path.Combine(folder, "mail"), "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList()
            : [];

    /// <summary>The mails to one address, after delivering what is due.</summary>
    public async Task<IReadOnlyList<MimeKit.MimeMessage>> MailsToAsync(string address)
    {
        await DeliverMailAsync();
        // the background sender may hold a message claimed while writing it: wait (a few seconds at most) until it has
        for (var wait = 0; wait < 50 && ClaimedFor(address); wait++) await Task.Delay(100);
        return Mails().Where(m => m.To.Mailboxes.Any(b => b.Address == address)).ToList();
    }

    private bool ClaimedFor(string address)
    {
        using var db = Db();
        return db.Outbox.Any(m => m.ToAddress == address && m.ClaimedUntil != null && m.SentAt == null);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            // each test class has its own PostgreSQL database and pool: a finished class gives its connections back
            if (TestDatabase.Provider == "Postgres") Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString(folder)));
            if (ownsFolder) try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}

/// <summary>
/// The application on a data folder the test owns (database, files, mail, audit head): several of them on one folder
/// are a restart, or a second node. The test deletes the folder.
/// </summary>
public class FolderApp(string folder) : ShenbaoApp(folder, ownsFolder: false);

/// <summary>The same application outside demo mode: demo accounts must not sign in.</summary>
public sealed class ProductionApp : ShenbaoApp
{
    protected override bool Demo => false;
}

/// <summary>A clock that stands still until a test moves it.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Which database the HTTP tests run on: SQLite by default; SHENBAO_TEST_PROVIDER=Postgres with
/// SHENBAO_TEST_POSTGRES (a server connection string) runs the same tests on PostgreSQL, one database per test class.
/// </summary>
public static class TestDatabase
{
    public static string Provider { get; } = Environment.GetEnvironmentVariable("SHENBAO_TEST_PROVIDER") ?? "Sqlite";

    public static string ConnectionString(string folder) => Provider switch
    {
        "Postgres" => $"{Environment.GetEnvironmentVariable("SHENBAO_TEST_POSTGRES") ?? throw new InvalidOperationException("SHENBAO_TEST_PROVIDER=Postgres needs SHENBAO_TEST_POSTGRES, a connection string to a running server")};Database=shenbao_{Path.GetFileName(folder).Replace('-', '_')}",
        _ => $"Data Source={Path.Combine(folder, "shenbao.db")}",
    };
}
