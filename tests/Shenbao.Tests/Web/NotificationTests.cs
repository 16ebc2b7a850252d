using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shenbao.Data;

namespace Shenbao.Tests.Web;

/// <summary>Notices in the inbox and by mail for the events people must hear of, and the inbox's own behaviour.</summary>
public sealed class NotificationTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static int Unread(Browser.Page page) =>
        page.Document.QuerySelector("#unread-count") is { } badge ? int.Parse(badge.FirstChild!.TextContent, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [Fact]
    public async Task Registration_tells_the_recommender_and_activation_tells_the_organisation_in_the_inbox_and_by_mail()
    {
        var recommender = await Browser.For(app).SignInAsync("gaoxin-recommender");
        var before = Unread(await recommender.GetAsync("/"));
        var (code, userName) = await Registration.RegisterAsync(app);

        var home = await recommender.GetAsync("/");
        Assert.Equal(before + 1, Unread(home));
        var inbox = await recommender.GetAsync("/Inbox");
        Assert.Contains($"待激活：衡阳测试科技有限公司{code}", inbox.Document.QuerySelector("#notices")!.TextContent, StringComparison.Ordinal);

        int id;
        using (var db = app.Db()) id = db.Organisations.Single(o => o.CreditCode == code).Id;
        await recommender.SubmitAsync(await recommender.GetAsync("/Recommender/Organisations"), new Dictionary<string, string>(), $"form[data-organisation='{id}']");

        var mails = await app.MailsToAsync($"{userName}@example.com");
        Assert.Equal(2, mails.Count);
        Assert.Contains(mails, m => m.Subject == "单位注册已提交");
        var mail = Assert.Single(mails, m => m.Subject == "单位已激活");
        Assert.Contains("衡阳测试科技有限公司", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5000/Organisation/Profile", mail.TextBody, StringComparison.Ordinal);
        var admin = await Browser.For(app).SignInAsync(userName, Registration.Password);
        var notices = await admin.GetAsync("/Inbox");
        Assert.Equal(1, Unread(notices));
        Assert.Contains("单位已激活", notices.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submission_and_a_withdrawal_tell_the_organisation_with_the_receipt_in_the_inbox_and_by_mail()
    {
        var (browser, id) = await BasicResearch.SubmittableAsync(app);
        Assert.Equal(HttpStatusCode.Redirect, (await BasicResearch.SubmitAsync(browser, id)).Status);
        string receipt;
        using (var db = app.Db()) receipt = db.Applications.Single(a => a.Id == id).ReceiptNo!;

        var mail = (await app.MailsToAsync("hynu-admin@demo.invalid")).Single(m => (m.TextBody ?? "").Contains(receipt, StringComparison.Ordinal));
        Assert.StartsWith("已提交：", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:5000/Applications/Details/{id}", mail.TextBody, StringComparison.Ordinal);
        var inbox = await browser.GetAsync("/Inbox");
        var notice = inbox.Document.QuerySelectorAll("#notices li").First(li => li.TextContent.Contains(receipt, StringComparison.Ordinal));
        Assert.Contains("未读", notice.TextContent, StringComparison.Ordinal);

        // opening the notice marks it read and leads to the application
        var opened = await browser.SubmitAsync(inbox, new Dictionary<string, string>(), $"li[data-notice='{notice.GetAttribute("data-notice")}'] form");
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        Assert.Equal($"/Applications/Details/{id}", opened.Location);
        Assert.DoesNotContain("未读", (await browser.GetAsync("/Inbox")).Document.QuerySelector($"li[data-notice='{notice.GetAttribute("data-notice")}']")!.TextContent, StringComparison.Ordinal);

        var withdrawn = await browser.SubmitAsync(await browser.GetAsync($"/Applications/Details/{id}"), new Dictionary<string, string>(), "form[action*=Withdraw]");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.Status);
        Assert.Contains(await app.MailsToAsync("hynu-admin@demo.invalid"), m => (m.Subject ?? "").StartsWith("已撤回：", StringComparison.Ordinal) && (m.TextBody ?? "").Contains(receipt, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_news_of_a_project_leaders_application_goes_to_the_leader_and_the_organisations_administrators()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var application = await db.Applications.Include(a => a.Organisation).FirstAsync(a => a.Organisation.CreditCode == "91430408MA7B2C3D4Y");
        var made = await db.Users.SingleAsync(u => u.Id == application.CreatedById);

        var people = await scope.ServiceProvider.GetRequiredService<Shenbao.Web.Notifications.Notifier>().ConcernedWithAsync(application, CancellationToken.None);

        Assert.Equal("zhiheng-leader", made.UserName);
        Assert.Equal(["zhiheng-admin", "zhiheng-leader"], people.Select(p => p.UserName!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Another_persons_notice_cannot_be_opened_and_a_visitor_has_no_inbox()
    {
        long foreign;
        using (var db = app.Db())
        {
            var zhiheng = db.Users.Single(u => u.UserName == "zhiheng-admin");
            db.Notifications.Add(new Shenbao.Data.Notifications.Notification { UserId = zhiheng.Id, CreatedAt = app.Clock.Now, Subject = "仅本人可见", Body = "内容" });
            db.SaveChanges();
            foreign = db.Notifications.Single(n => n.Subject == "仅本人可见").Id;
        }
        var other = await Browser.For(app).SignInAsync("hynu-admin");
        var inbox = await other.GetAsync("/Inbox");

        var opened = await other.PostAsync($"/Inbox?handler=Read&id={foreign}", new Dictionary<string, string> { ["__RequestVerificationToken"] = Browser.Token(inbox) });

        Assert.Equal(HttpStatusCode.NotFound, opened.Status);
        Assert.DoesNotContain("仅本人可见", inbox.Text, StringComparison.Ordinal);
        using (var db = app.Db()) Assert.Null(db.Notifications.Single(n => n.Id == foreign).ReadAt);
        var visitor = await Browser.For(app).GetAsync("/Inbox");
        Assert.StartsWith("http://localhost/Account/Login", visitor.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await other.PostAsync("/Inbox?handler=ReadAll", new Dictionary<string, string>())).Status);
    }

    [Fact]
    public async Task Read_all_clears_the_count_in_the_navigation()
    {
        using (var db = app.Db())
        {
            var hynu = db.Users.Single(u => u.UserName == "hynu-admin");
            db.Notifications.Add(new Shenbao.Data.Notifications.Notification { UserId = hynu.Id, CreatedAt = app.Clock.Now, Subject = "测试通知", Body = "内容" });
            db.SaveChanges();
        }
        var browser = await Browser.For(app).SignInAsync("hynu-admin");
        var inbox = await browser.GetAsync("/Inbox");
        Assert.True(Unread(inbox) > 0);

        var done = await browser.SubmitAsync(inbox, new Dictionary<string, string>(), "form[action*=ReadAll]");

        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal(0, Unread(await browser.GetAsync("/Inbox")));
    }
}
