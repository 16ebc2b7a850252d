using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Domain.Applications;

namespace Shenbao.Tests.Support;

/// <summary>衡阳师范学院's 基础研究 applications taken through the officials' steps by their pages, as the people would.</summary>
public static class Lifecycle
{
    public static async Task<Shenbao.Data.Application> StoredAsync(ShenbaoApp app, int id)
    {
        await using var db = app.Db();
        return await db.Applications.AsNoTracking().Include(a => a.Events).SingleAsync(a => a.Id == id);
    }

    /// <summary>Submitted and recommended by 珠晖区; earlier applications on the platform are given up first (限报2项) unless kept.</summary>
    public static async Task<(Browser Applicant, int Id)> RecommendedAsync(ShenbaoApp app, Dictionary<string, string>? form = null, bool clearOthers = true)
    {
        if (clearOthers)
            await using (var db = app.Db())
                await db.Applications.Where(a => a.PlatformId == "lab" && a.Status != ApplicationStatus.Draft && a.Status != ApplicationStatus.Withdrawn)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ApplicationStatus.Withdrawn));
        var (applicant, id) = await BasicResearch.DraftAsync(app, form);
        await BasicResearch.UploadAsync(applicant, id, "platform-approval", "平台批复.pdf", BasicResearch.Approval);
        await BasicResearch.UploadAsync(applicant, id, "recommendation-letter", "推荐函.pdf", BasicResearch.Letter);
        Assert.Equal(HttpStatusCode.Redirect, (await BasicResearch.SubmitAsync(applicant, id)).Status);
        var recommender = await Browser.For(app).SignInAsync("zhuhui-recommender");
        var review = await recommender.GetAsync($"/Recommender/Review/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await recommender.PostAsync($"/Recommender/Review/{id}", [new("__RequestVerificationToken", Browser.Token(review)), new("answer", "Recommend")])).Status);
        Assert.Equal(ApplicationStatus.Recommended, (await StoredAsync(app, id)).Status);
        return (applicant, id);
    }

    /// <summary>A bureau officer's answer on the formal review page.</summary>
    public static async Task<Browser.Page> AnswerAsync(Browser officer, int id, string answer, params (string Name, string Value)[] fields)
    {
        var page = await officer.GetAsync($"/Bureau/Review/{id}");
        return await officer.PostAsync($"/Bureau/Review/{id}",
            [new("__RequestVerificationToken", Browser.Token(page)), new("answer", answer), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
    }

    /// <summary>Recommended, passed in formal review (its manual item ticked), and moved through expert review by hand.</summary>
    public static async Task<(Browser Applicant, int Id)> ReviewedAsync(ShenbaoApp app, bool clearOthers = true)
    {
        var (applicant, id) = await RecommendedAsync(app, clearOthers: clearOthers);
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var item = (await officer.GetAsync($"/Bureau/Review/{id}")).Document.QuerySelector("#manual-items input[name=Checked]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(officer, id, "Accept", ("Checked", item))).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(officer, id, "StartReview")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(officer, id, "FinishReview")).Status);
        Assert.Equal(ApplicationStatus.Reviewed, (await StoredAsync(app, id)).Status);
        return (applicant, id);
    }
}
