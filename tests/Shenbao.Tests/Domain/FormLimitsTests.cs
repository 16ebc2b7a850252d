using Shenbao.Domain.Guides;

namespace Shenbao.Tests.Domain;

/// <summary>The lengths a guide allows: each field's (the guide's maxLength, or its type's), and the form's in all.</summary>
public sealed class FormLimitsTests
{
    private static readonly Category Iur = Requests.Guide.FindCategory("iur-cooperation")!;

    [Fact]
    public void A_value_at_its_limit_passes_one_over_is_refused_naming_the_field_and_the_figures()
    {
        var title = Iur.Form.SelectMany(s => s.Fields).Single(f => f.Path == "project.title");

        Assert.Equal(100, title.Limit);
        Assert.Empty(FormLimits.Check(Requests.Guide, Iur, new Dictionary<string, string> { ["project.title"] = new('题', 100) }));
        var error = Assert.Single(FormLimits.Check(Requests.Guide, Iur, new Dictionary<string, string> { ["project.title"] = new('题', 101) }));
        Assert.Equal(("project.title", "项目名称最多 100 字，现为 101 字，请删减"), (error.Path, error.Message));
    }

    [Fact]
    public void A_facts_field_without_a_maxlength_has_its_types_limit()
    {
        var leader = Iur.Form.SelectMany(s => s.Fields).Single(f => f.Path == "application.leader.name");

        Assert.Equal((null, 200), (leader.MaxLength, leader.Limit));
    }

    [Fact]
    public void The_form_in_all_is_held_to_the_guides_total()
    {
        var guide = Requests.Guide with { FormMaxLength = 1000 };
        var values = new Dictionary<string, string> { ["narrative.summary"] = new('述', 600), ["narrative.team"] = new('员', 401) };

        var error = Assert.Single(FormLimits.Check(guide, Iur, values));

        Assert.Equal(("", "申报书内容共 1001 字，超过本指南允许的 1000 字，请删减"), (error.Path, error.Message));
        Assert.Equal(30_000, Requests.Guide.FormMaxLength);   // as the shipped guide says
    }
}
