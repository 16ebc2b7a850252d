namespace Shenbao.BrowserTests.Support;

/// <summary>Where the repository is (the folder holding Shenbao.slnx), and where the journeys leave their screenshots.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Guides => Path.Combine(Root, "guides");

    /// <summary>artifacts/screenshots at the repository root (git-ignored).</summary>
    public static string Screenshots => Path.Combine(Root, "artifacts", "screenshots");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Shenbao.slnx")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"Shenbao.slnx not found above the test assembly ({AppContext.BaseDirectory}).");
    }
}
