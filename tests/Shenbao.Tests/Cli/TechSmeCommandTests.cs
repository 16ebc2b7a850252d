using System.Text.Json;

namespace Shenbao.Tests.Cli;

/// <summary>`tech-sme FILE` on the specification's examples: the summary each expects, and input errors with exit 2.</summary>
public sealed class TechSmeCommandTests
{
    public static TheoryData<string> Examples => new(Directory.GetFiles(Paths.TechSmeExamples, "*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_gives_its_expected_conclusion(string name)
    {
        var run = CliRunner.Invoke("tech-sme", Path.Combine(Paths.TechSmeExamples, name + ".json"));
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.TechSmeExamples, name + ".expected.json")))!;

        Assert.Equal(0, run.ExitCode);
        var response = JsonNode.Parse(run.Output)!;
        var failed = response["conditions"]!.AsArray().Where(c => (string?)c!["outcome"] != "pass").Select(c => (string)c!["id"]!).ToArray();
        var summary = new JsonObject
        {
            ["qualified"] = response["qualified"]!.DeepClone(),
            ["route"] = response["route"]?.DeepClone(),
            ["score"] = response["score"]?.DeepClone(),
            ["failed"] = new JsonArray(failed.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
        };
        Assert.True(JsonNode.DeepEquals(expected, summary), $"expected {expected.ToJsonString()}\nactual   {summary.ToJsonString()}");
        Assert.All(response["conditions"]!.AsArray().Concat(response["direct"]!.AsArray()), c => Assert.False(string.IsNullOrWhiteSpace((string?)c!["message"])));
    }

    [Fact]
    public void Input_errors_exit_2_with_every_error_and_its_path()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{ "asOf": "15.04.2025", "applicant": { "employees": -1, "techStaff": 3, "ip": { "class2": "three" } } }""");

            var run = CliRunner.Invoke("tech-sme", file);

            Assert.Equal(2, run.ExitCode);
            var paths = JsonNode.Parse(run.Output)!["errors"]!.AsArray().Select(e => (string)e!["path"]!).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(["applicant.employees", "applicant.ip.class2", "asOf"], paths);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
