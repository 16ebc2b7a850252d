namespace Shenbao.LogScan;

public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Where the test projects append the application's log lines (see tests/Shenbao.Tests/Support/CapturedLogs.cs).</summary>
    public static string Logs => Environment.GetEnvironmentVariable("SHENBAO_LOG_DIR") is { Length: > 0 } configured ? configured : Path.Combine(Root, "artifacts", "logs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Shenbao.slnx")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Shenbao.slnx not found above the test assembly.");
    }
}
