using System.Diagnostics.Metrics;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Shenbao.Web.Operations;

/// <summary>
/// What the people who run a call watch during a deadline, as OpenTelemetry metrics: submissions lodged, eligibility
/// checks run (the API, the editor's live check, the public self-check), sign-ins by outcome; and, from ASP.NET Core's
/// own meters, every request's latency. Exported over OTLP when Shenbao:Otlp:Endpoint is set; counted regardless.
/// </summary>
public sealed class ShenbaoMetrics
{
    public const string MeterName = "Shenbao";

    private readonly Counter<long> submissions;
    private readonly Counter<long> checks;
    private readonly Counter<long> signIns;

    public ShenbaoMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        submissions = meter.CreateCounter<long>("shenbao.submissions", "{submission}", "Applications lodged (a receipt issued)");
        checks = meter.CreateCounter<long>("shenbao.checks", "{check}", "Eligibility checks run");
        signIns = meter.CreateCounter<long>("shenbao.sign_ins", "{attempt}", "Sign-in attempts by outcome");
    }

    public void Submitted(string category) => submissions.Add(1, new KeyValuePair<string, object?>("category", category));

    /// <param name="surface">api, editor or self-check.</param>
    public void Checked(string surface) => checks.Add(1, new KeyValuePair<string, object?>("surface", surface));

    /// <param name="outcome">success, second-factor (the password right, the code to come), failure or locked.</param>
    public void SignIn(string outcome) => signIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}

public static class Metrics
{
    public static IServiceCollection AddShenbaoMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ShenbaoMetrics>();
        if (configuration["Shenbao:Otlp:Endpoint"] is not { Length: > 0 } configured) return services;
        // OTLP over HTTP: the collector's address (port 4318), to which the metrics path is added when none is given
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"Shenbao:Otlp:Endpoint “{configured}” is not an http(s) address such as http://collector:4318");
        if (endpoint.AbsolutePath is "" or "/") endpoint = new Uri(endpoint, "/v1/metrics");
        var interval = configuration.GetValue("Shenbao:Otlp:IntervalSeconds", 60);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("shenbao", serviceInstanceId: Environment.MachineName))
            .WithMetrics(m => m
                .AddMeter(ShenbaoMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = endpoint;
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval * 1000;
                }));
        return services;
    }
}
