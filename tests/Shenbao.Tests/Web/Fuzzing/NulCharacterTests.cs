using System.Net;

namespace Shenbao.Tests.Web.Fuzzing;

/// <summary>
/// A NUL character never reaches a query or a handler: PostgreSQL's text cannot hold one, and the fuzzing found the
/// officials' searches and the audit filter answering 500 there. The query is refused with a Chinese page or problem
/// details, the form body by the server with the same 400, on both databases alike.
/// </summary>
public sealed class NulCharacterTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    [Theory]
    [InlineData("/Bureau/Applications?q=%00")]
    [InlineData("/Bureau/Experts?Q=a%00b")]
    [InlineData("/Bureau/Applications?%00=1")]
    public async Task A_query_holding_a_nul_is_refused_with_a_page_that_says_why(string url)
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        var page = await officer.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("空字符", page.Text, StringComparison.Ordinal);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_same_query_without_the_nul_is_answered()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/Bureau/Applications?q=ab")).Status);
    }

    [Fact]
    public async Task An_api_query_holding_a_nul_gets_problem_details()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/guides?x=%00", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("空字符", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_body_holding_a_nul_is_refused_by_the_server_before_the_page_reads_it()
    {
        var anonymous = Browser.For(app);
        var publicity = await anonymous.GetAsync("/Publicity");

        var refused = await anonymous.PostAsync("/Publicity", [new("Input.Name", "a\0b"), new("Input.Text", "异议"), new("__RequestVerificationToken", Browser.Token(publicity))]);
        var clean = await anonymous.PostAsync("/Publicity", [new("Input.Name", "ab"), new("Input.Text", "异议"), new("__RequestVerificationToken", Browser.Token(publicity))]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("请求无效", refused.Text, StringComparison.Ordinal);
        // the same post without the NUL reaches the page (which answers it beside its fields): the 400 was the NUL's
        Assert.NotEqual(HttpStatusCode.BadRequest, clean.Status);
    }
}
