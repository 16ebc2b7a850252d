using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Tests.Web;

/// <summary>
/// Two facts added to the catalogue and to the guide file only: 研发人员数 in the profile's 职工与法人资格 group, and
/// 样机是否已完成 on 重点研发's form, each read by a new rule of the guide.
/// </summary>
public static class DeclaredFacts
{
    public static FactCatalog Catalog { get; } = FactCatalog.Standard.With(
        new FactDefinition("applicant.rdStaff", "研发人员数", FactType.WholeNumber, FilledIn.Profile, Group: "basics"),
        new FactDefinition("application.prototypeReady", "样机是否已完成", FactType.Flag, FilledIn.Form));

    private const string Field = "      - { path: application.field, label: 支持领域, type: text, options: \"@fields\", required: true, hint: 可从指南列举的领域中选择，其他领域须在提交时说明理由 }\n";

    private const string Rules = """
              - id: rd-staff
                name: 研发人员数
                clause: 二、支持对象
                kind: at-least
                fact: applicant.rdStaff
                minimum: 10
                pass: 研发人员 {value} 人，不少于 {minimum} 人
                fail: 研发人员 {value} 人，少于 {minimum} 人
                missing: 未填写研发人员数
              - id: prototype
                name: 样机完成情况
                clause: 二、支持对象
                kind: flag
                fact: application.prototypeReady
                expected: true
                pass: 样机已完成
                fail: 样机尚未完成
                missing: 未说明样机是否完成

        """;

    /// <summary>The shipped guide with a form field that names only its fact, and a rule on each new fact.</summary>
    public static string Guide()
    {
        var yaml = File.ReadAllText(Paths.Guide);
        Assert.Contains(Field, yaml, StringComparison.Ordinal);
        Assert.Single(yaml.Split('\n'), l => l == "      - id: keyrd-applicant");
        return yaml
            .Replace(Field, Field + "      - { path: application.prototypeReady, required: true }\n", StringComparison.Ordinal)
            .Replace("      - id: keyrd-applicant\n", Rules + "      - id: keyrd-applicant\n", StringComparison.Ordinal);
    }
}

public sealed class DeclaredFactDomainTests
{
    private static Guide Load() => Assert.IsType<GuideLoad.Loaded>(GuideLoader.Load(DeclaredFacts.Guide(), "declared.yaml", facts: DeclaredFacts.Catalog)).Guide;

