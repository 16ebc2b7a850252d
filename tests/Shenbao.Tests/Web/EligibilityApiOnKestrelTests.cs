using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Shenbao.Tests.Web;

/// <summary>The site on real Kestrel, for what the in-process test server cannot show: bytes on a socket.</summary>
public sealed class KestrelApp : ShenbaoApp
{
    public KestrelApp() => UseKestrel(0);

    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            return new Uri(addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel bound no address."));
        }
    }
}

public sealed class EligibilityApiOnKestrelTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    /// <summary>
    /// A client that writes all of a 40 MB body before it reads (as curl and most scripts do) gets the 413 problem,
    /// not a reset connection, and the same connection then serves its next request. With a declared length the
    /// server refuses before reading; in chunks it reads up to the limit and no further into memory.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_that_sends_a_40_mb_body_before_reading_receives_the_413(bool chunked)
    {
        var address = app.Address;
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        const int size = 40 * 1024 * 1024;
        var length = chunked ? "Transfer-Encoding: chunked" : $"Content-Length: {size}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/eligibility/check HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\n{length}\r\n\r\n"));
        var chunk = new byte[1024 * 1024];
        Array.Fill(chunk, (byte)' ');
        for (var sent = 0; sent < size; sent += chunk.Length)
        {
            if (chunked) await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
            await stream.WriteAsync(chunk);
            if (chunked) await stream.WriteAsync("\r\n"u8.ToArray());
        }
        if (chunked) await stream.WriteAsync("0\r\n\r\n"u8.ToArray());

        var first = await ReadResponseAsync(stream);
        Assert.StartsWith("HTTP/1.1 413", first, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", first, StringComparison.Ordinal);

        // the refused body was read to its end and thrown away, so the connection is still good for the next request
        var small = Encoding.UTF8.GetBytes(Requests.For("key-rd").ToJsonString());
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/eligibility/check HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {small.Length}\r\n\r\n"));
        await stream.WriteAsync(small);
        Assert.StartsWith("HTTP/1.1 200", await ReadResponseAsync(stream), StringComparison.Ordinal);
    }

    /// <summary>One response, head and body (a single response at a time: nothing is pipelined).</summary>
    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new List<byte>();
        var buffer = new byte[8192];
        int headEnd;
        while ((headEnd = Encoding.ASCII.GetString(received.ToArray()).IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            if (n == 0) throw new IOException("the server closed the connection before answering");
            received.AddRange(buffer.AsSpan(0, n));
        }
        var head = Encoding.ASCII.GetString(received.ToArray(), 0, headEnd);
        var headers = head.Split("\r\n").Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        // a chunked answer ends with an empty chunk; one with a length, after that many bytes
        Func<bool> complete = headers.TryGetValue("Content-Length", out var declared)
            ? () => received.Count >= headEnd + 4 + int.Parse(declared, System.Globalization.CultureInfo.InvariantCulture)
            : () => Encoding.ASCII.GetString(received.ToArray()).EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
        while (!complete())
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            if (n == 0) throw new IOException("the server closed the connection in the middle of its answer");
            received.AddRange(buffer.AsSpan(0, n));
        }
        return Encoding.UTF8.GetString(received.ToArray());
    }
}
