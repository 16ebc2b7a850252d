using Shenbao.Domain.Applications;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Tests.Domain;

/// <summary>
/// One catalogue of facts, and what is derived from it: the engine's labels and word lists, the facts a form may
/// fill and how each is read, the profile's groups, and the checks of a guide's form definition.
/// </summary>
public sealed class FactCatalogTests
{
    private static readonly string Shipped = File.ReadAllText(Paths.Guide);

    [Fact]
    public void Only_application_facts_are_filled_in_on_the_form_and_only_applicant_facts_in_the_profile()
    {
        Assert.All(FactCatalog.Standard.Filled(FilledIn.Form), f => Assert.Equal(FactHolder.Application, f.Holder));
        Assert.All(FactCatalog.Standard.Filled(FilledIn.Profile), f => Assert.Equal(FactHolder.Applicant, f.Holder));
        // every fact a rule of the shipped guide reads is known to the catalogue, which the loader checks against it
        Assert.All(Requests.Guide.Categories.SelectMany(c => c.Rules).SelectMany(r => r.Reads), path => Assert.NotNull(FactCatalog.Standard.Find(path)));
    }

    [Fact]
    public void Every_profile_fact_has_a_group_on_the_profile_and_every_group_holds_a_fact()
    {
        var groups = FactCatalog.ProfileGroups.Select(g => g.Id).ToList();
        var profile = FactCatalog.Standard.Filled(FilledIn.Profile).ToList();

        Assert.All(profile, f => Assert.Contains(f.Group, groups));
        Assert.All(profile, f => Assert.Equal(FactHolder.Applicant, f.Holder));
        Assert.All(groups, g => Assert.Contains(profile, f => f.Group == g));
        Assert.Equal(groups, Shenbao.Web.Organisations.ProfileSections.All.Select(s => s.Id));
        Assert.Equal(["finance", "highTech"], Shenbao.Web.Organisations.ProfileSections.Holding(["applicant.highTech.validTo", "applicant.finance.revenue", "applicant.kind"], FactCatalog.Standard).Select(s => s.Id).Order());
    }

    [Fact]
    public void Choices_name_a_word_list_or_a_list_the_call_supplies()
    {
        foreach (var fact in FactCatalog.Standard.All.Where(f => f.Choices is not null))
            Assert.True(fact.Words is not null || fact.Choices!.StartsWith('@'), $"{fact.Path} names an unknown list {fact.Choices}");
        Assert.All(FactCatalog.Standard.All.Where(f => f.Type == FactType.Word), f => Assert.NotNull(f.Words));
    }

    [Fact]
    public void Paths_are_unique_and_who_holds_a_fact_follows_its_path()
    {
        Assert.Equal(FactCatalog.Standard.All.Count, FactCatalog.Standard.All.Select(f => f.Path).Distinct().Count());
        Assert.Equal(FactHolder.Applicant, FactCatalog.Standard.Get("applicant.employees").Holder);
        Assert.Equal(FactHolder.Application, FactCatalog.Standard.Get("application.contract.amount").Holder);
        Assert.Equal(FactHolder.Context, FactCatalog.Standard.Get("context.applicationsOnSamePlatform").Holder);
    }

    [Fact]
    public void A_form_field_that_names_only_its_fact_takes_label_type_and_choices_from_the_catalogue()
    {
        var yaml = Shipped.Replace("      - { path: application.leader.title, label: 职称, type: choice, options: titles, required: true }",
            "      - { path: application.leader.title, required: true }\n      - { path: application.contract.amount }", StringComparison.Ordinal);
        Assert.NotEqual(Shipped, yaml);

        var guide = Assert.IsType<GuideLoad.Loaded>(GuideLoader.Load(yaml, "g.yaml")).Guide;

        var fields = guide.FindCategory("major-project")!.Form.Single(s => s.Id == "leader").Fields;
        Assert.Equal(new FormField("application.leader.title", "项目负责人职称", FieldType.Choice, true, "titles", null), fields[1]);
        Assert.Equal(new FormField("application.contract.amount", "合同总金额", FieldType.Money, false, null, null), fields[2]);
    }

    [Theory]
    [InlineData("{ path: application.contract.amount, label: 合同总金额（元）, type: money, required: true }",
        "{ path: application.contract.amount, label: 合同总金额（元）, type: date, required: true }", "与事实“合同总金额”不符，应为 money")]
    [InlineData("{ path: application.leader.title, label: 职称, type: choice, options: titles, required: true }",
        "{ path: application.leader.title, label: 职称, type: choice, options: tiers, required: true }", "与事实“项目负责人职称”不符，应为 choice（options: titles）")]
    [InlineData("{ path: application.leader.title, label: 职称, type: choice, options: titles, required: true }",
        "{ path: applicant.employees, label: 职工, type: integer, required: true }", "路径须为申报书可填写的事实")]
    [InlineData("{ path: narrative.team, label: 主要成员（姓名、单位、职称、分工）, type: textarea, required: true, maxLength: 3000 }",
        "{ path: narrative.team, required: true }", "缺少“label”")]
    [InlineData("{ path: narrative.team, label: 主要成员（姓名、单位、职称、分工）, type: textarea, required: true, maxLength: 3000 }",
        "{ path: narrative.team, label: 主要成员, type: textarea, required: true, maxLength: 3000, column: total-budget }", "column“total-budget”无效")]
    public void A_form_field_that_does_not_fit_its_fact_names_file_and_line(string original, string broken, string fragment)
    {
        var at = Shipped.IndexOf(original, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{original}' is not in the shipped guide");
        var line = Shipped[..at].Count(c => c == '\n') + 1;

        var errors = Assert.IsType<GuideLoad.Invalid>(GuideLoader.Load(Shipped.Replace(original, broken, StringComparison.Ordinal), "g.yaml")).Errors;

        var error = Assert.Single(errors, e => e.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void A_whole_number_fact_refuses_a_fraction_on_the_form()
    {
        var category = Requests.Guide.FindCategory("achievement-transfer")!;

        var (_, _, errors) = FormFacts.Read(Requests.Guide, category, new Dictionary<string, string> { ["application.achievement.mainContributors.total"] = "5.5" }, [], null);

        Assert.Equal(("application.achievement.mainContributors.total", "应为整数"), (Assert.Single(errors).Path, errors[0].Message));
    }

    [Fact]
    public void The_word_lists_are_found_by_the_name_a_guide_gives_them()
    {
        Assert.Same(Vocabulary.Titles, Vocabulary.Lists["titles"]);
        Assert.Equal(Vocabulary.Lists.Keys.Append("@fields").Append("@platforms").ToHashSet(), FormPaths.ChoiceLists);
    }
}
