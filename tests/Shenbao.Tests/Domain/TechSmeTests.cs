using System.Text.Json;
using Shenbao.Domain.TechSme;

namespace Shenbao.Tests.Domain;

/// <summary>The 科技型中小企业 standard from its data file: every band at its edges, each condition and route, missing facts, input errors.</summary>
public sealed class TechSmeTests
{
    private static readonly Standard Standard = StandardLoader.LoadValidFile(Paths.TechSmeStandard);

    /// <summary>A small enterprise that qualifies by score (staff 20, rd 40 on revenue, ip 18: 78); a test changes one thing.</summary>
    private static JsonObject Request() => JsonNode.Parse("""
        {
          "asOf": "2025-04-15", "year": 2025,
          "applicant": {
            "residentInChina": true, "restrictedIndustry": false, "integrityIncident": false,
            "employees": 120, "techStaff": 40,
            "finance": { "2024": { "revenue": 30000000, "assets": 50000000, "rdExpense": 1500000, "costs": 26000000 } },
            "ip": { "class1": 0, "class2": 3 },
            "highTech": { "certified": false },
            "nationalAwardTop3": false, "provincialRdInstitution": false, "ledStandard": false
          }
        }
        """)!.AsObject();

    private static JsonObject Applicant(JsonObject request) => request["applicant"]!.AsObject();

    private static JsonObject Figures(JsonObject request) => Applicant(request)["finance"]!["2024"]!.AsObject();

    private static TechSmeContract.Read Read(JsonObject request)
    {
        using var document = JsonDocument.Parse(request.ToJsonString());
        return TechSmeContract.ReadRequest(document.RootElement, Standard);
    }

    private static Assessment Assess(JsonObject request) =>
        Evaluation.Assess(Standard, Read(request).Facts ?? throw new InvalidOperationException(string.Join("; ", Read(request).Errors)));

    [Fact]
    public void The_base_request_qualifies_by_score_with_messages_that_name_the_figures_and_bands()
    {
        var result = Assess(Request());

        Assert.True(result.Qualified);
        Assert.Equal("score", result.Route);
        Assert.Equal(new Score(20, 40, "revenue", 18), result.Score);
        Assert.Equal(78, result.Score!.Total);
        Assert.Equal("科技人员 40 人，占职工总数 120 人的33.3%，不低于30%，得20分", result.Indicators.Single(i => i.Id == "staff").Message);
        Assert.Contains("研发费用总额 1,500,000 元，占2024年度销售收入 30,000,000 元的5%，不低于5%、低于6%，得40分", result.Indicators.Single(i => i.Id == "rd").Message, StringComparison.Ordinal);
        Assert.Contains("按销售收入口径得分较高", result.Indicators.Single(i => i.Id == "rd").Message, StringComparison.Ordinal);
        Assert.All(result.Conditions, c => Assert.Equal(Outcome.Pass, c.Outcome));
    }

    [Theory]
    // techStaff of 100 employees: each band's edge just met and just missed
    [InlineData(30, 20)] [InlineData(29, 16)] [InlineData(25, 16)] [InlineData(24, 12)] [InlineData(20, 12)] [InlineData(19, 8)]
    [InlineData(15, 8)] [InlineData(14, 4)] [InlineData(10, 4)] [InlineData(9, 0)] [InlineData(0, 0)]
    public void Staff_bands_at_their_edges(int techStaff, int points)
    {
        var request = Request();
        Applicant(request)["employees"] = 100;
        Applicant(request)["techStaff"] = techStaff;

        Assert.Equal(points, Assess(request).Score!.Staff);
    }

    [Theory]
    // rdExpense against revenue 10,000,000 (costs far larger, so the revenue basis decides): edges in yuan
    [InlineData("600000", 50)] [InlineData("599999.99", 40)] [InlineData("500000", 40)] [InlineData("499999.99", 30)] [InlineData("400000", 30)]
    [InlineData("399999.99", 20)] [InlineData("300000", 20)] [InlineData("299999.99", 10)] [InlineData("200000", 10)] [InlineData("199999.99", 0)]
    public void Rd_on_revenue_bands_at_their_edges(string rdExpense, int points)
    {
        var request = Request();
        Figures(request)["revenue"] = 10000000;
        Figures(request)["costs"] = 1000000000;
        Figures(request)["rdExpense"] = decimal.Parse(rdExpense, System.Globalization.CultureInfo.InvariantCulture);

        var score = Assess(request).Score!;

        Assert.Equal(points, score.Rd);
        Assert.Equal(points == 0 ? null : "revenue", score.RdBasis);
    }

