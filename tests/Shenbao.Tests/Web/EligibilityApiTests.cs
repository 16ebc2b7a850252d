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
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("不能超过 256 KB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_just_within_the_limit_is_read_and_one_byte_more_is_refused()
    {
        var request = Requests.For("key-rd").ToJsonString();
        var padding = new string(' ', Shenbao.Web.Api.EligibilityApi.MaxRequestBytes - Encoding.UTF8.GetByteCount(request));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(padding + request)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(padding + " " + request)).StatusCode);
    }

    [Fact]
    public async Task A_body_without_a_declared_length_is_read_only_up_to_the_limit()
    {
        // a stream of unknown length goes as chunks: no Content-Length to refuse it by, so the reading must stop
        var endless = new ChunkedContent(new RepeatingStream((byte)' ', 40L * 1024 * 1024));
        var response = await client.PostAsync(new Uri("/api/eligibility/check", UriKind.Relative), endless);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE }, "UTF-8")]                 // not UTF-8 at all
    [InlineData(new byte[] { 0xE6, 0xB5 }, "UTF-8")]                 // a character cut in half
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "UTF-8")]           // a surrogate encoded as UTF-8 (CESU)
    public async Task Bytes_that_are_not_utf8_inside_a_string_are_a_400_problem(byte[] bad, string expected)
    {
        var json = Encoding.UTF8.GetBytes(Requests.For("key-rd").Set("applicant.name", "X").ToJsonString());
        var at = json.AsSpan().IndexOf("\"X\""u8) + 1;
        var body = json[..at].Concat(bad).Concat(json[(at + 1)..]).ToArray();

        var response = await client.PostAsync(new Uri("/api/eligibility/check", UriKind.Relative), new ByteArrayContent(body));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (string)Assert.Single(problem["errors"]!.AsArray())!["message"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\ud800")]          // a high surrogate alone
    [InlineData("\\udfff")]          // a low surrogate alone
    [InlineData("\\udc00\\ud800")]   // both halves, the wrong way round
    public async Task A_lone_surrogate_escape_in_a_string_is_a_400_problem(string escape)
    {
        var body = Requests.For("key-rd").Set("applicant.name", "X").ToJsonString().Replace("\"X\"", $"\"衡阳{escape}\"", StringComparison.Ordinal);
        Assert.Contains(escape, body, StringComparison.Ordinal);

        var response = await PostAsync(body);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("代理项", (string)Assert.Single(problem["errors"]!.AsArray())!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_property_name_is_a_400_problem()
    {
        var body = Requests.For("key-rd").ToJsonString().Replace("\"applicant\":{", "\"applicant\":{\"\\ud83d\":1,", StringComparison.Ordinal);

        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_proper_surrogate_pair_is_read_as_the_character_it_is()
    {
        var body = Requests.For("key-rd").Set("applicant.name", "X").ToJsonString().Replace("\"X\"", "\"\\ud83d\\ude00 科技\"", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body)).StatusCode);
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

    /// <summary>Content sent in chunks, with no Content-Length.</summary>
    private sealed class ChunkedContent(RepeatingStream source) : HttpContent
    {
        public RepeatingStream Source { get; } = source;

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => Source.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>A stream of one byte repeated, counting what was read of it.</summary>
internal sealed class RepeatingStream(byte value, long length) : Stream
{
    private long Served { get; set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - Served);
        Array.Fill(buffer, value, offset, n);
        Served += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Served; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
