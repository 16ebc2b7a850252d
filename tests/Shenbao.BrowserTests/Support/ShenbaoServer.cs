using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Shenbao.Data;

namespace Shenbao.BrowserTests.Support;

/// <summary>
/// The site on real Kestrel (a free loopback port) with the demo data, on its own SQLite file in a temporary folder:
/// the same settings as the HTTP tests' ShenbaoApp, served where a real browser can reach it.
/// </summary>
public sealed class ShenbaoServer : WebApplicationFactory<Program>
{
    private readonly string folder = Directory.CreateTempSubdirectory("shenbao-browser-").FullName;

    public ShenbaoServer() => UseKestrel(0);

    /// <summary>Shenbao:DataPath: the database, files, mail (.eml) and the audit head.</summary>
    public string DataPath => folder;

    /// <summary>Sends the outbox now and returns the mails written to an address, read back from their .eml files.</summary>
    public async Task<IReadOnlyList<MimeKit.MimeMessage>> MailsToAsync(string address)
    {
        await Services.GetRequiredService<Shenbao.Web.Notifications.OutboxSender>().RunOnceAsync(CancellationToken.None);
        var mail = Path.Combine(folder, "mail");
        return Directory.Exists(mail)
            ? Directory.GetFiles(mail, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(b => b.Address == address)).ToList()
            : [];
    }

    /// <summary>The address Kestrel bound, e.g. http://127.0.0.1:40123 (after <see cref="Start"/>).</summary>
    public Uri Address { get; private set; } = null!;

    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reports no IServerAddressesFeature.");
        Address = new Uri(addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel bound no address."));
        return Address;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Shenbao:GuidesPath", Repository.Guides);
        builder.UseSetting("Shenbao:DataPath", folder);
        // every test signs in from one address: the limit is tested on its own (SignInRateLimitTests)
        builder.UseSetting("Shenbao:RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("Shenbao:RateLimits:SignInPerNamePerMinute", "100000");
        builder.UseSetting("Shenbao:Demo", "true");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Shenbao", $"Data Source={Path.Combine(folder, "shenbao.db")}");
        Directory.CreateDirectory(Repository.Screenshots);
        var log = Path.Combine(Repository.Screenshots, "server.log");
        File.WriteAllText(log, "");
        builder.ConfigureLogging(logging => logging.AddProvider(new ServerLog(log)));
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>The site's clock: the real time, moved on by a journey that must wait out a period (公示).</summary>
    public ShiftedClock Clock { get; } = new();

    /// <summary>Looks something up in the site's database that the pages do not show (an id).</summary>
    public T Query<T>(Func<AppDbContext, T> query)
    {
        using var scope = Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>The system clock plus an offset a journey sets (and resets) to live through a period without waiting for it.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Offset;
}
