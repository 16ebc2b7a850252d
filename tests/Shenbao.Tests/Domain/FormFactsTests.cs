using System.Text.Json;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Tests.Domain;

/// <summary>
/// The seam between a form and the engine: the form's text read once into typed facts, every malformed value named
/// at its field. A form holding the same facts as a JSON request gets the same verdict, to the letter.
/// </summary>
public sealed class FormFactsTests
{
    private static Category Category(string id) => Requests.Guide.FindCategory(id)!;

    private static Applicant Read(JsonObject request) => ((ReadResult.Parsed)Requests.Read(request)).Request.Applicant;

    private static ProfileRead Profile(JsonObject request) => new(Read(request), new Dictionary<string, object>(), []);

    /// <summary>The form a person would have typed for the application facts of a JSON request.</summary>
    private static Dictionary<string, string> FormOf(JsonObject request)
    {
        var values = new Dictionary<string, string>();
        foreach (var path in FormFacts.Paths)
        {
            JsonNode? node = request;
            foreach (var part in path.Split('.')) node = node?[part];
            if (node is null) continue;
            values[path] = node switch
            {
                JsonArray members => members.ToJsonString(),
                JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
                JsonValue v when v.TryGetValue<decimal>(out var d) => Money.Format(d),   // typed with separators, as people do
                _ => (string)node!,
            };
        }
        return values;
    }

