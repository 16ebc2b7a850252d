using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;
using Shenbao.Web.Guides;
using Shenbao.Web.Organisations;
using Shenbao.Web.Setup;

namespace Shenbao.Web.Pages.SelfCheck;

/// <summary>
/// 资格自测: a visitor answers the questions the organisation's profile would answer and sees, for every category of
/// the newest guide, the verdict of the rules that read only those facts. Nothing is stored.
/// </summary>
public sealed partial class IndexModel(GuideCatalog catalog, TimeProvider clock, Shenbao.Web.Operations.ShenbaoMetrics metrics) : PageModel
{
    /// <summary>The answers; years are not named here but counted back from the guide's year (LastYear = Year − 1).</summary>
    public sealed class InputModel : IValidatableObject
    {
        [Required(ErrorMessage = "请选择单位类型")] public string? Kind { get; set; }
        [Required(ErrorMessage = "请选择是否在衡阳市内注册或驻衡")] public bool? InHengyang { get; set; }
        public bool? HighTech { get; set; }
        public string? HighTechValidTo { get; set; }
        public bool? TechSmeSelfAssessed { get; set; }
        [NonNegative(WholeNumber = true)] public string? Employees { get; set; }
        [NonNegative] public string? Revenue { get; set; }
        [NonNegative] public string? Assets { get; set; }
        [NonNegative] public string? Output { get; set; }
        [NonNegative] public string? Tax { get; set; }
        [NonNegative] public string? TaxYearBefore { get; set; }
        [NonNegative] public string? TaxTwoYearsBefore { get; set; }
        [NonNegative] public string? Iur { get; set; }
        [NonNegative] public string? IurYearBefore { get; set; }
        [NonNegative] public string? IurTwoYearsBefore { get; set; }
        [NonNegative(WholeNumber = true)] public string? SubsidiesYearBefore { get; set; }
        [NonNegative(WholeNumber = true)] public string? SubsidiesTwoYearsBefore { get; set; }
        [NonNegative(WholeNumber = true)] public string? SubsidiesThreeYearsBefore { get; set; }
        public string? PlatformType { get; set; }
        public string? PlatformLevel { get; set; }
        public bool? IpDispute { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Kind is not null && !Vocabulary.OrganisationKinds.Contains(Kind)) yield return new("请从列表中选择单位类型", [nameof(Kind)]);
            if (HighTech == true && string.IsNullOrWhiteSpace(HighTechValidTo)) yield return new("请填写高新技术企业证书有效期", [nameof(HighTechValidTo)]);
            else if (HighTech == true && ValidTo is null) yield return new("请按“2027-11-30”的格式填写日期", [nameof(HighTechValidTo)]);
            if (!string.IsNullOrEmpty(PlatformType) && !Vocabulary.PlatformTypes.Contains(PlatformType)) yield return new("请从列表中选择平台类型", [nameof(PlatformType)]);
            if (!string.IsNullOrEmpty(PlatformLevel) && !Vocabulary.PlatformLevels.Contains(PlatformLevel)) yield return new("请从列表中选择平台级别", [nameof(PlatformLevel)]);
            if (string.IsNullOrEmpty(PlatformType) != string.IsNullOrEmpty(PlatformLevel))
                yield return string.IsNullOrEmpty(PlatformType) ? new("请同时选择平台类型", [nameof(PlatformType)]) : new("请同时选择平台级别", [nameof(PlatformLevel)]);
        }

        public DateOnly? ValidTo => DateOnly.TryParseExact(HighTechValidTo?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    /// <summary>One category's answer: the organisation rules' results, what is checked only when applying, and their verdict.</summary>
    public sealed record CategoryCheck(Category Category, Verdict Verdict, IReadOnlyList<RuleResult> Results, IReadOnlyList<GuideRule> AtApplication);

    [BindProperty] public InputModel Input { get; set; } = new();

    public Guide Guide => catalog.Default;

    /// <summary>The last complete fiscal year before the guide's year, from which every asked year counts back.</summary>
    public int LastYear => Guide.Year - 1;

    public IReadOnlyList<CategoryCheck>? Results { get; private set; }

    public void OnGet() { }

    public IActionResult OnPost()
    {
        if (!ModelState.IsValid) return Page();
        // the answers are the applicant's facts themselves: nobody is registered, nothing is stored
        var applicant = Applicant();
        var asOf = ChinaTime.DateOf(clock.GetUtcNow());
        Results = Guide.Categories.Select(category => Check(category, applicant, asOf)).ToList();
        metrics.Checked("self-check");
        return Page();
    }

    private static CategoryCheck Check(Category category, Applicant applicant, DateOnly asOf)
    {
        var verdict = Eligibility.Evaluate(category, new EligibilityRequest(asOf, applicant, new ApplicationFacts { Category = category.Id }, new CheckContext()));
        // Only the rules on the organisation's own facts: the others (field, leader, contract…) fail for want of an application.
        var results = category.Rules.Where(r => r.ReadsOnlyApplicant).SelectMany(r => verdict.Rules.Where(result => result.RuleId == r.Id)).ToList();
        return new(category, Verdict.From(category.Id, results), results, category.Rules.Where(r => !r.ReadsOnlyApplicant).ToList());
    }

    public static string Summary(Verdict verdict) => verdict switch
    {
        Verdict.Eligible => "可以申报",
        Verdict.Review => "需说明理由",
        { IsIncomplete: true } => $"信息不全（请补充：{string.Join("；", verdict.Rules.Where(r => r.Outcome == Outcome.Fail).Select(r => r.Message))}）",
        Verdict.Ineligible => $"暂不符合（{string.Join("；", verdict.Rules.Where(r => r.Outcome == Outcome.Fail).Select(r => r.Message))}）",
        _ => throw new System.Diagnostics.UnreachableException(),
    };
}
