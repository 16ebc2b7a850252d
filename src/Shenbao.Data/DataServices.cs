using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Shenbao.Data;

public static class DataServices
{
    public const string DefaultSqlite = "Data Source=./data/shenbao.db";

    /// <summary>
    /// The database chosen by configuration: Database:Provider = Sqlite (default) or Postgres, connection string
    /// ConnectionStrings:Shenbao (read in the options callback, so test hosts can point it elsewhere).
    /// </summary>
    public static IServiceCollection AddShenbaoData(this IServiceCollection services, IConfiguration configuration)
    {
        switch (configuration["Database:Provider"] ?? "Sqlite")
        {
            case "Sqlite":
                services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => UseSqlite(o, sp.GetRequiredService<IConfiguration>().GetConnectionString("Shenbao"), HeadOf(sp)));
                break;
            case "Postgres":
                services.AddDbContext<AppDbContext, NpgsqlAppDbContext>((sp, o) => UsePostgres(o, sp.GetRequiredService<IConfiguration>().GetConnectionString("Shenbao"), HeadOf(sp)));
                break;
            case var other:
                throw new InvalidOperationException($"Database:Provider '{other}' is unknown: use Sqlite or Postgres.");
        }
        return services;
    }

    /// <summary>The audit chain's outside head: {Shenbao:DataPath}/audit-head.json.</summary>
    public static string HeadOf(IServiceProvider services) =>
        Audit.AuditHeadFile.For(services.GetRequiredService<IConfiguration>()["Shenbao:DataPath"] ?? "./data");

    public static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string? connectionString, string? auditHead = null)
    {
        var sqlite = connectionString ?? DefaultSqlite;
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(sqlite).DataSource;
        // a fresh clone just runs: the folder of the database file is created on first use
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        return WithHead(options.UseSqlite(sqlite).AddInterceptors(new SqlitePragmas()), auditHead);
    }

    public static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder options, string? connectionString, string? auditHead = null) =>
        WithHead(options.UseNpgsql(connectionString ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Shenbao is not set.")), auditHead);

    // a context without a head file (migrations, read-only tools) refuses to append to the audit trail: it has no head to move
    private static DbContextOptionsBuilder WithHead(DbContextOptionsBuilder options, string? auditHead) =>
        auditHead is null ? options : options.AddInterceptors(new Audit.AuditHeadInterceptor(new Audit.AuditHeadFile(auditHead)));

    /// <summary>A context for tools (CLI demo, migrations) outside a host; one that appends to the audit trail names its head file.</summary>
    public static AppDbContext Create(string provider, string connectionString, string? auditHead = null) => provider switch
    {
        "Sqlite" => new SqliteAppDbContext((DbContextOptions<SqliteAppDbContext>)UseSqlite(new DbContextOptionsBuilder<SqliteAppDbContext>(), connectionString, auditHead).Options),
        "Postgres" => new NpgsqlAppDbContext((DbContextOptions<NpgsqlAppDbContext>)UsePostgres(new DbContextOptionsBuilder<NpgsqlAppDbContext>(), connectionString, auditHead).Options),
        _ => throw new InvalidOperationException($"Database provider '{provider}' is unknown: use Sqlite or Postgres."),
    };
}

/// <summary>
/// WAL lets readers work while a submission commits; synchronous=FULL makes an acknowledged commit survive
/// a power cut (NORMAL may lose it); busy_timeout lets writers queue during the deadline rush instead of failing.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Design-time contexts for `dotnet ef migrations add … --context …`: one migration set per provider.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) => (SqliteAppDbContext)DataServices.Create("Sqlite", "Data Source=design-time.db");
}

internal sealed class NpgsqlDesignTimeFactory : IDesignTimeDbContextFactory<NpgsqlAppDbContext>
{
    public NpgsqlAppDbContext CreateDbContext(string[] args) => (NpgsqlAppDbContext)DataServices.Create("Postgres", "Host=localhost;Database=shenbao_design;Username=postgres");
}
