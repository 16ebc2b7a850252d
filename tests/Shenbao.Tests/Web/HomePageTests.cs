using System.Net;

namespace Shenbao.Tests.Web;

public sealed class HomePageTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    [Fact]
    public async Task The_home_page_lists_every_category_and_its_fields_from_the_guide_in_chinese()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var category in Requests.Guide.Categories)
        {
            Assert.Contains(category.Name, html, StringComparison.Ordinal);
            foreach (var field in category.Fields) Assert.Contains(field, html, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);   // Chinese not escaped
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task An_unknown_page_is_a_chinese_404_for_a_signed_in_user_and_a_login_for_a_visitor()
    {
        var visitor = await Browser.For(app).GetAsync("/no/such/page");
        var user = await (await Browser.For(app).SignInAsync("hynu-admin")).GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.Redirect, visitor.Status);
        Assert.Equal(HttpStatusCode.NotFound, user.Status);
        Assert.Contains("页面不存在", user.Text, StringComparison.Ordinal);
    }
}
