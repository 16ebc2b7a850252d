using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shenbao.Data.Settings;
using Shenbao.Domain.Audit;
using Shenbao.Web.Pages.Admin;
using Shenbao.Web.Settings;

namespace Shenbao.Tests.Web;

/// <summary>
/// The 系统管理员 manages the configuration everyone sees (三员分立: users and configuration): the notice at the top of
/// every page and the technical support contact at its foot — saved at once, audited, refused whole when a field is wrong.
/// </summary>
public sealed class SiteSettingsTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static Dictionary<string, string> Form(string notice = "", string phone = "", string mail = "", string hours = "") => new()
    {
        ["Input.Notice"] = notice, ["Input.SupportPhone"] = phone, ["Input.SupportMail"] = mail, ["Input.SupportHours"] = hours,
    };

    private async Task ResetAsync()
    {
        await using var db = app.Db();
        await db.SiteSettings.ExecuteDeleteAsync();
        app.Services.GetRequiredService<SiteSettingsCache>().Forget();
    }

    [Fact]
    public async Task A_notice_and_the_support_contact_show_on_every_page_for_everyone_at_once_and_are_audited()
    {
        await ResetAsync();
        try
        {
            var sysadmin = await Browser.For(app).SignInAsync("sysadmin");
            var visitor = Browser.For(app);
            Assert.Null((await visitor.GetAsync("/")).Document.QuerySelector("#site-notice"));
            Assert.Null((await visitor.GetAsync("/")).Document.QuerySelector("#site-support"));

            var saved = await sysadmin.SubmitAsync(await sysadmin.GetAsync("/Admin/Settings"),
                Form("12月5日22:00至24:00系统维护，请提前保存。\r\n<script>alert(1)</script>", "0734-8888888 转 1", "support@hengyang.example.cn", "工作日 8:30–17:30"), "#settings-form");

            Assert.Equal(HttpStatusCode.Redirect, saved.Status);
            foreach (var (who, path) in new[] { (visitor, "/"), (visitor, "/Account/Login"), (visitor, "/Publicity"), (await Browser.For(app).SignInAsync("zhiheng-leader"), "/Applications") })
            {
                var page = await who.GetAsync(path);
                var notice = page.Document.QuerySelector("#site-notice");
                Assert.True(notice is not null, $"{path} answered {page.Status} without the notice");
                Assert.Contains("12月5日22:00至24:00系统维护", notice.TextContent, StringComparison.Ordinal);
                Assert.Contains("<script>alert(1)</script>", notice.TextContent, StringComparison.Ordinal);   // shown as text
                Assert.Empty(page.Document.QuerySelectorAll("#site-notice script"));
                var support = page.Document.QuerySelector("#site-support")!.TextContent;
                Assert.Contains("0734-8888888 转 1", support, StringComparison.Ordinal);
                Assert.Contains("support@hengyang.example.cn", support, StringComparison.Ordinal);
                Assert.Contains("工作日 8:30–17:30", support, StringComparison.Ordinal);
            }
            var again = await sysadmin.GetAsync("/Admin/Settings");
            Assert.Contains("技术支持电话设为“0734-8888888 转 1”", again.Document.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("sysadmin", again.Document.QuerySelector("#last-change")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("0734-8888888 转 1", again.Document.QuerySelector("#Input_SupportPhone")!.GetAttribute("value"));
            Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.SiteSettingsChanged && r.UserName == "sysadmin"
                && r.Details!.Contains("系统公告设为“12月5日22:00至24:00系统维护", StringComparison.Ordinal));

            // clearing the notice takes it off every page; the contact stays
            var cleared = await sysadmin.SubmitAsync(again, Form("", "0734-8888888 转 1", "support@hengyang.example.cn", "工作日 8:30–17:30"), "#settings-form");
            Assert.Equal(HttpStatusCode.Redirect, cleared.Status);
            var home = await visitor.GetAsync("/");
            Assert.Null(home.Document.QuerySelector("#site-notice"));
            Assert.NotNull(home.Document.QuerySelector("#site-support"));
            Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.SiteSettingsChanged && r.Details == "系统公告已清除");
        }
        finally { await ResetAsync(); }
    }

    [Theory]
    [InlineData("Input.SupportMail", "not-a-mail", "技术支持邮箱格式不正确")]
    [InlineData("Input.SupportPhone", "请拨打0734", "技术支持电话只能包含数字")]
    [InlineData("Input.SupportHours", "工作日\u001b[31m", "服务时间含有不可见的控制字符")]
    public async Task A_wrong_field_is_refused_beside_it_and_nothing_is_saved(string field, string value, string message)
    {
        await ResetAsync();
        var sysadmin = await Browser.For(app).SignInAsync("sysadmin");
        var auditBefore = AuditTrail.Rows(app).Count(r => r.Action == AuditAction.SiteSettingsChanged);
        var form = Form("会被一起拒绝的公告", "0734-1234567", "support@example.cn", "工作日");
        form[field] = value;

        var refused = await sysadmin.SubmitAsync(await sysadmin.GetAsync("/Admin/Settings"), form, "#settings-form");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(message, Registration.FieldError(refused, field), StringComparison.Ordinal);
        Assert.Contains("有 1 处需要修改", refused.Document.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("会被一起拒绝的公告", refused.Document.QuerySelector("#Input_Notice")!.TextContent.Trim());   // what was typed stays
        await using var db = app.Db();
        Assert.False(await db.SiteSettings.AnyAsync());
        Assert.Equal(auditBefore, AuditTrail.Rows(app).Count(r => r.Action == AuditAction.SiteSettingsChanged));
        Assert.Null((await Browser.For(app).GetAsync("/")).Document.QuerySelector("#site-notice"));
    }

    [Fact]
    public async Task A_notice_one_character_over_the_limit_is_refused_and_one_at_the_limit_is_kept()
    {
        await ResetAsync();
        try
        {
            var sysadmin = await Browser.For(app).SignInAsync("sysadmin");
            var over = await sysadmin.SubmitAsync(await sysadmin.GetAsync("/Admin/Settings"), Form(new string('告', SiteSettings.NoticeLimit + 1)), "#settings-form");
            var atLimit = await sysadmin.SubmitAsync(await sysadmin.GetAsync("/Admin/Settings"), Form(new string('告', SiteSettings.NoticeLimit)), "#settings-form");

            Assert.Equal("系统公告不能超过300个字", Registration.FieldError(over, "Input.Notice"));
            Assert.Equal(HttpStatusCode.Redirect, atLimit.Status);
            await using var db = app.Db();
            Assert.Equal(SiteSettings.NoticeLimit, (await SiteSettingsStore.CurrentAsync(db)).Notice!.Length);
        }
        finally { await ResetAsync(); }
    }

    [Fact]
    public async Task Two_system_administrators_saving_from_the_same_page_the_second_is_told_not_lost_silently()
    {
        await ResetAsync();
        try
        {
            var first = await Browser.For(app).SignInAsync("sysadmin");
            var second = await Browser.For(app).SignInAsync("sysadmin");
            var firstPage = await first.GetAsync("/Admin/Settings");
            var secondPage = await second.GetAsync("/Admin/Settings");

            Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(firstPage, Form("先保存的公告"), "#settings-form")).Status);
            var late = await second.SubmitAsync(secondPage, Form("后保存的公告"), "#settings-form");

            Assert.Equal(HttpStatusCode.OK, late.Status);
            Assert.Contains(SettingsModel.ConflictMessage, late.Document.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
            await using var db = app.Db();
            Assert.Equal("先保存的公告", (await SiteSettingsStore.CurrentAsync(db)).Notice);
        }
        finally { await ResetAsync(); }
    }
}
