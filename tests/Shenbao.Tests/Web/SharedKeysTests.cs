using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Shenbao.Tests.Web;

/// <summary>
/// Several nodes on one database (issue 17): with Shenbao:DataProtection:Store = database the keys are rows every node
/// reads, so a session signed in on one node is good on another; a node that keeps its keys in its own folder cannot read it.
/// </summary>
public sealed class SharedKeysTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("shenbao-nodes-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    private sealed class Node(string folder, string database, string store) : FolderApp(folder)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Shenbao", database);
            builder.UseSetting("Shenbao:DataProtection:Store", store);
        }
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(root, name)).FullName;

    private static (Browser Browser, CookieContainer Cookies) BrowserOn(ShenbaoApp node, CookieContainer? cookies = null)
    {
        cookies ??= new CookieContainer();
        var client = new HttpClient(new CookieContainerHandler(cookies) { InnerHandler = node.Server.CreateHandler() }) { BaseAddress = node.Server.BaseAddress };
        return (new Browser(client), cookies);
    }

    [Fact]
    public async Task With_keys_in_the_database_a_session_signed_in_on_one_node_is_good_on_another()
    {
        var first = Folder("a");
        var database = TestDatabase.ConnectionString(first);
        using var a = new Node(first, database, "database");
        using var b = new Node(Folder("b"), database, "database");
        using var alone = new Node(Folder("c"), database, "folder");

        var (onA, cookies) = BrowserOn(a);
        await onA.SignInAsync("zhiheng-leader");
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/Applications")).Status);

        var (onB, _) = BrowserOn(b, cookies);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/Applications")).Status);
        var (onAlone, _) = BrowserOn(alone, cookies);
        var refused = await onAlone.GetAsync("/Applications");
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.Contains("/Account/Login", refused.Location, StringComparison.Ordinal);

        await using var db = a.Db();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("<masterKey", k!, StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(first, "keys")) && Directory.GetFiles(Path.Combine(first, "keys")).Length > 0, "a node with its keys in the database writes none to its folder");
    }

    [Fact]
    public void An_unknown_key_store_stops_the_start_naming_the_setting()
    {
        var folder = Folder("d");
        using var node = new Node(folder, TestDatabase.ConnectionString(folder), "redis");

        var e = Assert.ThrowsAny<Exception>(() => node.Server);
        Assert.Contains("Shenbao:DataProtection:Store", e.ToString(), StringComparison.Ordinal);
    }
}
