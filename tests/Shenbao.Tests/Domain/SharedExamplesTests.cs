using System.Net;
using System.Text;
using System.Text.Json;

namespace Shenbao.Tests.Domain;

/// <summary>
/// Every example of the specification through the engine, the CLI and the API: each gives its expected
/// conclusion, and all three give the same answer to the letter.
/// </summary>
public sealed class SharedExamplesTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Paths.Examples, "*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void The_examples_are_there() => Assert.True(Examples().Count >= 8, $"expected the specification's examples in {Paths.Examples}");

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Engine_cli_and_api_give_the_expected_conclusion_and_agree(string name)
    {
        var file = Path.Combine(Paths.Examples, name);
        var expected = JsonNode.Parse(File.ReadAllText(file.Replace(".json", ".expected.json", StringComparison.Ordinal)))!.AsObject();
        var bytes = File.ReadAllBytes(file);

        var engine = CheckAnswer.For(bytes, Requests.Guide, Requests.Today) switch
        {
            CheckAnswer.Evaluated e => JsonSerializer.Serialize(e.Response, CheckJson.Options),
            CheckAnswer.Rejected r => JsonSerializer.Serialize(new ErrorsResponse(r.Errors), CheckJson.Options),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
        var cli = CliRunner.Invoke("check", file, "--guide", Paths.Guide);
        var response = await app.CreateClient().PostAsync(new Uri("/api/eligibility/check", UriKind.Relative), new ByteArrayContent(bytes));
        var api = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        if (expected["errors"] is JsonArray expectedErrors)
        {
            var paths = expectedErrors.Select(e => (string)e!["path"]!).ToList();
            Assert.Equal(2, cli.ExitCode);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(paths, JsonNode.Parse(engine)!["errors"]!.AsArray().Select(e => (string)e!["path"]!));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(engine)!["errors"], JsonNode.Parse(cli.Output)!["errors"]));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(engine)!["errors"], api["errors"]));
            return;
        }

        var result = JsonNode.Parse(engine)!.AsObject();
        Assert.Equal((string)expected["verdict"]!, (string)result["verdict"]!);
        Assert.Equal(Ids(expected["fails"]), Ids(result["rules"], "fail"));
        Assert.Equal(Ids(expected["warns"]), Ids(result["rules"], "warn"));
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonNode.DeepEquals(result, JsonNode.Parse(cli.Output)), "the CLI's answer differs from the engine's");
        Assert.True(JsonNode.DeepEquals(result, api), "the API's answer differs from the engine's");
    }

    private static List<string> Ids(JsonNode? list) => list!.AsArray().Select(n => (string)n!).Order(StringComparer.Ordinal).ToList();

    private static List<string> Ids(JsonNode? rules, string outcome) =>
        rules!.AsArray().Where(r => (string)r!["outcome"]! == outcome).Select(r => (string)r!["id"]!).Order(StringComparer.Ordinal).ToList();
}
