using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shenbao.Data;

namespace Shenbao.Web.Pages.Account;

public sealed class LoginModel(SignInManager<User> signIn, UserManager<User> users, IConfiguration configuration) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "请填写用户名")]
        [Display(Name = "用户名")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "请填写密码")]
        [DataType(DataType.Password)]
        [Display(Name = "密码")]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool DemoMode => configuration.GetValue("Shenbao:Demo", false);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByNameAsync(Input.UserName.Trim());
        if (user is { IsDemo: true } && !DemoMode)
        {
            ModelState.AddModelError("", "演示账号只能在演示模式下使用");
            return Page();
        }
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        ModelState.AddModelError("", result.IsLockedOut
            ? "密码错误次数过多，账号已锁定30分钟，请稍后再试"
            : "用户名或密码错误");
        return Page();
    }
}