    public static TheoryData<string> Categories() => new(Requests.Guide.Categories.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Categories))]
    public void A_form_with_the_facts_of_a_request_gets_the_verdict_of_that_request(string category)
    {
        var request = Requests.For(category).Set("context.applicationsOnSamePlatform", 1);
        // uploads have no order: the form's facts list their types sorted
        var attachments = request["application"]!["attachments"]?.AsArray().Select(a => (string)a!).Order(StringComparer.Ordinal).ToList() ?? [];
        if (attachments.Count > 0) request.Set("application.attachments", new JsonArray(attachments.Select(a => (JsonNode?)a).ToArray()));
        var expected = Requests.Evaluate(request);

        var judged = ApplicationDocument.Judge(Requests.Guide, Category(category), Profile(request), FormOf(request), attachments, 1, Requests.Today);

        Assert.Empty(judged.Errors);
        Assert.Equal(JsonSerializer.Serialize(CheckResponse.From(expected), CheckJson.Options), JsonSerializer.Serialize(CheckResponse.From(judged.Verdict), CheckJson.Options));
        Assert.Equal(RequestWriter.Write(((ReadResult.Parsed)Requests.Read(request)).Request).ToJsonString(), RequestWriter.Write(judged.Request).ToJsonString());
    }

    [Theory]
    [InlineData("application.contract.amount", "八十万", "应为数字")]
    [InlineData("application.contract.amount", "-1", "不能为负数（实际为 -1）")]
    [InlineData("application.contract.amount", "1,000,000,000,000,000.01", "数值过大（超过 1,000,000,000,000,000）")]
    [InlineData("application.contract.signedOn", "2024-02-30", "日期“2024-02-30”格式错误，应为 YYYY-MM-DD 的有效日期")]
    [InlineData("application.contract.type", "gift", "合同类型“gift”无效，应为：development（技术开发）、transfer（技术转让）、licensing（技术许可）、consulting（技术咨询）、service（技术服务）")]
    [InlineData("application.contract.registered", "yes", "请选择“是”或“否”")]
    [InlineData("application.leader.title", "professor", "职称“professor”无效")]
    public void A_malformed_value_is_named_at_its_field_and_every_other_rule_still_runs(string path, string text, string message)
    {
        var request = Requests.For("iur-cooperation");
        var form = FormOf(request);
        form[path] = text;

        var judged = ApplicationDocument.Judge(Requests.Guide, Category("iur-cooperation"), Profile(request), form, ["tech-contract"], 0, Requests.Today);

        var error = Assert.Single(judged.Errors);
        Assert.Equal(path, error.Path);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(judged.Verdict.Rules, r => r.RuleId == "hte" && r.Outcome == Outcome.Pass);
        // the group the field belongs to is still there: a rule on the field says the field is missing, not the whole contract
        Assert.DoesNotContain(judged.Verdict.Rules, r => r.Message.Contains("未提供技术合同", StringComparison.Ordinal));
    }

    [Fact]
    public void Amounts_are_read_as_people_type_them()
    {
        var request = Requests.For("iur-cooperation");
        var form = FormOf(request);
        form["application.contract.amount"] = " 800,000.00 ";
        form["application.contract.paid"] = "200，000";

        var (facts, _, errors) = FormFacts.Read(Requests.Guide, Category("iur-cooperation"), form, [], Read(request).Platforms);

        Assert.Empty(errors);
        Assert.Equal((800_000m, 200_000m), (facts.Contract!.Amount, facts.Contract.Paid));
    }

    [Theory]
    [InlineData("application.contract.effectiveOn", "2025-01-09", "合同生效日期（2025-01-09）早于签订日期（2025-01-10），请核对")]
    [InlineData("application.contract.endsOn", "2025-01-09", "合同执行结束日期（2025-01-09）早于签订日期（2025-01-10），请核对")]
    public void A_contract_date_before_the_signing_is_named_and_left_out(string path, string date, string message)
    {
        var request = Requests.For("iur-cooperation");
        var form = FormOf(request);
        form["application.contract.signedOn"] = "2025-01-10";
        form["application.contract.effectiveOn"] = "2025-01-10";
        form["application.contract.endsOn"] = "2026-01-10";
        form[path] = date;

        var (facts, _, errors) = FormFacts.Read(Requests.Guide, Category("iur-cooperation"), form, [], Read(request).Platforms);

        var error = Assert.Single(errors);
        Assert.Equal((path, message), (error.Path, error.Message));
        Assert.Null(path.EndsWith("effectiveOn", StringComparison.Ordinal) ? facts.Contract!.EffectiveOn : facts.Contract!.EndsOn);
        // the same day is no error
        form[path] = "2025-01-10";
        Assert.Empty(FormFacts.Read(Requests.Guide, Category("iur-cooperation"), form, [], Read(request).Platforms).Errors);
    }

    [Fact]
    public void Requested_funding_above_the_total_budget_is_named_beside_it()
    {
        var request = Requests.For("iur-cooperation");
        var form = FormOf(request);
        form["narrative.budget.total"] = "1,200,000";
        form["narrative.budget.requested"] = "1,200,000.01";

        var errors = FormFacts.Read(Requests.Guide, Category("iur-cooperation"), form, [], Read(request).Platforms).Errors;

        var error = Assert.Single(errors);
        Assert.Equal(("narrative.budget.requested", "申请市财政资助（1,200,000.01 元）不能大于项目总经费（1,200,000 元）"), (error.Path, error.Message));
        form["narrative.budget.requested"] = "1,200,000";
        Assert.Empty(FormFacts.Read(Requests.Guide, Category("iur-cooperation"), form, [], Read(request).Platforms).Errors);
    }

    [Fact]
    public void A_payment_above_the_contract_amount_is_named_and_left_out()
    {
        var request = Requests.For("iur-cooperation");
        var form = FormOf(request);
        form["application.contract.paid"] = "800,000.01";

        var (facts, _, errors) = FormFacts.Read(Requests.Guide, Category("iur-cooperation"), form, [], Read(request).Platforms);

        Assert.Equal(("application.contract.paid", "已支付金额（800,000.01 元）不能大于合同总金额（800,000 元）"), (Assert.Single(errors).Path, errors[0].Message));
        Assert.Null(facts.Contract!.Paid);
        Assert.Equal(800_000m, facts.Contract.Amount);
    }

    [Fact]
    public void A_platform_not_in_the_profile_is_named()
    {
        var request = Requests.For("basic-research");
        var form = FormOf(request);
        form["application.platformId"] = "p9";

        var (facts, _, errors) = FormFacts.Read(Requests.Guide, Category("basic-research"), form, [], Read(request).Platforms);

        Assert.Equal("application.platformId", Assert.Single(errors).Path);
        Assert.Null(facts.PlatformId);
    }

    [Fact]
    public void Consortium_members_with_an_unknown_kind_are_named_by_row()
    {
        var request = Requests.For("innovation-consortium");
        var form = FormOf(request);
        form["application.consortium.members"] = """[{"name":"南华大学","kind":"university"},{"name":"某协会","kind":"club"},{"name":"  "}]""";

        var (facts, _, errors) = FormFacts.Read(Requests.Guide, Category("innovation-consortium"), form, [], null);

        Assert.Equal("application.consortium.members.1.kind", Assert.Single(errors).Path);
        Assert.Equal([new ConsortiumMember("南华大学", "university"), new ConsortiumMember("某协会", null)], facts.Consortium!.Members);
    }

    [Fact]
    public void The_applications_own_text_and_fields_of_other_categories_are_not_facts()
    {
        var form = new Dictionary<string, string>
        {
            ["project.title"] = "标题",
            ["narrative.budget.total"] = "不是数字也无妨",
            ["application.contract.amount"] = "100",   // key-rd's form has no contract section: smuggled in, ignored
        };

        var (facts, _, errors) = FormFacts.Read(Requests.Guide, Category("key-rd"), form, [], null);

        Assert.Empty(errors);
        Assert.Null(facts.Contract);
        Assert.Equal("general", facts.Tier);
    }

    [Fact]
    public void Attachments_are_the_distinct_types_uploaded_in_order_and_none_is_no_list()
    {
        Assert.Equal(["invoice", "tech-contract"], FormFacts.Read(Requests.Guide, Category("iur-cooperation"), new Dictionary<string, string>(), ["tech-contract", "invoice", "tech-contract"], null).Facts.Attachments);
        Assert.Null(FormFacts.Read(Requests.Guide, Category("iur-cooperation"), new Dictionary<string, string>(), [], null).Facts.Attachments);
    }

    [Fact]
    public void Every_fact_a_form_may_fill_is_read_by_some_category_s_form_or_known_to_the_engine()
    {
        var formPaths = Requests.Guide.Categories.SelectMany(c => c.Form).SelectMany(s => s.Fields).Select(f => f.Path).ToHashSet();
        foreach (var path in FormFacts.Paths)
            Assert.True(formPaths.Contains(path) || Facts.All.ContainsKey(path), $"{path} is fillable but no form offers it and no rule reads it");
    }
}