    [Fact]
    public void Without_the_catalogue_the_guide_names_facts_that_do_not_exist()
    {
        var errors = Assert.IsType<GuideLoad.Invalid>(GuideLoader.Load(DeclaredFacts.Guide(), "declared.yaml")).Errors;

        Assert.Contains(errors, e => e.Message.Contains("读取的事实“applicant.rdStaff”未知", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("字段“application.prototypeReady”：路径须为申报书可填写的事实", StringComparison.Ordinal));
    }

    [Fact]
    public void The_form_field_takes_its_label_and_type_from_the_catalogue()
    {
        var field = Load().FindCategory("key-rd")!.Form.SelectMany(s => s.Fields).Single(f => f.Path == "application.prototypeReady");

        Assert.Equal(new FormField("application.prototypeReady", "样机是否已完成", FieldType.YesNo, true, null, null), field);
    }

    [Fact]
    public void The_check_api_s_reader_reads_declared_facts_and_the_rules_judge_them()
    {
        var guide = Load();
        var request = Requests.For("key-rd").Set("applicant.rdStaff", 9).Set("application.prototypeReady", true);

        var parsed = Assert.IsType<ReadResult.Parsed>(RequestReader.Read(request.ToJsonString(), guide, Requests.Today)).Request;
        var verdict = Eligibility.Evaluate(guide, parsed);

        Assert.Equal("研发人员 9 人，少于 10 人", verdict.Rules.Single(r => r.RuleId == "rd-staff").Message);
        Assert.Equal(Outcome.Pass, verdict.Rules.Single(r => r.RuleId == "prototype").Outcome);
        Assert.Equal(9m, (decimal)RequestWriter.Write(parsed)["applicant"]!["rdStaff"]!);
        var invalid = Assert.IsType<ReadResult.Invalid>(RequestReader.Read(request.Set("applicant.rdStaff", "很多").ToJsonString(), guide, Requests.Today));
        Assert.Equal("applicant.rdStaff", Assert.Single(invalid.Errors).Path);
    }

    [Fact]
    public void A_missing_declared_fact_says_what_is_missing()
    {
        var guide = Load();

        var verdict = Eligibility.Evaluate(guide, ((ReadResult.Parsed)RequestReader.Read(Requests.For("key-rd").ToJsonString(), guide, Requests.Today)).Request);

        Assert.Equal(("fail", "未填写研发人员数"), (CheckResponse.OutcomeWord(verdict.Rules.Single(r => r.RuleId == "rd-staff").Outcome), verdict.Rules.Single(r => r.RuleId == "rd-staff").Message));
    }

    [Theory]
    [InlineData("applicant.employees")]                      // the contract's own
    public void A_declared_fact_must_be_new_and_hold_one_value(string existing)
    {
        Assert.Throws<ArgumentException>(() => FactCatalog.Standard.With(new FactDefinition(existing, "职工", FactType.WholeNumber, FilledIn.Profile, Group: "basics")));
        Assert.Throws<ArgumentException>(() => FactCatalog.Standard.With(new FactDefinition("applicant.patents", "专利", FactType.Records, FilledIn.Profile, Group: "basics")));
        Assert.Throws<ArgumentException>(() => FactCatalog.Standard.With(new FactDefinition("applicant.patents", "专利", FactType.WholeNumber, FilledIn.Profile, Group: "nowhere")));
        Assert.Throws<ArgumentException>(() => FactCatalog.Standard.With(new FactDefinition("application.x", "x", FactType.Flag, FilledIn.Profile, Group: "basics")));
    }
}

/// <summary>The site run with the extended catalogue and the guide that uses it.</summary>
public sealed class DeclaredFactApp : ShenbaoApp
{
    private readonly string guides = Directory.CreateTempSubdirectory("shenbao-declared-guides-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        File.WriteAllText(Path.Combine(guides, "hengyang-2025.yaml"), DeclaredFacts.Guide());
        builder.UseSetting("Shenbao:GuidesPath", guides);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(DeclaredFacts.Catalog)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // the factory is disposed both ways (Dispose and DisposeAsync): the folder goes the first time
        if (disposing && Directory.Exists(guides)) Directory.Delete(guides, recursive: true);
    }
}

public sealed class DeclaredFactTests(DeclaredFactApp app) : IClassFixture<DeclaredFactApp>
{
    private const string RdStaff = "Input.Declared[applicant__rdStaff]";

