using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Domain.Applications;

namespace Shenbao.Tests.Support;

/// <summary>A 基础研究 application of 衡阳师范学院, made through the pages as its administrator would.</summary>
public static class BasicResearch
{
    public static readonly byte[] Approval = "%PDF-1.4\n% 平台批复\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
    public static readonly byte[] Letter = "%PDF-1.4\n% 推荐函\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    /// <summary>基础研究 for 衡阳师范学院 on its provincial key lab: eligible once both documents are uploaded.</summary>
    public static readonly Dictionary<string, string> Form = new()
    {
        ["F[project__title]"] = "功能金属有机框架材料的可控合成",
        ["F[application__field]"] = "新材料",
        ["F[application__leader__name]"] = "刘教授",
        ["F[application__leader__title]"] = "senior",
        ["F[application__platformId]"] = "lab",
        ["F[narrative__summary]"] = "研究功能金属有机框架材料的可控合成方法。",
        ["F[narrative__budget__total]"] = "800,000",
        ["F[narrative__budget__requested]"] = "200000",
        ["F[narrative__team]"] = "刘教授等5人",
    };

    public static async Task<(Browser Browser, int Id)> DraftAsync(ShenbaoApp app, Dictionary<string, string>? form = null)
    {
        var browser = await Browser.For(app).SignInAsync("hynu-admin");
        var created = await browser.SubmitAsync(await browser.GetAsync("/Applications/Create?category=basic-research"), new Dictionary<string, string> { ["Input.Category"] = "basic-research" });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var id = int.Parse(created.Location!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await browser.SubmitAsync(await browser.GetAsync($"/Applications/Edit/{id}"), form ?? Form, "#application-form");
        return (browser, id);
    }

    public static async Task UploadAsync(Browser browser, int id, string purpose, string name, byte[] content)
    {
        var page = await browser.GetAsync($"/Applications/Edit/{id}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Browser.Token(page)), "__RequestVerificationToken" },
            { new StringContent(purpose), "purpose" },
            { new ByteArrayContent(content), "file", name },
        };
        var response = await browser.Client.PostAsync(new Uri($"/Applications/Edit/{id}?handler=Upload", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>A complete draft. Each platform takes two applications a call (限报2项): earlier tests' submissions are withdrawn first, as their applicant would.</summary>
    public static async Task<(Browser Browser, int Id)> SubmittableAsync(ShenbaoApp app)
    {
        List<int> lodged;
        await using (var db = app.Db())
            lodged = await db.Applications.Where(a => a.PlatformId == "lab" && a.Status == ApplicationStatus.Submitted).Select(a => a.Id).ToListAsync();
        var hynu = await Browser.For(app).SignInAsync("hynu-admin");
        foreach (var other in lodged)
            Assert.Equal(HttpStatusCode.Redirect, (await hynu.SubmitAsync(await hynu.GetAsync($"/Applications/Details/{other}"), new Dictionary<string, string>(), "form[action*=Withdraw]")).Status);
        var (browser, id) = await DraftAsync(app);
        await UploadAsync(browser, id, "platform-approval", "平台批复.pdf", Approval);
        await UploadAsync(browser, id, "recommendation-letter", "推荐函.pdf", Letter);
        return (browser, id);
    }

    public static async Task<Browser.Page> SubmitAsync(Browser browser, int id) =>
        await browser.SubmitAsync(await browser.GetAsync($"/Applications/Submit/{id}"), new Dictionary<string, string>());

}
