using System.Text.Json;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Benchmarks;

/// <summary>The shipped guide and the example applications of spec/examples (copied under Samples/), found next to the program or up the tree.</summary>
public static class Samples
{
    public const string GuideFile = "guides/hengyang-2025.yaml";

    /// <summary>One application per category for the per-category benchmarks.</summary>
    public static readonly IReadOnlyDictionary<string, string> PerCategory = new Dictionary<string, string>
    {
        ["major-project"] = "major-project-eligible",
        ["key-rd"] = "key-rd-university-eligible",
        ["basic-research"] = "basic-research-eligible",
        ["iur-cooperation"] = "iur-cooperation-general-eligible",
        ["innovation-consortium"] = "innovation-consortium-eligible",
        ["achievement-transfer"] = "achievement-transfer-review",
    };

    public static Guide LoadGuide(IReadOnlyDictionary<string, string>? overrides = null) =>
        GuideLoader.LoadValidFile(Find(GuideFile, "guides/hengyang-2025.yaml"), overrides ?? new Dictionary<string, string>());

    public static string Directory => Path.GetDirectoryName(Find("Samples/major-project-eligible.json", "bench/Shenbao.Benchmarks/Samples/major-project-eligible.json"))!;

    /// <summary>Every sample (name, request) with its expected verdict and failing/warning rules.</summary>
    public static IReadOnlyList<(string Name, EligibilityRequest Request, Expected Expected)> All(Guide guide)
    {
        var list = new List<(string, EligibilityRequest, Expected)>();
        foreach (var path in System.IO.Directory.GetFiles(Directory, "*.json").Where(p => !p.EndsWith(".expected.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var expected = JsonSerializer.Deserialize<Expected>(File.ReadAllText(Path.ChangeExtension(path, ".expected.json")), JsonSerializerOptions.Web)
                ?? throw new InvalidDataException($"{name}.expected.json is empty");
            list.Add((name, LoadPath(path, guide), expected));
        }
        return list;
    }

    public static EligibilityRequest Load(string name, Guide guide) => LoadPath(Path.Combine(Directory, name + ".json"), guide);

    private static EligibilityRequest LoadPath(string path, Guide guide) =>
        RequestReader.Read(File.ReadAllText(path), guide, new DateOnly(2025, 5, 20)) is ReadResult.Parsed parsed
            ? parsed.Request
            : throw new InvalidDataException($"{path} is not a valid request");

    private static string Find(string besideProgram, string fromRepositoryRoot)
    {
        var local = Path.Combine(AppContext.BaseDirectory, besideProgram);
        if (File.Exists(local)) return local;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, fromRepositoryRoot);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{besideProgram} not found beside {AppContext.BaseDirectory} nor up the tree");
    }
}

/// <summary>An example's expected answer (spec/examples/*.expected.json).</summary>
public sealed record Expected(string Verdict, IReadOnlyList<string> Fails, IReadOnlyList<string> Warns);
