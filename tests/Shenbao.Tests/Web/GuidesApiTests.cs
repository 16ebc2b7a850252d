using System.Net;

namespace Shenbao.Tests.Web;

public sealed class GuidesApiTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private readonly HttpClient client = app.CreateClient();

    private async Task<JsonNode> GetJsonAsync(string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task The_guides_are_listed()
    {
        var guides = (await GetJsonAsync("/api/guides")).AsArray();

        var guide = Assert.Single(guides)!;
        Assert.Equal("hengyang-2025", (string)guide["id"]!);
        Assert.Equal(6, (int)guide["categories"]!);
    }

    [Fact]
    public async Task A_guide_comes_with_its_clauses_fields_attachments_and_rules()
    {
        var guide = await GetJsonAsync("/api/guides/hengyang-2025");

        Assert.Equal("衡阳市", (string)guide["city"]!);
        Assert.Contains(guide["clauses"]!.AsArray(), c => (string)c!["id"]! == "一、项目负责人" && (string)c["text"]! == "项目负责人具有副高及以上职称。");
        var keyRd = guide["categories"]!.AsArray().Single(c => (string)c!["id"]! == "key-rd")!;
        Assert.Equal(["工业", "农业", "社会发展"], keyRd["fields"]!.AsArray().Select(g => (string)g!["domain"]!));
        Assert.Contains(keyRd["rules"]!.AsArray(), r => (string)r!["id"]! == "field-in-list" && (string)r["severity"]! == "warn");
        Assert.Equal("银行进账单", (string)guide["attachmentTypes"]!["bank-receipt"]!);
    }

    [Fact]
    public async Task An_unknown_guide_is_a_404_problem()
    {
        var response = await client.GetAsync(new Uri("/api/guides/nowhere-1999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_check_and_the_guides()
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        var paths = document["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/eligibility/check"));
        Assert.True(paths.ContainsKey("/api/guides/{id}"));
        Assert.NotNull(paths["/api/eligibility/check"]!["post"]!["requestBody"]!["content"]!["application/json"]);
        Assert.NotNull(paths["/api/eligibility/check"]!["post"]!["responses"]!["400"]);
    }
}
