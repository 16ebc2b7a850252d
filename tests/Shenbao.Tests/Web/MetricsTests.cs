using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Shenbao.Tests.Web;

/// <summary>
/// The counters people watch during a deadline move with what happens — a submission, checks on each surface, sign-ins
/// by outcome — and, with Shenbao:Otlp:Endpoint set, they and the requests' latency reach an OTLP collector.
/// </summary>
public sealed class MetricsTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    /// <summary>What this application's Shenbao meter counted while the action ran (other test classes' applications run meanwhile and are not heard).</summary>
    private static async Task<List<(string Name, string Tag)>> CountedAsync(ShenbaoApp site, Func<Task> action)
    {
        var factory = site.Services.GetRequiredService<IMeterFactory>();
        var counted = new ConcurrentQueue<(string, string)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Shenbao.Web.Operations.ShenbaoMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            for (var i = 0; i < value; i++) counted.Enqueue((instrument.Name, tags.Length > 0 ? $"{tags[0].Key}={tags[0].Value}" : ""));
        });
        listener.Start();
        await action();
        return [.. counted];
    }

    [Fact]
    public async Task A_submission_checks_and_sign_ins_are_counted_with_what_they_were()
    {
        _ = app.Server;
        var counted = await CountedAsync(app, async () =>
        {
            var (applicant, id) = await BasicResearch.SubmittableAsync(app);
            Assert.Equal(HttpStatusCode.Redirect, (await BasicResearch.SubmitAsync(applicant, id)).Status);
            using var client = app.CreateClient();
            using var check = await client.PostAsync(new Uri("/api/eligibility/check", UriKind.Relative), new StringContent(Requests.For("key-rd").ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
            var visitor = Browser.For(app);
            await visitor.SubmitAsync(await visitor.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = "hynu-admin", ["Input.Password"] = "Wrong-password-2026" });
        });

        Assert.Single(counted, c => c == ("shenbao.submissions", "category=basic-research"));
        Assert.Contains(("shenbao.checks", "surface=api"), counted);
        Assert.Contains(("shenbao.sign_ins", "outcome=success"), counted);
        Assert.Contains(("shenbao.sign_ins", "outcome=failure"), counted);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_counters_and_the_request_latency_reach_the_collector()
    {
        await using var collector = await Collector.StartAsync();
        using var site = new OtlpApp(collector.Address);
        using var client = site.CreateClient();
        using (var check = await client.PostAsync(new Uri("/api/eligibility/check", UriKind.Relative), new StringContent(Requests.For("key-rd").ToJsonString(), Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);

        Assert.True(site.Services.GetRequiredService<MeterProvider>().ForceFlush(20_000), "the metrics were not exported within 20 s");

        var exported = string.Concat(collector.Bodies.Select(b => Encoding.UTF8.GetString(b)));
        Assert.Contains("shenbao.checks", exported, StringComparison.Ordinal);
        Assert.Contains("http.server.request.duration", exported, StringComparison.Ordinal);
        Assert.Contains("service.name", exported, StringComparison.Ordinal);
        Assert.All(collector.Types, t => Assert.Equal("application/x-protobuf", t));
    }

    private sealed class OtlpApp(string endpoint) : ShenbaoApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Shenbao:Otlp:Endpoint", endpoint);
        }
    }

    /// <summary>An OTLP/HTTP collector that keeps what it is sent: Kestrel on a free local port.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication host;

        private Collector(WebApplication host) => this.host = host;

        public ConcurrentQueue<byte[]> Bodies { get; } = new();

        public ConcurrentQueue<string?> Types { get; } = new();

        public string Address => host.Urls.First();

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var host = builder.Build();
            var collector = new Collector(host);
            host.MapPost("/v1/metrics", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                collector.Types.Enqueue(request.ContentType);
                collector.Bodies.Enqueue(body.ToArray());
                return Results.Ok();
            });
            await host.StartAsync();
            return collector;
        }

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
    }
}
