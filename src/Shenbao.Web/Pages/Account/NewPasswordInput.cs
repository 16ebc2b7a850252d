using System.ComponentModel.DataAnnotations;

namespace Shenbao.Web.Pages.Account;

/// <summary>A new password typed twice: what 设置密码 (from a mailed link) and 修改密码 both ask for.</summary>
public class NewPasswordInput
{
    [Required(ErrorMessage = "请设置新密码")]
    [DataType(DataType.Password)]
    [Display(Name = "新密码")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "请再次输入新密码")]
    [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致")]
    [DataType(DataType.Password)]
    [Display(Name = "确认新密码")]
    public string ConfirmPassword { get; set; } = "";
}
