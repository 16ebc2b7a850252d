using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Shenbao.Tests.Web;

/// <summary>/healthz says the process answers; /readyz whether it may take requests — database, migrations, file store.</summary>
public sealed class HealthTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static async Task<(HttpStatusCode Status, JsonNode Body)> AskAsync(ShenbaoApp site, string path)
    {
        using var client = site.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Healthz_answers_anyone_without_checking_anything()
    {
        var (status, body) = await AskAsync(app, "/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", (string)body["status"]!);
        Assert.Empty(body["checks"]!.AsObject());
    }

    [Fact]
    public async Task Readyz_answers_anyone_that_the_database_and_the_file_store_are_ready()
    {
        var (status, body) = await AskAsync(app, "/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", (string)body["checks"]!["database"]!["status"]!);
        Assert.Equal("Healthy", (string)body["checks"]!["storage"]!["status"]!);
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataPath, "files"), ".ready-*"));
    }

    [Fact]
    public async Task A_migration_not_applied_makes_the_node_not_ready_and_says_so()
    {
        using var site = new ShenbaoApp();
        _ = site.Server;
        await using (var db = site.Db())
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT MAX("MigrationId") FROM "__EFMigrationsHistory")""");

        var (status, body) = await AskAsync(site, "/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", (string)body["status"]!);
        Assert.Equal("有 1 个数据库迁移未应用", (string)body["checks"]!["database"]!["description"]!);
        Assert.Equal("Healthy", (string)body["checks"]!["storage"]!["status"]!);
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(site, "/healthz")).Status);
    }

    [Fact]
    public async Task A_file_store_that_cannot_be_written_makes_the_node_not_ready_and_says_so()
    {
        using var site = new ShenbaoApp();
        _ = site.Server;
        // the folder replaced by a file: nothing can be written under it, whoever the tests run as
        Directory.Delete(Path.Combine(site.DataPath, "files"), recursive: true);
        await File.WriteAllTextAsync(Path.Combine(site.DataPath, "files"), "not a folder");

        var (status, body) = await AskAsync(site, "/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("上传文件目录不可写", (string)body["checks"]!["storage"]!["description"]!);
        Assert.Equal("Healthy", (string)body["checks"]!["database"]!["status"]!);
    }
}