    [Fact]
    public async Task The_profile_shows_the_new_fact_in_its_group_checks_it_by_type_and_stores_it_at_its_path()
    {
        var browser = await Browser.For(app).SignInAsync("hynu-admin");
        var page = await browser.GetAsync("/Organisation/Profile");
        var input = page.Document.QuerySelector("#basics [data-fact='applicant.rdStaff']");
        Assert.NotNull(input);
        Assert.Contains("研发人员数", input.TextContent, StringComparison.Ordinal);

        var refused = await browser.SubmitAsync(page, new Dictionary<string, string> { [RdStaff] = "十来个" }, "#profile");
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("研发人员数：应为整数", refused.Document.QuerySelector("#declared-applicant__rdStaff-error")!.TextContent.Trim());
        Assert.DoesNotContain("rdStaff", Profile(), StringComparison.Ordinal);

        var saved = await browser.SubmitAsync(await browser.GetAsync("/Organisation/Profile"), new Dictionary<string, string> { [RdStaff] = "12" }, "#profile");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(12m, (decimal)JsonNode.Parse(Profile())!["rdStaff"]!);
        Assert.Equal("12", (await browser.GetAsync("/Organisation/Profile")).Document.QuerySelector("#declared-applicant__rdStaff")!.GetAttribute("value"));

        // the finder's rule on the profile now reads it
        var finder = await browser.GetAsync("/Organisation/Finder");
        Assert.Contains("研发人员 12 人，不少于 10 人", finder.Document.QuerySelector("#category-key-rd")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_shows_the_new_fact_checks_it_and_the_live_check_judges_it()
    {
        var browser = await Browser.For(app).SignInAsync("hynu-admin");
        var created = await browser.SubmitAsync(await browser.GetAsync("/Applications/Create?category=key-rd"), new Dictionary<string, string> { ["Input.Category"] = "key-rd" });
        var id = int.Parse(created.Location!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var edit = await browser.GetAsync($"/Applications/Edit/{id}");
        Assert.NotNull(edit.Document.QuerySelector("#f-application-prototypeReady-yes"));
        Assert.Contains("样机是否已完成", edit.Text, StringComparison.Ordinal);
        Assert.Equal("fail", edit.Document.QuerySelector("#live-panel [data-rule=prototype]")!.GetAttribute("data-outcome"));

        await browser.SubmitAsync(edit, new Dictionary<string, string> { ["F[application__prototypeReady]"] = "maybe" }, "#application-form");
        var refused = await browser.GetAsync($"/Applications/Edit/{id}");
        Assert.Equal("请选择“是”或“否”", refused.Document.QuerySelector("#f-application-prototypeReady-error")!.TextContent.Trim());

        await browser.SubmitAsync(refused, new Dictionary<string, string> { ["F[application__prototypeReady]"] = "true" }, "#application-form");
        var judged = await browser.GetAsync($"/Applications/Edit/{id}");
        Assert.Equal("pass", judged.Document.QuerySelector("#live-panel [data-rule=prototype]")!.GetAttribute("data-outcome"));
        Assert.Null(judged.Document.QuerySelector("#f-application-prototypeReady-error"));
    }

    private string Profile()
    {
        using var db = app.Db();
        return db.Organisations.AsNoTracking().Single(o => o.Name == "衡阳师范学院").ProfileJson;
    }
}

public sealed class ProfileLabelTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    /// <summary>The profile's inputs that hold one fact as the catalogue words it take its label, and their messages use it.</summary>
    [Fact]
    public async Task The_profile_labels_its_facts_with_the_catalogue_s_words()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");
        var page = await browser.GetAsync("/Organisation/Profile");

        Assert.Equal(FactCatalog.Standard.Get("applicant.employees").Label, page.Document.QuerySelector("label[for='Input_Employees']")!.TextContent.Trim());
        var refused = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Input.Employees"] = "很多" }, "#profile");
        Assert.Equal($"{FactCatalog.Standard.Get("applicant.employees").Label}应为数字，如 21,000,000", refused.Document.QuerySelector("[data-valmsg-for='Input.Employees']")!.TextContent.Trim());
    }
}

public sealed class DeclaredFactCatalogTests
{
    [Theory]
    [InlineData("applicant.highTech")]               // would hold the contract's object
    [InlineData("applicant.employees.part")]         // would live inside the contract's number
    [InlineData("applicant.finance.rank")]           // would sit among the fiscal years
    [InlineData("applicant.platforms.count")]        // would sit inside the list of platforms
    [InlineData("applicant.rd__staff")]              // would read as another path in a form's input name
    [InlineData("applicant..staff")]
    public void A_declared_fact_needs_a_path_of_its_own(string path)
    {
        Assert.Throws<ArgumentException>(() => FactCatalog.Standard.With(new FactDefinition(path, "某项", FactType.Flag, FilledIn.Profile, Group: "basics")));
    }

    [Fact]
    public void A_whole_number_typed_with_a_point_is_kept_as_a_whole_number_and_one_beyond_range_is_refused()
    {
        var fact = DeclaredFacts.Catalog.Get("applicant.rdStaff");
        var errors = new List<InputError>();

        Assert.Equal("12", ((decimal)Shenbao.Domain.Applications.FormFacts.Parse(fact, "12.0", errors)!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(Shenbao.Domain.Applications.FormFacts.Parse(fact, "3000000000", errors));
        Assert.StartsWith("数值过大", Assert.Single(errors).Message, StringComparison.Ordinal);
    }
}
