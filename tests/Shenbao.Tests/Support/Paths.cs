namespace Shenbao.Tests.Support;

/// <summary>Where the repository, its shipped guide and the shared specification examples are.</summary>
public static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string Guide { get; } = Path.Combine(Root, "guides", "hengyang-2025.yaml");

    /// <summary>spec/examples of the shared folder beside the repository; a test that needs it fails loudly without it.</summary>
    public static string Examples
    {
        get
        {
            var folder = Path.GetFullPath(Path.Combine(Root, "..", "shared", "spec", "examples"));
            return Directory.Exists(folder)
                ? folder
                : throw new DirectoryNotFoundException($"The shared specification examples are missing: expected them at {folder} (the shared/ folder beside the repository).");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Shenbao.slnx")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Shenbao.slnx not found above the test assembly.");
    }
}
