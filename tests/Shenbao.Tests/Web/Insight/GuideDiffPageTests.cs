using System.Net;
using System.Text;

namespace Shenbao.Tests.Web.Insight;

/// <summary>指南对比: an officer compares the current guide with a file just received, area by area; a broken file is named line by line; nobody else gets in.</summary>
public sealed class GuideDiffPageTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static byte[] Edited(Func<string, string> edit) => Encoding.UTF8.GetBytes(edit(File.ReadAllText(Paths.Guide)));

    private static async Task<Browser.Page> UploadAsync(Browser officer, byte[] file) =>
        await officer.SubmitAsync(await officer.GetAsync("/Bureau/GuideDiff"), new Dictionary<string, string>(), "#diff-upload", files: [("file", "hengyang-2026.yaml", file)]);

    [Fact]
    public async Task A_received_guide_is_compared_with_the_current_one_area_by_area_and_nothing_is_imported()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        using var db = app.Db();
        var stored = db.StoredGuides.Count();

        var page = await UploadAsync(officer, Edited(y => y.Replace("year: 2025", "year: 2026", StringComparison.Ordinal)
            .Replace("        minimum: 0.2\n", "        minimum: 0.3\n", StringComparison.Ordinal).Replace("  invoice: 单位开具的发票", "  invoice: 增值税发票", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("共 3 处变化", page.Document.GetElementById("diff-total")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("hengyang-2026.yaml", page.Document.QuerySelector("#diff-result h2")!.TextContent, StringComparison.Ordinal);
        var parameter = page.Document.QuerySelector(".diff-area[data-area='参数'] tbody tr")!;
        Assert.Equal("Changed", parameter.GetAttribute("data-kind"));
        Assert.Equal(["修改", "类别“四（一）产学研合作”的规则“合同支付比例”（iur-payment）的minimum", "0.2", "0.3"], parameter.Children.Select(td => td.TextContent.Trim()));
        Assert.Equal("2026", page.Document.QuerySelector(".diff-area[data-area='指南'] .diff-after")!.TextContent);
        Assert.NotNull(page.Document.QuerySelector(".diff-area[data-area='附件类型']"));
        Assert.Equal(stored, app.Db().StoredGuides.Count());
    }

    [Fact]
    public async Task A_file_that_is_not_a_valid_guide_is_named_line_by_line_and_not_compared()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        var page = await UploadAsync(officer, Edited(y => y.Replace("        minimum: 0.2\n", "        minimum: 两成\n", StringComparison.Ordinal)));

        Assert.Contains("不是有效的指南文件", page.Document.GetElementById("diff-error")!.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"第 \d+ 行：.*“minimum”应为数字，实际为“两成”", page.Document.GetElementById("diff-file-errors")!.TextContent);
        Assert.Null(page.Document.GetElementById("diff-result"));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x00, 0x69 }, "不是 UTF-8 编码的文本")]
    [InlineData(new byte[] { 0x2D, 0x20, 0x5B }, "不是有效的指南文件")]
    public async Task A_file_that_is_not_text_or_not_YAML_is_told_so(byte[] content, string message)
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        var page = await UploadAsync(officer, content);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.Document.GetElementById("diff-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_known_guides_are_compared_by_id_and_an_unknown_id_is_named()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        var same = await officer.GetAsync("/Bureau/GuideDiff?a=hengyang-2025&b=hengyang-2025");
        var unknown = await officer.GetAsync("/Bureau/GuideDiff?a=hengyang-2025&b=hengyang-2031");

        Assert.Equal("两份指南的内容相同。", same.Document.GetElementById("diff-same")!.TextContent);
        Assert.Contains("没有编号为“hengyang-2031”的指南", unknown.Document.GetElementById("diff-error")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zhuhui-recommender")]
    [InlineData("zhiheng-admin")]
    [InlineData("expert-zhang")]
    [InlineData("sysadmin")]
    public async Task Only_the_bureau_compares_guides(string userName)
    {
        var other = await Browser.For(app).SignInAsync(userName);

        var page = await other.GetAsync("/Bureau/GuideDiff");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Account/Denied", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_refused()
    {
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        var posted = await officer.PostMultipartAsync("/Bureau/GuideDiff", [], [("file", "g.yaml", Edited(y => y))]);

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
    }
}
