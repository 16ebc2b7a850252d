using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Web.Security;

namespace Shenbao.Tests.Web;

/// <summary>
/// The password rule (8 characters, 3 of 4 classes, not common, not the user name) at each boundary, through 修改密码;
/// and for privileged roles the last five refused and a change forced after 90 days.
/// </summary>
public sealed class PasswordPolicyTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static Dictionary<string, string> Form(string current, string password) => new()
    {
        ["Input.CurrentPassword"] = current, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
    };

    /// <summary>Changes the password on the form; null when it was accepted, else the message beside the field.</summary>
    private static async Task<string?> ChangeAsync(Browser browser, string current, string password)
    {
        var answer = await browser.SubmitAsync(await browser.GetAsync(PasswordExpiry.ChangePath), Form(current, password));
        return answer.Status == HttpStatusCode.Redirect ? null : Registration.FieldError(answer, "Input.Password");
    }

    [Theory]
    [InlineData("Abcdef1", "至少8位")]                   // 7 characters, 3 classes: just short
    [InlineData("abcdefg1", "至少三类")]                  // 8 characters, 2 classes
    [InlineData("ABCDEFG!", "至少三类")]
    [InlineData("Password1", "太常见")]                   // 3 classes, but on the list (in any case)
    [InlineData("pASSWORD1", "太常见")]
    [InlineData("Qwer@1234", "太常见")]
    public async Task A_password_that_misses_a_rule_is_refused_saying_which(string password, string message)
    {
        var (_, userName) = await Registration.RegisterAsync(app);
        var browser = await Browser.For(app).SignInAsync(userName, Registration.Password);

        var refused = await ChangeAsync(browser, Registration.Password, password);

        Assert.NotNull(refused);
        Assert.Contains(message, refused, StringComparison.Ordinal);
        await Browser.For(app).SignInAsync(userName, Registration.Password);   // nothing changed
    }

    [Theory]
    [InlineData("Abcdefg1")]    // 8 characters, 3 classes: just met
    [InlineData("abcdef1!")]    // lower, digit, symbol
    [InlineData("ABCDEF1!")]
    [InlineData("密码Hengyang9")] // a Chinese character counts as a symbol
    public async Task A_password_that_meets_every_rule_is_accepted(string password)
    {
        var (_, userName) = await Registration.RegisterAsync(app);
        var browser = await Browser.For(app).SignInAsync(userName, Registration.Password);

        Assert.Null(await ChangeAsync(browser, Registration.Password, password));
        await Browser.For(app).SignInAsync(userName, password);
    }

    [Fact]
    public async Task A_password_containing_the_user_name_in_any_case_is_refused()
    {
        var (_, userName) = await Registration.RegisterAsync(app);
        var browser = await Browser.For(app).SignInAsync(userName, Registration.Password);

        var refused = await ChangeAsync(browser, Registration.Password, "X1!" + userName.ToUpperInvariant());

        Assert.Equal("密码不能包含用户名", refused);
    }

    [Fact]
    public void The_classes_are_counted_as_the_rule_says_and_the_list_ignores_case()
    {
        Assert.Equal(0, PasswordPolicy.Classes(""));
        Assert.Equal(2, PasswordPolicy.Classes("abcDEF"));
        Assert.Equal(4, PasswordPolicy.Classes("aB1-"));
        Assert.True(PasswordPolicy.IsCommon("p@SSW0RD"));
        Assert.False(PasswordPolicy.IsCommon(Shenbao.Data.Demo.DemoData.Password));
    }

    [Fact]
    public async Task A_privileged_role_may_not_reuse_its_last_five_passwords_and_the_sixth_is_free_again()
    {
        var browser = await Browser.For(app).SignInAsync("expert-li");
        string[] passwords = ["Review-2026a", "Review-2026b", "Review-2026c", "Review-2026d", "Review-2026e"];
        var current = Shenbao.Data.Demo.DemoData.Password;
        foreach (var next in passwords)
        {
            Assert.Null(await ChangeAsync(browser, current, next));
            current = next;
        }

        // now the last five are b, c, d, e (the current one) and a; the demo password is the sixth back
        foreach (var old in passwords)
            Assert.Contains("最近5次", await ChangeAsync(browser, current, old), StringComparison.Ordinal);
        Assert.Null(await ChangeAsync(browser, current, Shenbao.Data.Demo.DemoData.Password));
        using var db = app.Db();
        var id = db.Users.Single(u => u.UserName == "expert-li").Id;
        Assert.Equal(6, db.PasswordHistory.Count(h => h.UserId == id));
    }

    [Fact]
    public async Task An_applicant_may_go_back_to_an_earlier_password()
    {
        var (_, userName) = await Registration.RegisterAsync(app);
        var browser = await Browser.For(app).SignInAsync(userName, Registration.Password);

        Assert.Null(await ChangeAsync(browser, Registration.Password, "Another-2026x"));
        Assert.Null(await ChangeAsync(browser, "Another-2026x", Registration.Password));
    }

    [Fact]
    public async Task A_privileged_password_older_than_ninety_days_reaches_only_the_change_until_changed()
    {
        await AgePasswordAsync("bureau-officer", Shenbao.Data.Security.SecurityPolicy.Default.MaxAge);
        var officer = await Browser.For(app).SignInAsync("bureau-officer");

        var held = await officer.GetAsync("/Bureau/Applications");
        var change = await officer.GetAsync(PasswordExpiry.ChangePath);
        var home = await officer.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, held.Status);
        Assert.Equal(PasswordExpiry.ChangePath, held.Location);
        Assert.NotNull(change.Document.QuerySelector("#password-expired"));
        Assert.Equal(HttpStatusCode.OK, home.Status);   // a public page stays public
        Assert.Null(await ChangeAsync(officer, Shenbao.Data.Demo.DemoData.Password, "Bureau-2026-new"));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/Bureau/Applications")).Status);
    }

    [Fact]
    public async Task A_privileged_password_a_moment_younger_than_ninety_days_and_an_old_applicant_password_are_not_held()
    {
        await AgePasswordAsync("zhiheng-admin", TimeSpan.FromDays(400));
        await AgePasswordAsync("auditadmin", Shenbao.Data.Security.SecurityPolicy.Default.MaxAge - TimeSpan.FromMinutes(1));

        var applicant = await Browser.For(app).SignInAsync("zhiheng-admin");
        var auditor = await Browser.For(app).SignInAsync("auditadmin");

        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync("/Applications")).Status);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/Audit")).Status);
    }

    private async Task AgePasswordAsync(string userName, TimeSpan age)
    {
        var changed = app.Clock.Now - age;
        using var db = app.Db();
        await db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordChangedAt, changed));
    }
}
