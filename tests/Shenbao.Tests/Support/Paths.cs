namespace Shenbao.Tests.Support;

/// <summary>Where the repository, its shipped guide and its copy of the specification's examples are.</summary>
public static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string Guide { get; } = Path.Combine(Root, "guides", "hengyang-2025.yaml");

    /// <summary>
    /// The specification's examples (requests with their expected conclusions), copied into the repository so that
    /// the tests stand on it alone; <see cref="SpecExamples"/> is where they come from.
    /// </summary>
    public static string Examples { get; } = Path.Combine(Root, "tests", "Shenbao.Tests", "Examples");

    /// <summary>shared/spec/examples beside the repository, when it is there (the specification, not a test dependency).</summary>
    public static string SpecExamples { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared", "spec", "examples"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Shenbao.slnx")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Shenbao.slnx not found above the test assembly.");
    }
}
