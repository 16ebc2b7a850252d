using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Audit;
using Shenbao.Tests.Domain;

namespace Shenbao.Tests.Web;

/// <summary>
/// The 科技型中小企业自评 page: the enterprise's administrator states the standard's facts, sees each condition, route
/// and indicator judged, and records the result, which the eligibility rule then reads; a 项目负责人 reads it; the
/// 推荐单位 of the district sees the result and the 入库登记编号 with its proof.
/// </summary>
public sealed class SelfAssessmentPageTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private const string Zhiheng = "衡阳智衡计量科技有限公司";
    private const string Page = "/Organisation/TechSme";

    private Organisation Stored()
    {
        using var db = app.Db();
        return db.Organisations.AsNoTracking().Single(o => o.Name == Zhiheng);
    }

    private List<TechSmeAssessment> Records()
    {
        using var db = app.Db();
        var id = Stored().Id;
        return db.TechSmeAssessments.AsNoTracking().Where(t => t.OrganisationId == id).OrderBy(t => t.Id).ToList();
    }

    /// <summary>The profile as if no self-assessment had ever been recorded (the tick box's claim, or nothing).</summary>
    private void ForgetSelfAssessment()
    {
        using var db = app.Db();
        var organisation = db.Organisations.Single(o => o.Name == Zhiheng);
        var profile = JsonNode.Parse(organisation.ProfileJson)!.AsObject();
        profile.Remove("techSme");
        organisation.ProfileJson = profile.ToJsonString();
        organisation.Version++;
        db.SaveChanges();
    }

    private static string Field(string key) => $"Input.Facts[{key}]";

    /// <summary>The demo company's facts as the demo states them, put back by a test that changed them (the fixture is shared).</summary>
    private async Task RestoreDemoFactsAsync()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var restored = await admin.SubmitAsync(await admin.GetAsync(Page), new Dictionary<string, string>
        {
            [Field("resident")] = "true", [Field("industry")] = "false", [Field("integrity")] = "false", [Field("employees")] = "186",
            [Field("revenue")] = "21,000,000", [Field("assets")] = "45,000,000", [Field("techStaff")] = "52", [Field("rdExpense")] = "1,260,000",
            [Field("costs")] = "17,800,000", [Field("class1")] = "2", [Field("class2")] = "5",
            [Field("national-award")] = "false", [Field("rd-institution")] = "true", [Field("standard")] = "false",
        }, "form#tech-sme");
        Assert.Equal(HttpStatusCode.Redirect, restored.Status);
    }

    private static string? ErrorBeside(Browser.Page page, string key) =>
        page.Document.QuerySelector($"#fact-{key}")?.ParentElement?.QuerySelector(".field-error")?.TextContent.Trim();

    private static async Task<string> RuleOutcomeAsync(Browser browser, string category, string rule) =>
        (await browser.GetAsync("/Organisation/Finder")).Document.QuerySelector($"#category-{category} [data-rule='{rule}']")?.GetAttribute("data-outcome")
        ?? throw new InvalidOperationException($"no rule {rule} in {category}");

    [Fact]
    public async Task The_administrator_sees_every_condition_route_and_indicator_with_its_figures()
    {
        var page = await (await Browser.For(app).SignInAsync("zhiheng-admin")).GetAsync(Page);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["resident", "size", "industry", "integrity"], page.Document.QuerySelectorAll("#result [data-condition]").Select(r => r.GetAttribute("data-condition")));
        Assert.Equal(["hte", "national-award", "rd-institution", "standard"], page.Document.QuerySelectorAll("#result [data-route]").Select(r => r.GetAttribute("data-route")));
        Assert.Equal(["staff", "rd", "ip"], page.Document.QuerySelectorAll("#result [data-indicator]").Select(r => r.GetAttribute("data-indicator")));
        var result = page.Document.QuerySelector("#result")!.TextContent;
        // the demo profile: 52 of 186 staff, 1,260,000 of 21,000,000 revenue (6%), two invention patents
        Assert.Contains("科技人员 52 人，占职工总数 186 人的28%，不低于25%、低于30%，得16分", result, StringComparison.Ordinal);
        Assert.Contains("研发费用总额 1,260,000 元，占2024年度销售收入 21,000,000 元的6%，不低于6%，得50分", result, StringComparison.Ordinal);
        Assert.Contains("拥有在有效期内的高新技术企业资格证书（有效期至 2027-11-30）", result, StringComparison.Ordinal);
        Assert.Equal("符合科技型中小企业标准（直接认定）", page.Document.QuerySelector("#result .conclusion")!.TextContent.Trim());
        Assert.Equal("96分", page.Document.QuerySelector("#result .total")!.TextContent.Trim());
        Assert.Equal("52", page.Document.QuerySelector($"[name='{Field("techStaff")}']")!.GetAttribute("value"));
        Assert.Equal("21,000,000", page.Document.QuerySelector($"[name='{Field("revenue")}']")!.GetAttribute("value"));
        Assert.Contains("2025年度", page.Document.QuerySelector("#history")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("button[formaction*='handler=Record']"));
    }

    [Fact]
    public async Task A_project_leader_reads_it_but_cannot_save_or_record()
    {
        var leader = await Browser.For(app).SignInAsync("zhiheng-leader");
        var page = await leader.GetAsync(Page);
        var before = (Stored().ProfileJson, Records().Count);

        var saved = await leader.SubmitAsync(page, new Dictionary<string, string> { [Field("techStaff")] = "1" }, "form#tech-sme");
        var recorded = await leader.SubmitAsync(page, new Dictionary<string, string>(), "form#tech-sme", handler: "Record");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("项目负责人可以查看", page.Text, StringComparison.Ordinal);
        Assert.True(page.Document.QuerySelector("form#tech-sme fieldset")!.HasAttribute("disabled"));
        Assert.Empty(page.Document.QuerySelectorAll("form#tech-sme button[type=submit]"));
        Assert.Contains("科技人员 52 人", page.Document.QuerySelector("#result")!.TextContent, StringComparison.Ordinal);
        foreach (var refused in new[] { saved, recorded })
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.Status);
            Assert.StartsWith("http://localhost/Account/Denied", refused.Location, StringComparison.Ordinal);
        }
        Assert.Equal(before, (Stored().ProfileJson, Records().Count));
    }

    [Theory]
    [InlineData("gaoxin-recommender")]
    [InlineData("bureau-officer")]
    [InlineData("expert-zhang")]
    [InlineData("sysadmin")]
    [InlineData("auditadmin")]
    public async Task No_one_outside_the_organisation_opens_it(string userName)
    {
        var page = await (await Browser.For(app).SignInAsync(userName)).GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Account/Denied", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in()
    {
        var page = await Browser.For(app).GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Account/Login", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_university_is_told_the_standard_is_for_enterprises_and_cannot_record()
    {
        var admin = await Browser.For(app).SignInAsync("hynu-admin");
        var page = await admin.GetAsync(Page);
        var token = Browser.Token(page);

        var posted = await admin.PostAsync($"{Page}?handler=Record", [new("__RequestVerificationToken", token), new("Input.Year", "2025")]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("科技型中小企业自评适用于企业", page.Document.QuerySelector("#not-enterprise")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("form#tech-sme"));
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.StartsWith("http://localhost/Account/Denied", posted.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recording_feeds_the_eligibility_rule_and_each_record_is_kept()
    {
        ForgetSelfAssessment();
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        Assert.Equal("fail", await RuleOutcomeAsync(admin, "major-project", "tech-sme-self-assessment"));
        var before = Records();

        var first = await admin.SubmitAsync(await admin.GetAsync(Page), new Dictionary<string, string>(), "form#tech-sme", handler: "Record");
        var second = await admin.SubmitAsync(await admin.GetAsync(Page), new Dictionary<string, string> { [Field("class1")] = "0", [Field("class2")] = "3" }, "form#tech-sme", handler: "Record");

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.Redirect, second.Status);
        var notice = (await admin.FollowAsync(second)).Document.QuerySelector(".alert-success")!.TextContent;
        Assert.Equal("已记录2025年度科技型中小企业自评：符合科技型中小企业标准（直接认定）", notice.Trim());
        Assert.Equal("pass", await RuleOutcomeAsync(admin, "major-project", "tech-sme-self-assessment"));
        var records = Records();
        Assert.Equal(before.Count + 2, records.Count);
        var (older, newer) = (records[^2], records[^1]);
        Assert.Equal((2025, true, "direct", 96), (older.Year, older.Qualified, older.Route, older.Total));
        Assert.Equal((2025, true, "direct", 84), (newer.Year, newer.Qualified, newer.Route, newer.Total));
        Assert.Equal("tech-sme-2017", newer.StandardId);
        Assert.Equal("李经理（衡阳智衡计量科技有限公司）", newer.AssessedByName);
        // what the record read is a tech-sme request: the IP counts as typed the second time
        Assert.Equal(3, JsonNode.Parse(newer.Facts)!["applicant"]!["ip"]!["class2"]!.GetValue<int>());
        Assert.Equal(18, JsonNode.Parse(newer.Result)!["score"]!["ip"]!.GetValue<int>());
        var techSme = JsonNode.Parse(Stored().ProfileJson)!["techSme"]!;
        Assert.True(techSme["selfAssessed"]!.GetValue<bool>());
        Assert.Equal(2025, techSme["year"]!.GetValue<int>());
        var history = (await admin.GetAsync(Page)).Document;
        Assert.True(history.QuerySelectorAll("#history tr.record").Length >= 2);
        Assert.Contains("Ⅰ类知识产权 0 项、Ⅱ类知识产权 3 项，Ⅱ类不少于3项，得18分", history.QuerySelector("#history tr.record-detail")!.TextContent, StringComparison.Ordinal);
        await RestoreDemoFactsAsync();
    }

    [Fact]
    public async Task Only_the_years_a_guide_asks_for_are_offered_so_no_record_displaces_the_one_the_rule_reads()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var page = await admin.GetAsync(Page + "?year=2026");
        var before = (Stored().ProfileJson, Records().Count);

        var refused = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Input.Year"] = "2026" }, "form#tech-sme", handler: "Record");

        // the 2025 guide alone is loaded: its year is the only assessment year, and it reads 2024's figures
        Assert.Equal(["2025"], page.Document.QuerySelectorAll("select#year option").Select(o => o.GetAttribute("value")));
        Assert.Equal("2025", page.Document.QuerySelector("input[name='Input.Year']")!.GetAttribute("value"));
        Assert.Contains("2025年度（读取2024年度数据）", page.Document.QuerySelector("select#year")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("评价年度应为 2025 之一，请重新选择", refused.Document.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, (Stored().ProfileJson, Records().Count));
        Assert.Equal("pass", await RuleOutcomeAsync(admin, "major-project", "tech-sme-self-assessment"));
    }

    [Fact]
    public async Task A_stored_figure_that_does_not_read_is_named_beside_its_field_not_a_server_error()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        using (var db = app.Db())
        {
            var organisation = db.Organisations.Single(o => o.Name == Zhiheng);
            var profile = JsonNode.Parse(organisation.ProfileJson)!.AsObject();
            profile["finance"]!["2024"]!["revenue"] = 0.0000000000000000001m;   // would overflow a ratio; no statement has it
            organisation.ProfileJson = profile.ToJsonString();
            organisation.Version++;
            db.SaveChanges();
        }
        try
        {
            var page = await admin.GetAsync(Page);
            var typed = await admin.SubmitAsync(page, new Dictionary<string, string> { [Field("revenue")] = "21,000,000.005" }, "form#tech-sme");

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.StartsWith("2024年度销售收入 最多保留两位小数", ErrorBeside(page, "revenue"), StringComparison.Ordinal);
            Assert.Null(page.Document.QuerySelector("#result"));
            Assert.Equal("2024年度销售收入最多保留两位小数（元、角、分）", ErrorBeside(typed, "revenue"));
        }
        finally
        {
            await RestoreDemoFactsAsync();
        }
    }

    [Fact]
    public async Task The_profile_form_keeps_the_standards_facts_it_does_not_show()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        await admin.SubmitAsync(await admin.GetAsync(Page), new Dictionary<string, string> { [Field("techStaff")] = "52", [Field("costs")] = "17,800,000", [Field("class1")] = "2" }, "form#tech-sme");

        var saved = await admin.SubmitAsync(await admin.GetAsync("/Organisation/Profile"), new Dictionary<string, string> { ["Input.Employees"] = "187" }, "form#profile");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var profile = JsonNode.Parse(Stored().ProfileJson)!;
        Assert.Equal((187, 52, 2), (profile["employees"]!.GetValue<int>(), profile["techStaff"]!.GetValue<int>(), profile["ip"]!["class1"]!.GetValue<int>()));
        Assert.Equal(17_800_000m, profile["finance"]!["2024"]!["costs"]!.GetValue<decimal>());
        Assert.True(profile["residentInChina"]!.GetValue<bool>());
        Assert.True(profile["techSme"]!["selfAssessed"]!.GetValue<bool>());
        await admin.SubmitAsync(await admin.GetAsync("/Organisation/Profile"), new Dictionary<string, string> { ["Input.Employees"] = "186" }, "form#profile");
    }

    [Fact]
    public async Task A_submitted_application_shows_the_record_in_force_when_it_was_submitted_not_a_later_one()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        using var db = app.Db();
        var submitted = db.Applications.AsNoTracking().Single(a => a.ReceiptNo != null && a.Organisation.Name == Zhiheng);
        var inForce = Records().Where(r => r.AssessedAt <= submitted.SubmittedAt).MaxBy(r => r.Id)!;

        await admin.SubmitAsync(await admin.GetAsync(Page), new Dictionary<string, string>(), "form#tech-sme", handler: "Record");
        var details = await admin.GetAsync($"/Applications/Details/{submitted.Id}");

        Assert.True(Records()[^1].AssessedAt > submitted.SubmittedAt);
        Assert.Contains(ChinaTimeText(inForce.AssessedAt), details.Document.QuerySelector("#tech-sme .self-assessment")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(ChinaTimeText(Records()[^1].AssessedAt), details.Document.QuerySelector("#tech-sme .self-assessment")!.TextContent, StringComparison.Ordinal);
    }

    private static string ChinaTimeText(DateTimeOffset at) => Shenbao.Domain.Eligibility.ChinaTime.Describe(at);

    [Fact]
    public async Task An_undecided_assessment_is_not_recorded_and_says_what_is_missing()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var before = (Stored().ProfileJson, Records().Count);

        var refused = await admin.SubmitAsync(await admin.GetAsync(Page), new Dictionary<string, string> { [Field("resident")] = "", [Field("techStaff")] = "" }, "form#tech-sme", handler: "Record");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        var missing = refused.Document.QuerySelectorAll(".not-recorded li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, missing.Count);
        Assert.StartsWith("未填写是否为在中国境内（不包括港、澳、台地区）注册的居民企业", missing[0], StringComparison.Ordinal);
        Assert.Equal("未填写科技人员数：科技人员指标不能计分", missing[1]);
        Assert.Equal("信息不全，尚不能判断", refused.Document.QuerySelector("#result .conclusion")!.TextContent.Trim());
        // what was typed is shown again, nothing is stored
        Assert.Equal("", refused.Document.QuerySelector($"[name='{Field("techStaff")}']")!.GetAttribute("value"));
        Assert.Equal(before, (Stored().ProfileJson, Records().Count));
    }

    [Fact]
    public async Task Saving_without_recording_keeps_the_facts_and_records_nothing()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var before = Records().Count;

        var saved = await admin.SubmitAsync(await admin.GetAsync(Page), new Dictionary<string, string> { [Field("costs")] = "18,000,000" }, "form#tech-sme");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Contains("已保存，尚未记录自评结论", (await admin.FollowAsync(saved)).Text, StringComparison.Ordinal);
        Assert.Equal(18_000_000m, JsonNode.Parse(Stored().ProfileJson)!["finance"]!["2024"]!["costs"]!.GetValue<decimal>());
        Assert.Equal(before, Records().Count);
        var row = AuditTrail.Rows(app).Last(r => r.Action == AuditAction.ProfileChange);
        Assert.Equal("科技型中小企业自评数据，修改：2024年度成本费用支出总额", row.Details);
        Assert.DoesNotContain("18,000,000", row.Details, StringComparison.Ordinal);
        await RestoreDemoFactsAsync();
    }

    [Fact]
    public async Task Invalid_values_are_explained_beside_their_fields_and_nothing_is_saved()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var page = await admin.GetAsync(Page);
        var before = (Stored().ProfileJson, Records().Count);

        var typed = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            [Field("techStaff")] = "-3", [Field("employees")] = "12.5", [Field("rdExpense")] = "很多", [Field("resident")] = "maybe",
            [Field("class1")] = "99999999999", ["Input.Number"] = "2025-4304", ["Input.NumberYear"] = "",
        }, "form#tech-sme", handler: "Record");
        var crossed = await admin.SubmitAsync(page, new Dictionary<string, string> { [Field("techStaff")] = "300" }, "form#tech-sme", handler: "Record");
        var year = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Input.Year"] = "2019" }, "form#tech-sme", handler: "Record");

        Assert.Equal(HttpStatusCode.OK, typed.Status);
        Assert.Equal("科技人员数不能为负数", ErrorBeside(typed, "techStaff"));
        Assert.Equal("职工总数应为整数", ErrorBeside(typed, "employees"));
        Assert.Equal("2024年度研发费用总额应为金额（元），如 21,000,000", ErrorBeside(typed, "rdExpense"));
        Assert.Equal("请选择“是”或“否”", ErrorBeside(typed, "resident"));
        Assert.Equal("Ⅰ类知识产权过大，请核对", ErrorBeside(typed, "class1"));
        Assert.Contains("入库登记编号只能由字母和数字组成", typed.Document.QuerySelector("[data-valmsg-for='Input.Number']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("请填写入库年度", typed.Document.QuerySelector("[data-valmsg-for='Input.NumberYear']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("-3", typed.Document.QuerySelector($"[name='{Field("techStaff")}']")!.GetAttribute("value"));
        Assert.Equal("科技人员 300 人多于职工总数 186 人", ErrorBeside(crossed, "techStaff"));
        Assert.Contains(("科技人员数不能为负数", "#fact-techStaff"), typed.Document.QuerySelectorAll("#error-summary li a").Select(a => (a.TextContent, a.GetAttribute("href"))));
        Assert.Contains("评价年度应为 2025 之一", year.Text, StringComparison.Ordinal);
        Assert.Equal(before, (Stored().ProfileJson, Records().Count));
    }

    [Fact]
    public async Task A_direct_route_declared_met_is_recorded_only_with_its_proof()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var page = await admin.GetAsync(Page);
        var before = Records().Count;
        var proof = FileKindsTests.Pdf("标准文本 " + Guid.NewGuid().ToString("N"));

        var refused = await admin.SubmitAsync(page, new Dictionary<string, string> { [Field("standard")] = "true" }, "form#tech-sme", handler: "Record");
        var recorded = await admin.SubmitAsync(page, new Dictionary<string, string> { [Field("standard")] = "true" }, "form#tech-sme", handler: "Record",
            files: [("Proof.standard", "GB-T 7724-2024 电子称重仪表（主导起草）.pdf", proof)]);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("已选择“是”，请上传证明材料（获奖证书、认定文件或标准文本）后再完成自评", ErrorBeside(refused, "standard"));
        Assert.Equal(before + 1, Records().Count);
        Assert.Equal(HttpStatusCode.Redirect, recorded.Status);
        using var db = app.Db();
        var stored = db.Attachments.AsNoTracking().Where(a => a.Purpose == "proof:techSme:standard").OrderBy(a => a.Id).Last();
        Assert.Equal(("GB-T 7724-2024 电子称重仪表（主导起草）.pdf", (long)proof.Length, (int?)null), (stored.FileName, stored.Size, stored.ApplicationId));
        var shown = await admin.GetAsync(Page);
        Assert.Contains(stored.FileName, shown.Document.QuerySelector("[data-proof='standard']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.Upload && r.Details!.Contains("proof:techSme:standard", StringComparison.Ordinal) && r.Details.Contains(stored.Sha256, StringComparison.Ordinal));
        await RestoreDemoFactsAsync();
    }

    [Fact]
    public async Task A_refused_proof_stores_nothing_and_asks_for_another_file()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var before = (Stored().ProfileJson, Records().Count);

        var refused = await admin.SubmitAsync(await admin.GetAsync(Page), new Dictionary<string, string> { [Field("techStaff")] = "60" }, "form#tech-sme", handler: "Record",
            files: [("Proof.national-award", "获奖证书.pdf", "MZ this is no pdf"u8.ToArray())]);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("“获奖证书.pdf”未上传", refused.Document.QuerySelector("[data-proof='national-award'] .upload-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("60", refused.Document.QuerySelector($"[name='{Field("techStaff")}']")!.GetAttribute("value"));
        Assert.Equal(before, (Stored().ProfileJson, Records().Count));
    }

    [Fact]
    public async Task A_stale_form_is_refused_and_nothing_is_saved()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var stale = await admin.GetAsync(Page);
        await admin.SubmitAsync(await admin.GetAsync(Page), new Dictionary<string, string> { [Field("techStaff")] = "53" }, "form#tech-sme");
        var before = (Stored().ProfileJson, Records().Count);

        var refused = await admin.SubmitAsync(stale, new Dictionary<string, string> { [Field("techStaff")] = "54" }, "form#tech-sme", handler: "Record");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("单位信息已被他人修改", refused.Text, StringComparison.Ordinal);
        Assert.Equal(before, (Stored().ProfileJson, Records().Count));
        await RestoreDemoFactsAsync();
    }

    [Fact]
    public async Task A_recorded_assessment_is_in_the_audit_trail_which_still_holds()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");

        await admin.SubmitAsync(await admin.GetAsync(Page), new Dictionary<string, string>(), "form#tech-sme", handler: "Record");

        var row = AuditTrail.Rows(app).Last(r => r.Action == AuditAction.SelfAssessment);
        Assert.Equal(("organisation", Stored().Id.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditOutcome.Success, "OrgAdmin"), (row.ObjectType, row.ObjectId, row.Outcome, row.Role));
        Assert.Equal("2025年度：符合科技型中小企业标准（直接认定）（tech-sme-2017 2017.1）", row.Details);
        Assert.IsType<ChainCheck.Holds>(AuditTrail.Verify(app));
    }

    [Fact]
    public async Task The_profile_form_cannot_claim_a_self_assessment()
    {
        ForgetSelfAssessment();
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var profile = await admin.GetAsync("/Organisation/Profile");

        var saved = await admin.SubmitAsync(profile, new Dictionary<string, string> { ["Input.TechSme.SelfAssessed"] = "true", ["Input.TechSme.Year"] = "2025" }, "form#profile");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Null(JsonNode.Parse(Stored().ProfileJson)!["techSme"]);
        Assert.Null(profile.Document.QuerySelector("[name^='Input.TechSme']"));
        Assert.Equal(Page, profile.Document.QuerySelector("#techSme .self-assessment a")!.GetAttribute("href"));
        // and the record puts it back
        await admin.SubmitAsync(await admin.GetAsync(Page), new Dictionary<string, string>(), "form#tech-sme", handler: "Record");
        Assert.Contains("2025年度自评：符合科技型中小企业标准", (await admin.GetAsync("/Organisation/Profile")).Document.QuerySelector("#techSme")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_finder_and_the_submitted_application_show_the_self_assessment()
    {
        var leader = await Browser.For(app).SignInAsync("zhiheng-leader");
        using var db = app.Db();
        var submitted = db.Applications.AsNoTracking().Single(a => a.ReceiptNo != null && a.Organisation.Name == Zhiheng);

        var finder = await leader.GetAsync("/Organisation/Finder");
        var details = await leader.GetAsync($"/Applications/Details/{submitted.Id}");

        Assert.Contains("2025年度自评：符合科技型中小企业标准", finder.Document.QuerySelector("#tech-sme")!.TextContent, StringComparison.Ordinal);
        var shown = details.Document.QuerySelector("#tech-sme")!.TextContent;
        Assert.Contains("自评为提交时已记录的，入库登记编号为当前的", shown, StringComparison.Ordinal);
        Assert.Contains("2025年度自评：符合科技型中小企业标准（直接认定）", shown, StringComparison.Ordinal);
        Assert.Contains("2025", details.Document.QuerySelector("#tech-sme .registration")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registration_number_and_its_proof_reach_the_districts_recommender_and_the_bureau_and_no_other_district()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var proof = FileKindsTests.Pdf("入库登记 " + Guid.NewGuid().ToString("N"));
        var saved = await admin.SubmitAsync(await admin.GetAsync(Page), new Dictionary<string, string> { ["Input.Number"] = "2025430408a0007788", ["Input.NumberYear"] = "2025" }, "form#tech-sme",
            files: [("Proof.registration", "入库登记证明（2025）.pdf", proof)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        using var db = app.Db();
        var organisation = Stored();
        var file = db.Attachments.AsNoTracking().Where(a => a.OrganisationId == organisation.Id && a.Purpose == "proof:techSme").OrderBy(a => a.Id).Last();
        // a submitted application's attachment: the district's 推荐单位 reviews it, another district's does not see it
        var applicationFile = db.Attachments.AsNoTracking().First(a => a.OrganisationId == organisation.Id && a.ApplicationId != null
            && db.Applications.Any(p => p.Id == a.ApplicationId && p.SubmittedAt != null));

        var recommender = await Browser.For(app).SignInAsync("gaoxin-recommender");
        var list = await recommender.GetAsync("/Recommender/Organisations");
        var download = await recommender.Client.GetAsync(new Uri($"/Files/{file.Id}", UriKind.Relative));
        var reviewed = await recommender.Client.GetAsync(new Uri($"/Files/{applicationFile.Id}", UriKind.Relative));
        var otherDistrict = await Browser.For(app).SignInAsync("zhuhui-recommender");
        var notTheirs = await otherDistrict.Client.GetAsync(new Uri($"/Files/{applicationFile.Id}", UriKind.Relative));
        var other = await otherDistrict.Client.GetAsync(new Uri($"/Files/{file.Id}", UriKind.Relative));
        var bureau = await (await Browser.For(app).SignInAsync("bureau-officer")).Client.GetAsync(new Uri($"/Files/{file.Id}", UriKind.Relative));

        Assert.Equal(("2025430408A0007788", (int?)2025), (organisation.TechSmeNumber, organisation.TechSmeNumberYear));
        var cell = list.Document.QuerySelector($"td.tech-sme[data-organisation='{organisation.Id}']")!.TextContent;
        Assert.Contains("2025年度自评：符合科技型中小企业标准", cell, StringComparison.Ordinal);
        Assert.Contains("入库登记编号 2025430408A0007788（2025年度）", cell, StringComparison.Ordinal);
        Assert.Contains("入库登记证明（2025）.pdf", cell, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(proof, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        // the bureau reviews the organisation's submitted application, and so its proofs (FormalReviewTests)
        Assert.Equal(HttpStatusCode.OK, bureau.StatusCode);
        var routeProof = db.Attachments.AsNoTracking().First(a => a.OrganisationId == organisation.Id && a.Purpose == "proof:techSme:rd-institution");
        Assert.Equal(HttpStatusCode.OK, (await recommender.Client.GetAsync(new Uri($"/Files/{routeProof.Id}", UriKind.Relative))).StatusCode);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.ProfileChange && r.Details == "科技型中小企业自评数据，修改：入库登记编号");
    }

    [Fact]
    public void A_record_is_assessed_again_by_the_command_to_the_same_result()
    {
        var record = Records().First();
        var file = Path.Combine(app.DataPath, $"record-{record.Id}.json");
        File.WriteAllText(file, record.Facts);

        var run = CliRunner.Invoke("tech-sme", file);

        Assert.Equal(0, run.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(record.Result), JsonNode.Parse(run.Output)), $"stored {record.Result}\nagain  {run.Output}");
    }
}
