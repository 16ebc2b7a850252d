using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Shenbao.Web.Files;

/// <summary>What a virus scanner said of a file. An outage is its own answer: the upload is held, never let through.</summary>
public abstract record ScanResult
{
    private ScanResult() { }
    public sealed record Clean : ScanResult;
    public sealed record Infected(string Signature) : ScanResult;
    public sealed record Unavailable(string Reason) : ScanResult;
}

public interface IVirusScanner
{
    /// <summary>Whether uploads are scanned at all (without a scanner the start-up log says so).</summary>
    bool Scans { get; }

    Task<ScanResult> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken ct);
}

/// <summary>No scanner configured: every file is “clean”. Meant for development; `docs/security.md` says to configure ClamAV.</summary>
public sealed class NoVirusScanner : IVirusScanner
{
    public bool Scans => false;

    public Task<ScanResult> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken ct) => Task.FromResult<ScanResult>(new ScanResult.Clean());
}

/// <summary>
/// clamd over its socket (Debian's clamav-daemon), with the INSTREAM command: the bytes are sent in chunks and clamd
/// answers “stream: OK” or “stream: {signature} FOUND”. Anything else — no daemon, a timeout, a size limit, an error —
/// is an outage.
/// </summary>
public sealed class ClamAvScanner(string? socketPath, string? host, int port, TimeSpan timeout) : IVirusScanner
{
    private const int Chunk = 64 * 1024;

    public bool Scans => true;

    public async Task<ScanResult> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            using var socket = socketPath is not null
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            if (socketPath is not null) await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), limit.Token);
            else await socket.ConnectAsync(host!, port, limit.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), limit.Token);
            var length = new byte[4];
            for (var offset = 0; offset < content.Length; offset += Chunk)
            {
                var part = content.Slice(offset, Math.Min(Chunk, content.Length - offset));
                BinaryPrimitives.WriteUInt32BigEndian(length, (uint)part.Length);
                await stream.WriteAsync(length, limit.Token);
                await stream.WriteAsync(part, limit.Token);
            }
            BinaryPrimitives.WriteUInt32BigEndian(length, 0);
            await stream.WriteAsync(length, limit.Token);
            return Answer(await ReadReplyAsync(stream, limit.Token));
        }
        catch (Exception e) when (e is SocketException or IOException || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new ScanResult.Unavailable(e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0} s" : e.Message);
        }
    }

    private static async Task<string> ReadReplyAsync(NetworkStream stream, CancellationToken ct)
    {
        var reply = new List<byte>();
        var buffer = new byte[256];
        int read;
        while (reply.Count < 4096 && (read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            reply.AddRange(buffer.AsSpan(0, read));
            if (reply.Contains(0)) break;
        }
        return Encoding.ASCII.GetString([.. reply.TakeWhile(b => b != 0)]).Trim();
    }

    public static ScanResult Answer(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply == "stream: OK") return new ScanResult.Clean();
        if (reply.StartsWith("stream: ", StringComparison.Ordinal) && reply.EndsWith(" FOUND", StringComparison.Ordinal))
            return new ScanResult.Infected(reply["stream: ".Length..^" FOUND".Length]);
        return new ScanResult.Unavailable($"clamd answered “{reply}”");
    }
}

public static class VirusScanning
{
    /// <summary>ClamAV when Shenbao:ClamAv:Socket (a Unix socket) or Shenbao:ClamAv:Address (host:port) is configured, else none.</summary>
    public static IServiceCollection AddVirusScanner(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Shenbao:ClamAv");
        var timeout = TimeSpan.FromSeconds(section.GetValue("TimeoutSeconds", 30));
        if (section["Socket"] is { Length: > 0 } socket)
            return services.AddSingleton<IVirusScanner>(new ClamAvScanner(socket, null, 0, timeout));
        if (section["Address"] is { Length: > 0 } address && address.LastIndexOf(':') is var colon and > 0
            && int.TryParse(address[(colon + 1)..], out var port))
            return services.AddSingleton<IVirusScanner>(new ClamAvScanner(null, address[..colon], port, timeout));
        return services.AddSingleton<IVirusScanner, NoVirusScanner>();
    }

    /// <summary>Once at start-up: uploads without a scan are a deployment's choice to be made knowingly.</summary>
    public static void WarnWhenUploadsAreNotScanned(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<IVirusScanner>().Scans)
            app.Logger.LogWarning("No virus scanner is configured (Shenbao:ClamAv:Socket or Shenbao:ClamAv:Address): uploads are checked by format only");
    }
}
