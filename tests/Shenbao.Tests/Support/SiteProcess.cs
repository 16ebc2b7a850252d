using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Shenbao.Tests.Support;

/// <summary>
/// The site as its own process (the built Shenbao.Web.dll, on Kestrel, on a free local port) on a data folder the test
/// owns, so that it can be killed mid-request (SIGKILL: no shutdown, nothing of the process's own flushed) and started
/// again. (The operating system's page cache survives a kill: a power cut, which loses it too, is what the flushes are for.)
/// Its console log goes to artifacts/logs, where the whole run's scan reads it.
/// </summary>
public sealed class SiteProcess : IDisposable
{
    private readonly Process process;

    private SiteProcess(Process process, Uri address) => (this.process, Address) = (process, address);

    public Uri Address { get; }

    /// <summary>The site's own build output, of the configuration these tests were built in.</summary>
    public static string WebDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var dll = Path.Combine(Paths.Root, "src", "Shenbao.Web", "bin", configuration, "net10.0", "Shenbao.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is not built: build the solution first (dotnet build Shenbao.slnx -c {configuration})");
        }
    }

    public static async Task<SiteProcess> StartAsync(string folder, string provider, string connectionString)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [WebDll, "--urls", address.ToString()])
        {
            WorkingDirectory = Path.Combine(Paths.Root, "src", "Shenbao.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Shenbao__DataPath"] = folder;
        start.Environment["Shenbao__Demo"] = "true";
        start.Environment["Shenbao__RateLimits__SignInPerMinute"] = "100000";
        start.Environment["Shenbao__RateLimits__SignInPerNamePerMinute"] = "100000";
        start.Environment["Database__Provider"] = provider;
        start.Environment["ConnectionStrings__Shenbao"] = connectionString;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var log = Path.Combine(Paths.Root, "artifacts", "logs", $"Shenbao.CrashTests.{provider}.{Environment.ProcessId}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) RunLog.AppendTo(log, e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) RunLog.AppendTo(log, e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var site = new SiteProcess(process, address);
        await site.WaitReadyAsync();
        return site;
    }

    /// <summary>A browser on the real site: its own cookies, no redirects followed.</summary>
    public Browser Browser() =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) });

    /// <summary>SIGKILL, and the wait for the process to be gone.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        for (var started = Stopwatch.StartNew(); started.Elapsed < TimeSpan.FromSeconds(90);)
        {
            if (process.HasExited) throw new InvalidOperationException($"the site stopped at start-up (exit {process.ExitCode}): see artifacts/logs");
            try
            {
                using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the site at {Address} was not ready within 90 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
