using Shenbao.Domain.Requests;

namespace Shenbao.Tests.Domain;

/// <summary>Malformed input is not a verdict: every error, each with the JSON path of the field to fix.</summary>
public sealed class RequestReaderTests
{
    [Theory]
    [InlineData("applicant=null", "applicant", "缺少必填项")]
    [InlineData("application=null", "application", "缺少必填项")]
    [InlineData("application.category=null", "application.category", "缺少必填项")]
    [InlineData("applicant.kind=null", "applicant.kind", "缺少必填项")]
    [InlineData("applicant.creditCode=null", "applicant.creditCode", "缺少必填项")]
    [InlineData("applicant.creditCode=\"91430408MA7B2C3D4A\"", "applicant.creditCode", "校验位错误")]
    [InlineData("applicant.creditCode=\"9143\"", "applicant.creditCode", "应为18位")]
    [InlineData("applicant.kind=\"company\"", "applicant.kind", "单位类型“company”无效")]
    [InlineData("application.category=\"talent\"", "application.category", "类别“talent”不存在")]
    [InlineData("application.leader.title=\"professor\"", "application.leader.title", "职称“professor”无效")]
    [InlineData("application.tier=\"major\"", "application.tier", "项目类别“major”无效")]
    [InlineData("application.contract.counterpartyKind=\"college\"", "application.contract.counterpartyKind", "单位类型“college”无效")]
    [InlineData("application.contract.type=\"sale\"", "application.contract.type", "合同类型“sale”无效")]
    [InlineData("applicant.platforms=[{\"id\":\"lab\",\"type\":\"lab\"}]", "applicant.platforms.0.type", "平台类型“lab”无效")]
    [InlineData("applicant.platforms=[{\"id\":\"lab\",\"level\":\"city\"}]", "applicant.platforms.0.level", "平台级别“city”无效")]
    [InlineData("application.attachments=[\"invoice\",\"photo\"]", "application.attachments.1", "附件类型“photo”无效")]
    [InlineData("asOf=\"2025-02-30\"", "asOf", "格式错误")]
    [InlineData("asOf=\"20250520\"", "asOf", "格式错误")]
    [InlineData("applicant.highTech.validTo=\"2027/11/30\"", "applicant.highTech.validTo", "格式错误")]
    [InlineData("application.contract.signedOn=20240301", "application.contract.signedOn", "日期文本")]
    [InlineData("applicant.finance.2024.revenue=-1", "applicant.finance.2024.revenue", "不能为负数")]
    [InlineData("applicant.finance.2024.revenue=\"15000000\"", "applicant.finance.2024.revenue", "应为数字")]
    [InlineData("applicant.iurSpending.2023=-0.01", "applicant.iurSpending.2023", "不能为负数")]
    [InlineData("applicant.employees=-3", "applicant.employees", "不能为负数")]
    [InlineData("applicant.iurSpending.2023=1000000000000000.01", "applicant.iurSpending.2023", "数值过大（超过 1,000,000,000,000,000）")]
    [InlineData("applicant.finance.2024.revenue=79228162514264337593543950335", "applicant.finance.2024.revenue", "数值过大")]
    [InlineData("application.contract.amount=-5", "application.contract.amount", "不能为负数")]
    [InlineData("application.contract.paid=800000.01", "application.contract.paid", "不能大于合同总金额")]
    [InlineData("application.achievement.mainContributors={\"academic\":7,\"total\":6}", "application.achievement.mainContributors.academic", "不能大于主要完成人总数")]
    [InlineData("application.platformId=\"elsewhere\"", "application.platformId", "平台“elsewhere”不在申报单位的科研平台和学科中")]
    [InlineData("applicant.finance={\"last\":{\"revenue\":1}}", "applicant.finance.last", "不是年份")]
    [InlineData("applicant.inHengyang=\"yes\"", "applicant.inHengyang", "应为 true 或 false")]
    [InlineData("context.applicationsOnSamePlatform=1.5", "context.applicationsOnSamePlatform", "应为非负整数")]
    [InlineData("applicant.majorProjectSubsidies={\"year\":2022}", "applicant.majorProjectSubsidies", "应为数组")]
    [InlineData("applicant.majorProjectSubsidies=[2022]", "applicant.majorProjectSubsidies.0", "应为对象")]
    public void An_input_error_names_its_path(string change, string path, string fragment)
    {
        var request = Requests.For(change.StartsWith("application.contract", StringComparison.Ordinal) || change.StartsWith("application.achievement", StringComparison.Ordinal)
            ? "achievement-transfer"
            : change.Contains("platform", StringComparison.OrdinalIgnoreCase) ? "basic-research" : "iur-cooperation");
        var equals = change.IndexOf('=', StringComparison.Ordinal);
        request.Set(change[..equals], JsonNode.Parse(change[(equals + 1)..]));

        var error = Assert.Single(Requests.Errors(request));

        Assert.Equal(path, error.Path);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_figure_is_read_and_three_years_of_it_sum_without_overflow()
    {
        var request = Requests.For("achievement-transfer");
        foreach (var year in new[] { "2022", "2023", "2024" }) request.Set($"applicant.iurSpending.{year}", 1_000_000_000_000_000m);

        Assert.Empty(Requests.Errors(request));
        Assert.NotEmpty(Requests.Evaluate(request).Rules);
    }

    [Fact]
    public void A_byte_order_mark_before_the_json_is_ignored_and_a_name_given_twice_is_refused()
    {
        var json = Requests.For("key-rd").ToJsonString();

        Assert.IsType<ReadResult.Parsed>(RequestReader.Read(new ReadOnlyMemory<byte>([.. "\uFEFF"u8, .. System.Text.Encoding.UTF8.GetBytes(json)]), Requests.Guide, Requests.Today));
        var twice = Assert.IsType<ReadResult.Invalid>(RequestReader.Read(json[..^1] + ",\"asOf\":\"2025-05-21\"}", Requests.Guide, Requests.Today));
        Assert.Contains("重复的字段名", Assert.Single(twice.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_is_reported_not_just_the_first()
    {
        var request = Requests.For("achievement-transfer")
            .Set("asOf", "2025-13-01")
            .Set("applicant.creditCode", "91430408MA7B2C3D4A")
            .Set("applicant.finance.2024.revenue", -1)
            .Set("application.contract.paid", 900000)
            .Set("application.achievement.mainContributors.academic", 9);

        var paths = Requests.Errors(request).Select(e => e.Path).ToList();

        Assert.Equal(
            ["asOf", "applicant.creditCode", "applicant.finance.2024.revenue", "application.contract.paid", "application.achievement.mainContributors.academic"],
            paths);
    }

    [Fact]
    public void Invalid_json_gives_line_and_column_with_an_empty_path()
    {
        var result = RequestReader.Read("{\n  \"asOf\": \"2025-05-20\",\n  \"applicant\": { ,\n}", Requests.Guide, Requests.Today);

        var error = Assert.Single(Assert.IsType<ReadResult.Invalid>(result).Errors);
        Assert.Equal("", error.Path);
        Assert.Contains("第3行", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public void A_request_that_is_not_an_object_is_an_error(string json) =>
        Assert.Contains("JSON 对象", Assert.Single(Assert.IsType<ReadResult.Invalid>(RequestReader.Read(json, Requests.Guide, Requests.Today)).Errors).Message, StringComparison.Ordinal);

    [Fact]
    public void Absent_asOf_means_today_and_the_only_defaults_are_the_contracts()
    {
        var request = Requests.For("innovation-consortium").Set("asOf", null).Set("application.tier", null);

        var parsed = Assert.IsType<ReadResult.Parsed>(Requests.Read(request)).Request;

        Assert.Equal(Requests.Today, parsed.AsOf);
        Assert.Equal("general", parsed.Application.Tier);
        Assert.True(parsed.Applicant.IndependentLegalPerson);
        Assert.Equal(0, parsed.Context.ApplicationsOnSamePlatform);
        Assert.Null(parsed.Application.Contract);
    }

    [Fact]
    public void Json_null_counts_as_absent()
    {
        var request = Requests.For("major-project").Set("applicant.ipDispute", null);
        request.At("applicant")["highTech"] = null;

        var parsed = Assert.IsType<ReadResult.Parsed>(Requests.Read(request)).Request;

        Assert.Null(parsed.Applicant.HighTech);
        Assert.Null(parsed.Applicant.IpDispute);
    }
}
