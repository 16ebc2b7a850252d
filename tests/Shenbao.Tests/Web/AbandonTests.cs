using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web;

/// <summary>放弃申报: the applicant gives up for good, with a reason, before a decision; the application then takes nothing more.</summary>
public sealed class AbandonTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private Application Stored(int id) => app.Db().Applications.AsNoTracking().Include(a => a.Events).Single(a => a.Id == id);

    private static async Task<Browser.Page> AbandonAsync(Browser browser, int id, string reason)
    {
        var page = await browser.GetAsync($"/Applications/Details/{id}");
        return await browser.PostAsync($"/Applications/Details/{id}?handler=Abandon", [new("__RequestVerificationToken", Browser.Token(page)), new("AbandonReason", reason)]);
    }

    [Fact]
    public async Task A_submitted_application_is_given_up_with_a_reason_and_can_then_neither_be_edited_nor_submitted()
    {
        await using (var db = app.Db())
            await db.Applications.Where(a => a.PlatformId == "lab" && a.Status != ApplicationStatus.Draft).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ApplicationStatus.Withdrawn));
        var (browser, id) = await BasicResearch.SubmittableAsync(app);
        await BasicResearch.SubmitAsync(browser, id);
        Assert.NotNull((await browser.GetAsync($"/Applications/Details/{id}")).Document.QuerySelector("#abandon form[action*=Abandon]"));

        var refused = await AbandonAsync(browser, id, " ");
        Assert.Contains("请填写放弃申报的理由", refused.Document.QuerySelector("#abandon-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Submitted, Stored(id).Status);

        var done = await AbandonAsync(browser, id, "项目负责人调离，不再申报");
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        var application = Stored(id);
        Assert.Equal(ApplicationStatus.Withdrawn, application.Status);
        Assert.Equal("项目负责人调离，不再申报", application.Events.Single(e => e.Action == ApplicationAction.Abandon).Reason);
        Assert.Contains(AuditTrail.Rows(app), r => r.Action == AuditAction.Abandon && r.ObjectId == application.Number);
        var details = await browser.GetAsync($"/Applications/Details/{id}");
        Assert.Equal("已放弃", details.Document.QuerySelector("#status")!.TextContent);
        Assert.Null(details.Document.QuerySelector("#abandon"));
        Assert.Contains($"/Applications/Details/{id}", (await browser.GetAsync($"/Applications/Edit/{id}")).Location, StringComparison.Ordinal);
        Assert.Contains($"/Applications/Details/{id}", (await browser.GetAsync($"/Applications/Submit/{id}")).Location, StringComparison.Ordinal);
        Assert.Contains("已放弃", (await (await Browser.For(app).SignInAsync("zhuhui-recommender")).GetAsync("/Recommender/Applications"))
            .Document.QuerySelector($"#decided tr[data-application='{id}'] .status")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_application_cannot_be_given_up()
    {
        var (_, id) = await BasicResearch.DraftAsync(app);
        var stranger = await Browser.For(app).SignInAsync("zhiheng-admin");
        var token = Browser.Token(await stranger.GetAsync("/Applications"));

        var posted = await stranger.PostAsync($"/Applications/Details/{id}?handler=Abandon", [new("__RequestVerificationToken", token), new("AbandonReason", "越权")]);

        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        Assert.Equal(ApplicationStatus.Draft, Stored(id).Status);
    }
}
