using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Requests;
using Shenbao.Web.Setup;

namespace Shenbao.Web.Pages.Account;

/// <summary>
/// What an organisation registers with (单位注册) and corrects while it is not active (注册信息): the same fields, the
/// same checks, so a returned registration cannot be resubmitted with what registration itself would refuse.
/// </summary>
public class OrganisationInput
{
    [Required(ErrorMessage = "请填写统一社会信用代码")]
    [Display(Name = "统一社会信用代码")]
    public string CreditCode { get; set; } = "";

    [Required(ErrorMessage = "请填写单位名称")]
    [StringLength(200, ErrorMessage = "单位名称不能超过200个字")]
    [Display(Name = "单位名称")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "请选择单位类型")]
    [Display(Name = "单位类型")]
    public string Kind { get; set; } = "";

    [Required(ErrorMessage = "请选择所在县市区/园区")]
    [Display(Name = "所在县市区/园区")]
    public string District { get; set; } = "";

    [Required(ErrorMessage = "请填写联系人")]
    [StringLength(50, ErrorMessage = "联系人不能超过50个字")]
    [Display(Name = "联系人")]
    public string ContactName { get; set; } = "";

    [Required(ErrorMessage = "请填写联系电话")]
    [RegularExpression(@"^[0-9+()\- ]{7,30}$", ErrorMessage = "联系电话只能包含数字、空格和 + - ( )，7至30位")]
    [Display(Name = "联系电话")]
    public string ContactPhone { get; set; } = "";

    [EmailAddress(ErrorMessage = "联系邮箱格式不正确")]
    [StringLength(200, ErrorMessage = "联系邮箱不能超过200个字符")]
    [Display(Name = "联系邮箱（选填）")]
    public string? ContactEmail { get; set; }

    /// <summary>The credit code as stored: people type it in lower case or with spaces around it; GB 32100 letters are upper case.</summary>
    public string NormalisedCreditCode => CreditCode?.Trim().ToUpperInvariant() ?? "";

    /// <summary>
    /// The checks the attributes cannot make: the code's check character, a code another organisation has, a kind or
    /// district not of the lists. Errors go to <paramref name="state"/> under <paramref name="prefix"/>.
    /// </summary>
    /// <param name="self">The organisation being corrected, whose own code is of course not "taken".</param>
    public async Task CheckAsync(AppDbContext db, Districts districts, ModelStateDictionary state, string prefix, int? self, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(state);
        var code = NormalisedCreditCode;
        if (code.Length > 0 && Shenbao.Domain.Requests.CreditCode.Problem(code) is { } problem)
            state.AddModelError($"{prefix}.{nameof(CreditCode)}", problem);
        else if (code.Length > 0 && await db.Organisations.AnyAsync(o => o.CreditCode == code && o.Id != self, ct))
            state.AddModelError($"{prefix}.{nameof(CreditCode)}", "该统一社会信用代码已注册");
        if (Kind is { Length: > 0 } kind && !Vocabulary.OrganisationKinds.Contains(kind))
            state.AddModelError($"{prefix}.{nameof(Kind)}", "请从列表中选择单位类型");
        if (District is { Length: > 0 } district && !districts.Contains(district))
            state.AddModelError($"{prefix}.{nameof(District)}", $"“{district}”不在本系统的县市区/园区列表中，请从列表中选择");
    }

    /// <summary>Writes the checked input to the organisation, trimmed as registration stores it.</summary>
    public void CopyTo(Shenbao.Data.Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        organisation.CreditCode = NormalisedCreditCode;
        organisation.Name = Name.Trim();
        organisation.Kind = Kind;
        organisation.District = District;
        organisation.ContactName = ContactName.Trim();
        organisation.ContactPhone = ContactPhone.Trim();
        organisation.ContactEmail = ContactEmail?.Trim() is { Length: > 0 } email ? email : null;
    }

    public static OrganisationInput Of(Shenbao.Data.Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return new()
        {
            CreditCode = organisation.CreditCode, Name = organisation.Name, Kind = organisation.Kind, District = organisation.District,
            ContactName = organisation.ContactName, ContactPhone = organisation.ContactPhone, ContactEmail = organisation.ContactEmail,
        };
    }
}