    [Theory]
    // rdExpense against costs 1,000,000 (revenue far larger): edges
    [InlineData("300000", 50)] [InlineData("299999.99", 40)] [InlineData("250000", 40)] [InlineData("249999.99", 30)] [InlineData("200000", 30)]
    [InlineData("199999.99", 20)] [InlineData("150000", 20)] [InlineData("149999.99", 10)] [InlineData("100000", 10)] [InlineData("99999.99", 0)]
    public void Rd_on_costs_bands_at_their_edges(string rdExpense, int points)
    {
        var request = Request();
        Figures(request)["revenue"] = 190000000;
        Figures(request)["costs"] = 1000000;
        Figures(request)["rdExpense"] = decimal.Parse(rdExpense, System.Globalization.CultureInfo.InvariantCulture);

        var score = Assess(request).Score!;

        Assert.Equal(points, score.Rd);
        Assert.Equal(points == 0 ? null : "costs", score.RdBasis);
    }

    [Theory]
    [InlineData("3000000", "100000000", "26000000", 20, "revenue")]   // 3% of revenue: 20; 11.5% of costs: 10
    [InlineData("1500000", "200000000", "10000000", 20, "costs")]     // 0.75% of revenue: 0; 15% of costs: 20
    [InlineData("1500000", "200000000", null, 0, null)]               // one basis only, scoring 0 like the absent one
    [InlineData("1500000", "0", "0", 0, null)]                        // both denominators 0: each basis 0
    public void The_basis_that_scores_higher_is_taken_and_named_and_equal_bases_name_none(string rdExpense, string revenue, string? costs, int points, string? basis)
    {
        var request = Request();
        Figures(request)["rdExpense"] = decimal.Parse(rdExpense, System.Globalization.CultureInfo.InvariantCulture);
        Figures(request)["revenue"] = decimal.Parse(revenue, System.Globalization.CultureInfo.InvariantCulture);
        if (costs is null) Figures(request).Remove("costs"); else Figures(request)["costs"] = decimal.Parse(costs, System.Globalization.CultureInfo.InvariantCulture);

        var score = Assess(request).Score!;

        Assert.Equal((points, basis), (score.Rd, score.RdBasis));
    }

    [Theory]
    [InlineData(1, 0, 30)] [InlineData(0, 4, 24)] [InlineData(0, 3, 18)] [InlineData(0, 2, 12)] [InlineData(0, 1, 6)] [InlineData(0, 0, 0)] [InlineData(2, 9, 30)]
    public void Ip_bands(int class1, int class2, int points)
    {
        var request = Request();
        Applicant(request)["ip"] = new JsonObject { ["class1"] = class1, ["class2"] = class2 };

        Assert.Equal(points, Assess(request).Score!.Ip);
    }

    [Fact]
    public void An_ip_count_left_out_is_none_but_no_ip_at_all_leaves_the_score_unknown()
    {
        var request = Request();
        Applicant(request)["ip"] = new JsonObject { ["class2"] = 4 };
        var partial = Assess(request);
        Applicant(request).Remove("ip");
        var missing = Assess(request);

        Assert.Equal(24, partial.Score!.Ip);
        Assert.Null(missing.Score);
        Assert.False(missing.Qualified);
        Assert.Equal("未填写拥有的知识产权：科技成果指标不能计分", missing.Indicators.Single(i => i.Id == "ip").Message);
    }

    [Fact]
    public void The_pass_mark_is_met_at_sixty_and_the_staff_score_must_not_be_zero()
    {
        var request = Request();
        Applicant(request)["employees"] = 100;
        Figures(request)["rdExpense"] = 1800000;                        // 6% of 30,000,000: 50 (6.9% of costs: 0)
        (int Total, bool Qualified) With(int techStaff, JsonObject ip)
        {
            Applicant(request)["techStaff"] = techStaff;
            Applicant(request)["ip"] = ip;
            var result = Assess(request);
            return (result.Score!.Total, result.Qualified);
        }

        Assert.Equal((60, true), With(10, new JsonObject { ["class2"] = 1 }));    // 4 + 50 + 6: just met
        Assert.Equal((58, false), With(15, new JsonObject { ["class2"] = 0 }));   // 8 + 50 + 0: the nearest total below
        Assert.Equal((80, false), With(9, new JsonObject { ["class1"] = 1 }));    // 0 + 50 + 30: staff scores nothing
    }

