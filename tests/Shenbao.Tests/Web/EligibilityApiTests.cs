using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Shenbao.Tests.Web;

public sealed class EligibilityApiTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private readonly HttpClient client = app.CreateClient();

    private Task<HttpResponseMessage> PostAsync(string body, string query = "") =>
        client.PostAsync(new Uri("/api/eligibility/check" + query, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task A_check_answers_with_every_rule_clause_and_figure_in_plain_chinese()
    {
        var response = await PostAsync(Requests.For("achievement-transfer").Set("applicant.finance.2024.revenue", 9_999_999.50m).ToJsonString());
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"verdict\":\"ineligible\"", text, StringComparison.Ordinal);
        // Chinese is written as itself, not as \u escapes
        Assert.Contains("2024年度营业收入 9,999,999.50 元，低于 10,000,000 元", text, StringComparison.Ordinal);
        Assert.Contains("\"clause\":\"五、支持对象4\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_a_400_problem_listing_every_error_with_its_path()
    {
        var request = Requests.For("iur-cooperation")
            .Set("applicant.creditCode", "91430408MA7B2C3D4A")
            .Set("application.contract.paid", 900_000)
            .Set("asOf", "2025-02-30");

        var response = await PostAsync(request.ToJsonString());
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, (int)problem["status"]!);
        Assert.Equal("申报数据有误", (string)problem["title"]!);
        Assert.Equal(["asOf", "applicant.creditCode", "application.contract.paid"], problem["errors"]!.AsArray().Select(e => (string)e!["path"]!));
        Assert.All(problem["errors"]!.AsArray(), e => Assert.False(string.IsNullOrWhiteSpace((string)e!["message"]!)));
    }

    [Fact]
    public async Task Invalid_json_is_a_400_with_line_and_column()
    {
        var response = await PostAsync("{ \"applicant\": ");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(problem["errors"]!.AsArray())!;
        Assert.Equal("", (string)error["path"]!);
        Assert.Contains("第1行", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_forgets_the_content_type_is_still_answered()
    {
        var response = await client.PostAsync(new Uri("/api/eligibility/check", UriKind.Relative), new StringContent(Requests.For("key-rd").ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_is_parsed()
    {
        var response = await PostAsync(new string(' ', 300 * 1024) + "{}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_guide_can_be_named_and_an_unknown_one_is_a_404_problem()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Requests.For("key-rd").ToJsonString(), "?guide=hengyang-2025")).StatusCode);

        var response = await PostAsync(Requests.For("key-rd").ToJsonString(), "?guide=shenzhen-2030");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("指南不存在", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_post_is_served()
    {
        var response = await client.GetAsync(new Uri("/api/eligibility/check", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
