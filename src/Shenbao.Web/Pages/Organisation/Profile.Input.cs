using System.ComponentModel.DataAnnotations;
using Shenbao.Domain.Requests;
using Shenbao.Web.Organisations;

namespace Shenbao.Web.Pages.Organisation;

/// <summary>The profile form: every fact of the request's "applicant" that the organisation itself declares.</summary>
public sealed partial class ProfileModel
{
    public sealed class InputModel : IValidatableObject
    {
        /// <summary>The organisation's version when the form was rendered: a save on an older version is refused.</summary>
        public int Version { get; set; }

        [NumberText(WholeNumber = true)]
        [FactLabel("applicant.employees")]
        public string? Employees { get; set; }

        [Display(Name = "具有独立法人资格（分支机构不勾选）")]
        public bool IndependentLegalPerson { get; set; } = true;

        public HighTechInput HighTech { get; set; } = new();
        public List<FinanceYearInput> Finance { get; set; } = [];
        public List<YearAmountInput> IurSpending { get; set; } = [];

        [YearText(List = true)]
        [Display(Name = "获得补助的年份")]
        public string? SubsidyYears { get; set; }

        [Display(Name = "未获得过科技重大专项补助")]
        public bool NoSubsidies { get; set; }

        public List<PlatformInput> Platforms { get; set; } = [];

        /// <summary>Facts the catalogue declares beyond the contract's, by <see cref="DeclaredKey"/>, as typed.</summary>
        public Dictionary<string, string?> Declared { get; set; } = [];

        [RegularExpression("^(true|false)?$", ErrorMessage = "请选择是否存在知识产权纠纷")]
        [FactLabel("applicant.ipDispute")]
        public string? IpDispute { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (NoSubsidies && !string.IsNullOrWhiteSpace(SubsidyYears))
                yield return new("已勾选“未获得过科技重大专项补助”，请清空年份或取消勾选", [nameof(SubsidyYears)]);
        }
    }

    public sealed class HighTechInput : IValidatableObject
    {
        [Display(Name = "已认定为高新技术企业")]
        public bool Certified { get; set; }

        [StringLength(50, ErrorMessage = "证书编号不能超过50个字符")]
        [Display(Name = "证书编号")]
        public string? CertificateNo { get; set; }

        [DateText]
        [Display(Name = "证书有效期至")]
        public string? ValidTo { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Certified && string.IsNullOrWhiteSpace(CertificateNo)) yield return new("已认定为高新技术企业的，请填写证书编号", [nameof(CertificateNo)]);
            if (Certified && string.IsNullOrWhiteSpace(ValidTo)) yield return new("已认定为高新技术企业的，请填写证书有效期", [nameof(ValidTo)]);
        }
    }

    public sealed class FinanceYearInput
    {
        [Range(1000, 9999, ErrorMessage = "年度无效")]
        public int Year { get; set; }

        [NumberText, FactLabel("applicant.finance.output")] public string? Output { get; set; }
        [NumberText, FactLabel("applicant.finance.revenue")] public string? Revenue { get; set; }
        [NumberText, FactLabel("applicant.finance.tax")] public string? Tax { get; set; }
        [NumberText, FactLabel("applicant.finance.assets")] public string? Assets { get; set; }
    }

    public sealed class YearAmountInput
    {
        [Range(1000, 9999, ErrorMessage = "年度无效")]
        public int Year { get; set; }

        [NumberText, FactLabel("applicant.iurSpending")] public string? Amount { get; set; }
    }

    public sealed class PlatformInput : IValidatableObject
    {
        /// <summary>Empty for a new platform; applications refer to an existing one by this id.</summary>
        public string? Id { get; set; }

        [StringLength(200, ErrorMessage = "名称不能超过200个字符")]
        [Display(Name = "名称")]
        public string? Name { get; set; }

        [Display(Name = "类型")] public string? Type { get; set; }
        [Display(Name = "级别")] public string? Level { get; set; }
        [Display(Name = "删除")] public bool Remove { get; set; }

        /// <summary>A blank row left for a new platform.</summary>
        public bool IsBlank => string.IsNullOrWhiteSpace(Id) && string.IsNullOrWhiteSpace(Name) && string.IsNullOrEmpty(Type) && string.IsNullOrEmpty(Level);

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Remove || IsBlank) yield break;
            if (string.IsNullOrWhiteSpace(Name)) yield return new("请填写平台或学科名称（不再需要的请勾选“删除”）", [nameof(Name)]);
            if (Type is null || !Vocabulary.PlatformTypes.Contains(Type)) yield return new("请选择平台类型", [nameof(Type)]);
            if (Level is null || !Vocabulary.PlatformLevels.Contains(Level)) yield return new("请选择平台级别", [nameof(Level)]);
        }
    }
}
