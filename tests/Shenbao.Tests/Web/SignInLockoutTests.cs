using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Web.Pages.Account;

namespace Shenbao.Tests.Web;

/// <summary>
/// The lock, under contention and for names nobody has: the probe found 19 of 20 parallel wrong passwords answered as
/// ordinary failures, a counter that lost updates, and a lock message only real accounts ever got.
/// </summary>
public sealed class SignInLockoutTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static Dictionary<string, string> Form(Browser.Page page, string name, string password) => new()
    {
        ["Input.UserName"] = name, ["Input.Password"] = password, ["__RequestVerificationToken"] = Browser.Token(page),
    };

    private static async Task<string> AttemptAsync(Browser browser, string name, string password)
    {
        var page = await browser.SubmitAsync(await browser.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = name, ["Input.Password"] = password });
        return page.Status == HttpStatusCode.Redirect ? "signed in" : page.Document.QuerySelector(".validation-summary-errors, [data-valmsg-summary]")?.TextContent.Trim() ?? page.Text;
    }

    [Fact]
    public async Task A_hundred_parallel_wrong_passwords_are_four_wrong_answers_then_the_lock_and_the_right_one_is_refused_while_locked()
    {
        var browser = Browser.For(app);
        var login = await browser.GetAsync("/Account/Login");
        var form = Form(login, "zhuhui-recommender", "wrong-password");

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ => (await browser.PostAsync("/Account/Login", form)).Text));

        var wrong = answers.Count(a => a.Contains(LoginModel.WrongPassword, StringComparison.Ordinal));
        var locked = answers.Count(a => a.Contains(LoginModel.Locked(Shenbao.Data.Security.SecurityPolicy.Default), StringComparison.Ordinal));
        // each failure is told its own count: the first four are wrong passwords, the fifth locks, the rest find it locked
        // (a count read back after the update saw a parallel attempt's, and told two of them "locked" on PostgreSQL)
        Assert.True(wrong == Shenbao.Data.Security.SecurityPolicy.Default.MaxFailures - 1, $"{wrong} of 100 parallel attempts were answered as an ordinary wrong password, not 4");
        Assert.Equal(100, wrong + locked);
        Assert.Equal(LoginModel.Locked(Shenbao.Data.Security.SecurityPolicy.Default), await AttemptAsync(Browser.For(app), "zhuhui-recommender", Shenbao.Data.Demo.DemoData.Password));
        using var db = app.Db();
        var throttle = db.SignInThrottles.AsNoTracking().Single(t => t.Name == "ZHUHUI-RECOMMENDER");
        Assert.Equal(5, throttle.Failures);
        Assert.NotNull(throttle.LockedUntil);
        Assert.NotNull(db.Users.AsNoTracking().Single(u => u.UserName == "zhuhui-recommender").LockoutEnd);
    }

    [Fact]
    public async Task A_name_nobody_has_is_answered_word_for_word_as_a_real_one_lock_included()
    {
        var real = new List<string>();
        var unknown = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            real.Add(await AttemptAsync(Browser.For(app), "gaoxin-recommender", "wrong-password"));
            unknown.Add(await AttemptAsync(Browser.For(app), "nobody-at-all", "wrong-password"));
        }

        Assert.Equal(real, unknown);
        Assert.Equal(Enumerable.Repeat(LoginModel.WrongPassword, 4).Concat(Enumerable.Repeat(LoginModel.Locked(Shenbao.Data.Security.SecurityPolicy.Default), 2)), real);
    }

    [Fact]
    public async Task The_lock_ends_after_thirty_minutes_and_a_sign_in_clears_the_count()
    {
        for (var i = 0; i < 5; i++) await AttemptAsync(Browser.For(app), "hynu-admin", "wrong-password");
        Assert.Equal(LoginModel.Locked(Shenbao.Data.Security.SecurityPolicy.Default), await AttemptAsync(Browser.For(app), "hynu-admin", Shenbao.Data.Demo.DemoData.Password));

        app.Clock.Now += Shenbao.Data.Security.SecurityPolicy.Default.LockFor;

        Assert.Equal("signed in", await AttemptAsync(Browser.For(app), "hynu-admin", Shenbao.Data.Demo.DemoData.Password));
        using var db = app.Db();
        Assert.False(db.SignInThrottles.Any(t => t.Name == "HYNU-ADMIN"));
        Assert.Null(db.Users.AsNoTracking().Single(u => u.UserName == "hynu-admin").LockoutEnd);
        // counting starts again from nothing
        Assert.Equal(LoginModel.WrongPassword, await AttemptAsync(Browser.For(app), "hynu-admin", "wrong-password"));
    }
}
