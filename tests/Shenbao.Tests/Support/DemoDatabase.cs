using Microsoft.Data.Sqlite;

namespace Shenbao.Tests.Support;

/// <summary>A demo database made once by the CLI for a test class that only reads it (and writes files beside it).</summary>
public sealed class DemoDatabase : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("shenbao-demo-").FullName;

    public string Path => System.IO.Path.Combine(Folder, "shenbao.db");

    public DemoDatabase() => Assert.Equal(0, CliRunner.Invoke("demo", "--db", Path).ExitCode);

    public Shenbao.Data.AppDbContext Open() => Shenbao.Data.DataServices.Create("Sqlite", $"Data Source={Path}");

    public string File(string name) => System.IO.Path.Combine(Folder, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