    [Theory]
    [InlineData("employees", 500, true)] [InlineData("employees", 501, false)]
    public void The_size_condition_includes_its_limits(string fact, int value, bool passes)
    {
        var request = Request();
        Applicant(request)[fact] = value;
        Applicant(request)["techStaff"] = 200;

        Assert.Equal(passes ? Outcome.Pass : Outcome.Fail, Assess(request).Conditions.Single(c => c.Id == "size").Outcome);
    }

    [Theory]
    [InlineData("revenue", "200000000", true)] [InlineData("revenue", "200000000.01", false)]
    [InlineData("assets", "200000000", true)] [InlineData("assets", "200000000.01", false)]
    public void The_size_limits_on_money_include_the_limit(string fact, string value, bool passes)
    {
        var request = Request();
        Figures(request)[fact] = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        var size = Assess(request).Conditions.Single(c => c.Id == "size");

        Assert.Equal(passes ? Outcome.Pass : Outcome.Fail, size.Outcome);
        Assert.Contains("200,000,000 元", size.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("residentInChina", false)] [InlineData("restrictedIndustry", true)] [InlineData("integrityIncident", true)]
    public void A_declaration_that_breaks_a_condition_fails_it_and_so_the_assessment(string fact, bool value)
    {
        var request = Request();
        Applicant(request)[fact] = value;

        var result = Assess(request);

        Assert.False(result.Qualified);
        Assert.Null(result.Route);
        Assert.Single(result.Conditions, c => c.Outcome == Outcome.Fail);
        Assert.NotNull(result.Score);   // still computed
    }

    [Theory]
    [InlineData("residentInChina", "resident")] [InlineData("restrictedIndustry", "industry")] [InlineData("integrityIncident", "integrity")] [InlineData("employees", "size")]
    public void A_missing_fact_fails_its_condition_saying_what_is_missing_never_reading_as_false_or_zero(string fact, string condition)
    {
        var request = Request();
        Applicant(request).Remove(fact);

        var result = Assess(request).Conditions.Single(c => c.Id == condition);

        Assert.Equal(Outcome.Fail, result.Outcome);
        Assert.StartsWith("未填写", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_fact_to_score_leaves_the_score_unknown_not_zero()
    {
        foreach (var remove in new Action<JsonObject>[] { r => Applicant(r).Remove("techStaff"), r => Figures(r).Remove("rdExpense"), r => { Figures(r).Remove("revenue"); Figures(r).Remove("costs"); } })
        {
            var request = Request();
            remove(request);
            var result = Assess(request);
            Assert.Null(result.Score);
            Assert.False(result.Qualified);
        }
    }

    [Theory]
    [InlineData("2025-04-15", true)] [InlineData("2025-04-14", false)]
    public void A_high_tech_certificate_valid_on_the_day_is_a_direct_route(string validTo, bool direct)
    {
        var request = Request();
        Applicant(request)["highTech"] = new JsonObject { ["certified"] = true, ["validTo"] = validTo };
        Applicant(request)["techStaff"] = 0;   // no score route

        var result = Assess(request);

        Assert.Equal(direct, result.Qualified);
        Assert.Equal(direct ? "direct" : null, result.Route);
    }

    [Theory]
    [InlineData("nationalAwardTop3")] [InlineData("provincialRdInstitution")] [InlineData("ledStandard")]
    public void Each_declared_direct_route_qualifies_with_conditions_one_to_four(string fact)
    {
        var request = Request();
        Applicant(request)[fact] = true;
        Applicant(request)["techStaff"] = 0;

        var result = Assess(request);

        Assert.Equal(("direct", true), (result.Route, result.Qualified));
        Applicant(request)["integrityIncident"] = true;
        Assert.False(Assess(request).Qualified);   // a direct route needs conditions 1–4 too
    }

    [Fact]
    public void Stated_facts_that_decide_the_outcome_can_be_recorded_and_missing_ones_are_named()
    {
        Assert.True(Assess(Request()).Decided);   // qualified by score

        var notMet = Request();
        Applicant(notMet)["integrityIncident"] = true;
        Applicant(notMet).Remove("techStaff");
        Assert.True(Assess(notMet).Decided);   // a stated condition not met decides, whatever is missing

        var lowScore = Request();
        Applicant(lowScore)["techStaff"] = 0;
        Assert.True(Assess(lowScore).Decided);   // every route stated and not met, the score computed and too low

        var unknownRoute = Request();
        Applicant(unknownRoute)["techStaff"] = 0;
        Applicant(unknownRoute).Remove("ledStandard");
        var undecided = Assess(unknownRoute);
        Assert.False(undecided.Decided);   // the route left out could still qualify
        Assert.Equal(["未填写是否近五年内主导制定过国际标准、国家标准或行业标准"], undecided.Missing);

        var unknownCondition = Request();
        Applicant(unknownCondition).Remove("residentInChina");
        Figures(unknownCondition).Remove("rdExpense");
        var missing = Assess(unknownCondition);
        Assert.False(missing.Decided);
        Assert.Equal(2, missing.Missing.Count);
        Assert.StartsWith("未填写是否为在中国境内", missing.Missing[0], StringComparison.Ordinal);
        Assert.Equal("未填写研发费用总额：研发投入指标不能计分", missing.Missing[1]);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_request_written_from_the_facts_read_reads_back_to_the_same_facts(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Paths.TechSmeExamples, file)));
        var facts = TechSmeContract.ReadRequest(document.RootElement, Standard).Facts;
        Assert.NotNull(facts);

        var written = TechSmeContract.Request(facts, Standard);

        Assert.Equal(facts, Read(written).Facts);
    }

    public static TheoryData<string> Examples() => [.. Directory.GetFiles(Paths.TechSmeExamples, "*.json").Select(Path.GetFileName).OfType<string>()
        .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("0.001", "最多保留两位小数")]
    [InlineData("1e-20", "最多保留两位小数")]
    [InlineData("1000000000000000.01", "过大")]
    public void An_amount_finer_than_a_fen_or_beyond_any_statement_is_an_input_error_not_an_overflow(string revenue, string message)
    {
        var request = JsonNode.Parse(Request().ToJsonString().Replace("\"revenue\":30000000", $"\"revenue\":{revenue}", StringComparison.Ordinal))!.AsObject();

        var read = Read(request);

        Assert.Null(read.Facts);
        var error = Assert.Single(read.Errors);
        Assert.Equal("applicant.finance.2024.revenue", error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_smallest_stated_revenue_still_gives_a_ratio()
    {
        var request = Request();
        Figures(request)["revenue"] = 0.01m;
        Figures(request)["rdExpense"] = Shenbao.Domain.Requests.Money.Largest;

        Assert.Equal(50, Assess(request).Score!.Rd);
    }

    [Fact]
    public void The_full_score_is_the_top_of_each_table() => Assert.Equal(100, Standard.MaxTotal);

    [Fact]
    public void Every_input_error_is_reported_at_once_with_its_path()
    {
        var request = Request();
        request["asOf"] = "2025-4-15";
        Applicant(request)["techStaff"] = "forty";
        Figures(request)["revenue"] = -1;
        Applicant(request)["residentInChina"] = "yes";
        Applicant(request)["ip"] = new JsonObject { ["class1"] = -2 };

        var errors = Read(request).Errors.Select(e => e.Path).ToList();

        Assert.Equal(["applicant.finance.2024.revenue", "applicant.ip.class1", "applicant.residentInChina", "applicant.techStaff", "asOf"], errors.Order(StringComparer.Ordinal));
        var more = Request();
        Applicant(more)["techStaff"] = 121;
        Assert.Equal("applicant.techStaff", Assert.Single(Read(more).Errors).Path);
    }

    [Theory]
    [InlineData("staff:\n  bands: [ { from: 0.30, points: 20 }, { from: 0.30, points: 16 } ]", "从高到低")]
    [InlineData("staff:\n  bands: [ { from: 0.30, points: 20 }, { from: 0.10, points: 4 } ]", "最后一档应从 0 开始")]
    [InlineData("staff:\n  bands: [ { from: 0.30, points: 20 }, { from: 0, points: 0, bonus: 1 } ]", "未知的键“bonus”")]
    public void A_broken_standard_file_is_refused_with_the_line_of_each_error(string staff, string message)
    {
        var yaml = File.ReadAllText(Paths.TechSmeStandard);
        var start = yaml.IndexOf("staff:", StringComparison.Ordinal);
        var end = yaml.IndexOf("rd:", start, StringComparison.Ordinal);
        var broken = yaml[..start] + staff + "\n" + yaml[end..];

        var result = Assert.IsType<StandardLoader.Result.Invalid>(StandardLoader.Load(broken, "broken.yaml"));

        var error = Assert.Single(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(broken[..start].Count(c => c == '\n') + 2, error.Line);
    }
}
