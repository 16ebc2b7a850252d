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
    /// <param name="submitted">What the applicant fills in on the submit page (the people it asks to avoid).</param>
    public static async Task<(Browser Applicant, int Id)> RecommendedAsync(ShenbaoApp app, Dictionary<string, string>? form = null, bool clearOthers = true, Dictionary<string, string>? submitted = null)
    {
        if (clearOthers)
            await using (var db = app.Db())
                await db.Applications.Where(a => a.PlatformId == "lab" && a.Status != ApplicationStatus.Draft && a.Status != ApplicationStatus.Withdrawn)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ApplicationStatus.Withdrawn));
        var (applicant, id) = await BasicResearch.DraftAsync(app, form);
        await BasicResearch.UploadAsync(applicant, id, "platform-approval", "平台批复.pdf", BasicResearch.Approval);
        await BasicResearch.UploadAsync(applicant, id, "recommendation-letter", "推荐函.pdf", BasicResearch.Letter);
        Assert.Equal(HttpStatusCode.Redirect, (await applicant.SubmitAsync(await applicant.GetAsync($"/Applications/Submit/{id}"), submitted ?? [])).Status);
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

    /// <summary>Recommended and passed in formal review (its manual item ticked).</summary>
    public static async Task<(Browser Applicant, int Id)> AcceptedAsync(ShenbaoApp app, bool clearOthers = true, Dictionary<string, string>? submitted = null)
    {
        var (applicant, id) = await RecommendedAsync(app, clearOthers: clearOthers, submitted: submitted);
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var item = (await officer.GetAsync($"/Bureau/Review/{id}")).Document.QuerySelector("#manual-items input[name=Checked]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(officer, id, "Accept", ("Checked", item))).Status);
        Assert.Equal(ApplicationStatus.Accepted, (await StoredAsync(app, id)).Status);
        return (applicant, id);
    }

    /// <summary>Accepted, given its experts by an assignment run, scored by each of them, and its review ended on the ranking page.</summary>
    public static async Task<(Browser Applicant, int Id)> ReviewedAsync(ShenbaoApp app, bool clearOthers = true, decimal total = 80)
    {
        var (applicant, id) = await AcceptedAsync(app, clearOthers);
        var officer = await Browser.For(app).SignInAsync("bureau-officer");
        var callId = (await StoredAsync(app, id)).CallId;
        await AssignAsync(officer, callId, seed: 7);
        foreach (var expert in await ExpertsOfAsync(app, id))
            await ScoreAsync(await Browser.For(app).SignInAsync(expert), id, total);
        var finish = await officer.GetAsync($"/Bureau/Ranking?call={callId}");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(finish, new Dictionary<string, string>(), "form[action*=Finish]")).Status);
        Assert.Equal(ApplicationStatus.Reviewed, (await StoredAsync(app, id)).Status);
        return (applicant, id);
    }

    /// <summary>An assignment run from the page, with a seed and a limit high enough for a long test class.</summary>
    public static async Task<Browser.Page> AssignAsync(Browser officer, int callId, int seed, int max = 500)
    {
        var page = await officer.GetAsync($"/Bureau/Assign?call={callId}");
        var result = await officer.SubmitAsync(page, new Dictionary<string, string> { ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture), ["max"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "#run-form");
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        return result;
    }

    /// <summary>The user names of the experts standing assigned to an application.</summary>
    public static async Task<List<string>> ExpertsOfAsync(ShenbaoApp app, int id)
    {
        await using var db = app.Db();
        return await db.ExpertReviews.Where(r => r.ApplicationId == id && Shenbao.Data.Experts.ExpertReview.Standing.Contains(r.State))
            .OrderBy(r => r.Id).Select(r => r.Expert.User.UserName!).ToListAsync();
    }

    /// <summary>An expert declares no conflict and submits scores adding up to about the total (each criterion its share, in half points).</summary>
    public static async Task ScoreAsync(Browser expert, int id, decimal total, bool submit = true)
    {
        var declaration = await expert.GetAsync($"/Expert/Review/{id}");
        Assert.NotNull(declaration.Document.QuerySelector("#declaration"));
        Assert.Equal(HttpStatusCode.Redirect, (await expert.SubmitAsync(declaration, new Dictionary<string, string> { ["conflict"] = "none", ["certify"] = "true" })).Status);
        var form = await expert.GetAsync($"/Expert/Review/{id}");
        var values = new Dictionary<string, string> { ["opinion"] = "建议支持。", ["submit"] = submit ? "true" : "false" };
        foreach (var criterion in form.Document.QuerySelectorAll("[data-criterion]"))
        {
            var max = decimal.Parse(System.Text.RegularExpressions.Regex.Match(criterion.QuerySelector("legend")!.TextContent, @"0–([\d.]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            values[$"score[{criterion.GetAttribute("data-criterion")}]"] = (Math.Round(max * total / 100 * 2) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await expert.SubmitAsync(form, values, "#score-form")).Status);
    }
}
