using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Hosting;

namespace Shenbao.Tests.Support;

/// <summary>
/// A real clamd (Debian's clamav-daemon) on a Unix socket in a temporary folder. Its signatures cannot be downloaded
/// on these machines, so it loads one local body signature: EICAR's test string, found anywhere in a file. ./test.sh
/// installs clamav-daemon; without it the tests that need it fail and say so.
/// </summary>
public sealed class ClamDaemon : IDisposable
{
    /// <summary>The EICAR test file, built here from two halves so that no file of the repository is itself “infected”.</summary>
    public static byte[] Eicar { get; } = Encoding.ASCII.GetBytes(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");

    private readonly string folder = Directory.CreateTempSubdirectory("shenbao-clamd-").FullName;
    private readonly Process process;

    public string Socket => Path.Combine(folder, "clamd.sock");

    public ClamDaemon()
    {
        var clamd = new[] { "/usr/sbin/clamd", "/usr/bin/clamd" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("clamd is not installed: run ./test.sh (it installs clamav-daemon with apt-get) or apt-get install clamav-daemon");
        Directory.CreateDirectory(Path.Combine(folder, "db"));
        File.WriteAllText(Path.Combine(folder, "db", "local.ndb"), $"Shenbao.Test.EICAR:0:*:{Convert.ToHexStringLower(Eicar)}\n");
        File.WriteAllText(Path.Combine(folder, "clamd.conf"), $"""
            LocalSocket {Socket}
            DatabaseDirectory {Path.Combine(folder, "db")}
            Foreground yes
            LogFile {Path.Combine(folder, "clamd.log")}
            StreamMaxLength 100M
            """);
        process = Process.Start(new ProcessStartInfo(clamd, ["-c", Path.Combine(folder, "clamd.conf")])
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        for (var waited = 0; !File.Exists(Socket); waited += 100)
        {
            if (process.HasExited || waited > 60_000)
                throw new InvalidOperationException($"clamd did not open its socket: {process.StandardError.ReadToEnd()} {Log()}");
            Thread.Sleep(100);
        }
    }

    public string Log() => File.Exists(Path.Combine(folder, "clamd.log")) ? File.ReadAllText(Path.Combine(folder, "clamd.log")) : "";

    private bool disposed;

    /// <summary>Stops clamd; safe to call more than once (the factory is disposed both ways).</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        try
        {
            if (!process.HasExited) { process.Kill(); process.WaitForExit(10_000); }
        }
        catch (InvalidOperationException)
        {
            // it ended on its own between the question and the kill
        }
        process.Dispose();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The application with ClamAV configured: every upload is scanned by the real daemon.</summary>
public sealed class ScannedApp : ShenbaoApp
{
    public ClamDaemon Daemon { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Shenbao:ClamAv:Socket", Daemon.Socket);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Daemon.Dispose();
    }
}
