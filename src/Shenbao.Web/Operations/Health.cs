using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shenbao.Data;

namespace Shenbao.Web.Operations;

/// <summary>
/// What a load balancer or a monitor asks, anonymously and cheaply: /healthz — is the process answering (nothing is
/// checked, so a slow database never makes a node look dead); /readyz — may it take requests: the database reachable
/// with every migration applied, the file store writable. 200 when ready, 503 when not, with each check's state in
/// words and never an exception's.
/// </summary>
public static class Health
{
    private const string Ready = "ready";

    public static IServiceCollection AddShenbaoHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReady>("database", tags: [Ready])
            .AddCheck<StorageWritable>("storage", tags: [Ready]);
        return services;
    }

    public static void MapShenbaoHealth(this IEndpointRouteBuilder app)
    {
        // GET only: a probe reads; any other method is the routing's 405
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata(["GET"])).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata(["GET"])).AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? (e.Value.Exception is null ? null : "检查失败，详情见服务器日志") }),
        }, Shenbao.Domain.Eligibility.CheckJson.Options));
    }

    private sealed class DatabaseReady(AppDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!await db.Database.CanConnectAsync(cancellationToken)) return HealthCheckResult.Unhealthy("数据库无法连接");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0 ? HealthCheckResult.Healthy("数据库可连接，迁移已全部应用") : HealthCheckResult.Unhealthy($"有 {pending} 个数据库迁移未应用");
        }
    }

    private sealed class StorageWritable(Shenbao.Web.Files.FileStore files) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await files.WritableAsync(cancellationToken) ? HealthCheckResult.Healthy("上传文件目录可写") : HealthCheckResult.Unhealthy("上传文件目录不可写");
    }
}