/// <summary>The stored profile read as typed facts, and the request written back as the contract's JSON.</summary>
public sealed class ProfileAndWriterTests
{
    private static readonly Applicant Identity = new() { Name = "衡阳智衡计量科技有限公司", CreditCode = "91430408MA7B2C3D4Y", Kind = "enterprise", InHengyang = true };

    [Fact]
    public void A_malformed_stored_value_is_named_and_every_other_fact_kept()
    {
        using var profile = JsonDocument.Parse("""{"employees":"很多","finance":{"2024":{"revenue":21000000,"tax":-5}},"ipDispute":false}""");

        var (applicant, _, errors) = RequestReader.ReadProfile(profile.RootElement, Identity);

        Assert.Equal(["applicant.employees", "applicant.finance.2024.tax"], errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Null(applicant.Employees);
        Assert.Equal(21_000_000m, applicant.Finance![2024].Revenue);
        Assert.Equal((false, "enterprise", "91430408MA7B2C3D4Y", true), (applicant.IpDispute, applicant.Kind, applicant.CreditCode, applicant.InHengyang));
    }

    [Fact]
    public void Who_the_organisation_is_comes_from_its_registration_not_its_profile()
    {
        using var profile = JsonDocument.Parse("""{"kind":"university","creditCode":"x","inHengyang":false}""");

        var (applicant, _, errors) = RequestReader.ReadProfile(profile.RootElement, Identity);

        Assert.Empty(errors);
        Assert.Equal(("enterprise", "91430408MA7B2C3D4Y", true), (applicant.Kind, applicant.CreditCode, applicant.InHengyang));
    }

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Paths.Examples, "*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_request_written_out_reads_back_as_itself(string name)
    {
        if (RequestReader.Read(File.ReadAllText(Path.Combine(Paths.Examples, name)), Requests.Guide, Requests.Today) is not ReadResult.Parsed parsed)
        {
            Assert.StartsWith("input-error", name, StringComparison.Ordinal);   // only the example made to be invalid does not read
            return;
        }

        var written = RequestWriter.Write(parsed.Request);
        var again = Assert.IsType<ReadResult.Parsed>(RequestReader.Read(written.ToJsonString(), Requests.Guide, Requests.Today)).Request;

        Assert.Equal(written.ToJsonString(), RequestWriter.Write(again).ToJsonString());
        Assert.Equal(JsonSerializer.Serialize(CheckResponse.From(Eligibility.Evaluate(Requests.Guide, parsed.Request)), CheckJson.Options),
            JsonSerializer.Serialize(CheckResponse.From(Eligibility.Evaluate(Requests.Guide, again)), CheckJson.Options));
    }
}
