namespace Shenbao.Tests.Support;

/// <summary>Where the repository, its shipped guide and its copy of the specification's examples are.</summary>
public static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string Guide { get; } = Path.Combine(Root, "guides", "hengyang-2025.yaml");

    /// <summary>
    /// The specification's examples (requests with their expected conclusions), copied into the repository so that
    /// the tests stand on it alone.
    /// </summary>
    public static string Examples { get; } = Path.Combine(Root, "tests", "Shenbao.Tests", "Examples");

    /// <summary>The examples of spec/tech-sme.md, copied likewise.</summary>
    public static string TechSmeExamples { get; } = Path.Combine(Root, "tests", "Shenbao.Tests", "TechSmeExamples");

    /// <summary>Genuine proofs made by different tools (Skia, cairo, poppler, PDFsharp, libjpeg, zlib by hand, Python's zipfile).</summary>
    public static string GenuineFiles { get; } = Path.Combine(Root, "tests", "Shenbao.Tests", "Files", "Genuine");

    public static string TechSmeStandard { get; } = Path.Combine(Root, "standards", "tech-sme-2017.yaml");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Shenbao.slnx")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Shenbao.slnx not found above the test assembly.");
    }
}
