using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;

namespace Shenbao.Tests.Web;

/// <summary>The applicant's journey over HTTP: create, fill with autosave and live check, upload, submit, withdraw.</summary>
public sealed class ApplicationsTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    /// <summary>Everything 重点研发 asks for, for a university: submittable once the warned field is justified.</summary>
    private static readonly Dictionary<string, string> KeyRdForm = new()
    {
        ["F[project__title]"] = "湘江流域重金属污染土壤修复关键技术",
        ["F[application__field]"] = "水污染与重金属污染治理",
        ["F[application__leader__name]"] = "刘教授",
        ["F[application__leader__title]"] = "senior",
        ["F[narrative__summary]"] = "研究重金属污染土壤的原位修复技术。",
        ["F[narrative__budget__total]"] = "1000000",
        ["F[narrative__budget__requested]"] = "300000",
        ["F[narrative__team]"] = "刘教授等8人",
    };

    private async Task<(Browser Browser, int Id)> NewDraftAsync(string user = "hynu-admin", string category = "key-rd")
    {
        var browser = await Browser.For(app).SignInAsync(user);
        var created = await browser.SubmitAsync(await browser.GetAsync($"/Applications/Create?category={category}"), new Dictionary<string, string> { ["Input.Category"] = category });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        return (browser, int.Parse(created.Location!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<Browser.Page> SaveAsync(Browser browser, int id, Dictionary<string, string> values) =>
        await browser.SubmitAsync(await browser.GetAsync($"/Applications/Edit/{id}"), values, "#application-form");

    private Application Stored(int id) => app.Db().Applications.Include(a => a.Events).Include(a => a.Attachments).Single(a => a.Id == id);

    [Fact]
    public async Task Create_shows_the_verdict_from_the_profile_beside_each_category()
    {
        var browser = await Browser.For(app).SignInAsync("zhiheng-admin");

        var page = await browser.GetAsync("/Applications/Create");

        var basic = page.Document.QuerySelector("label[for=cat-basic-research]")!.TextContent;
        Assert.Contains("暂不符合", basic, StringComparison.Ordinal);
        Assert.Contains("申报单位为企业，本类别支持对象为驻衡高校、科研院所、医院", basic, StringComparison.Ordinal);
        Assert.Contains("可以申报", page.Document.QuerySelector("label[for=cat-major-project]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_has_the_sections_of_the_guide_and_the_live_panel_its_rules()
    {
        var (browser, id) = await NewDraftAsync(category: "basic-research");

        var page = await browser.GetAsync($"/Applications/Edit/{id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        foreach (var title in new[] { "项目基本信息", "项目负责人", "依托平台或学科", "项目简介", "经费预算", "项目团队" })
            Assert.Contains(title, page.Text, StringComparison.Ordinal);
        Assert.Contains("湖南省功能金属有机材料重点实验室", page.Document.QuerySelector("#f-application-platformId")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("fail", page.Document.QuerySelector("#live-panel [data-rule=basic-platform]")!.GetAttribute("data-outcome"));
        Assert.Contains("/Guide/hengyang-2025#", page.Document.QuerySelector("#live-panel [data-rule=basic-platform] a")!.GetAttribute("href"), StringComparison.Ordinal);
        // one version field, inside the form: autosave swaps it out of band and the next save must carry it
        Assert.Single(page.Document.QuerySelectorAll("#version"));
        Assert.NotNull(page.Document.QuerySelector("#application-form #version"));
        Assert.Single(page.Document.QuerySelectorAll("#completeness"));
    }

    [Fact]
    public async Task Autosave_stores_the_draft_and_the_live_check_follows_the_figures()
    {
        var (browser, id) = await NewDraftAsync(category: "basic-research");
        var page = await browser.GetAsync($"/Applications/Edit/{id}");
        var version = Stored(id).Version;

        var panel = await browser.PostAsync($"/Applications/Edit/{id}?handler=Autosave", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browser.Token(page),
            ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["F[application__platformId]"] = "lab",
            ["F[project__title]"] = "功能材料基础研究",
        });

        Assert.Equal(HttpStatusCode.OK, panel.Status);
        Assert.Equal("pass", panel.Document.QuerySelector("[data-rule=basic-platform]")!.GetAttribute("data-outcome"));
        Assert.Contains("依托湖南省功能金属有机材料重点实验室（省级重点实验室）", panel.Text, StringComparison.Ordinal);
        Assert.Equal((version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), panel.Document.QuerySelector("#version[hx-swap-oob]")!.GetAttribute("value"));
        Assert.NotNull(panel.Document.QuerySelector("#completeness[hx-swap-oob]"));
        var stored = Stored(id);
        Assert.Equal(version + 1, stored.Version);
        Assert.Contains("功能材料基础研究", stored.FormJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_figure_is_explained_beside_its_field_and_the_other_rules_still_run()
    {
        var (browser, id) = await NewDraftAsync("zhiheng-admin", "iur-cooperation");

        await SaveAsync(browser, id, new Dictionary<string, string> { ["F[application__contract__amount]"] = "八十万", ["F[application__contract__counterpartyKind]"] = "university" });
        var page = await browser.GetAsync($"/Applications/Edit/{id}");

        Assert.Equal("应为数字", page.Document.QuerySelector("#f-application-contract-amount-error")!.TextContent.Trim());
        Assert.Equal("pass", page.Document.QuerySelector("[data-rule=iur-partner]")!.GetAttribute("data-outcome"));
        Assert.Equal("八十万", page.Document.QuerySelector("#f-application-contract-amount")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_fact_missing_for_several_rules_is_said_once_in_words_with_the_clauses_it_holds_up()
    {
        var (browser, id) = await NewDraftAsync("zhiheng-admin", "iur-cooperation");

        var page = await browser.GetAsync($"/Applications/Edit/{id}");

        var shown = page.Document.QuerySelectorAll("#live-panel li[data-rule]:not([hidden])").Where(li => li.TextContent.Contains("未提供技术合同", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(shown);
        var held = page.Document.QuerySelectorAll("#live-panel li[data-rule][hidden]").Count(li => li.TextContent.Contains("未提供技术合同", StringComparison.Ordinal)) + 1;
        Assert.True(held >= 2, $"{held} rules wait for the contract: {string.Join(" | ", page.Document.QuerySelectorAll("#live-panel li[data-rule]").Select(li => li.TextContent.Trim()))}");
        Assert.Contains($"{held} 项条件因此无法检查", line.TextContent, StringComparison.Ordinal);
        Assert.Equal("missing", line.GetAttribute("data-state"));
        Assert.DoesNotContain("application.", page.Document.QuerySelector("#live-panel")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_over_long_value_is_refused_beside_its_field_kept_on_the_page_and_not_stored()
    {
        var (browser, id) = await NewDraftAsync();
        var page = await browser.GetAsync($"/Applications/Edit/{id}");
        var before = Stored(id).FormJson;
        var title = new string('长', 30_000);

        var refused = await browser.SubmitAsync(page, new Dictionary<string, string> { ["F[project__title]"] = title }, "#application-form");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("项目名称最多 100 字，现为 30000 字，请删减", refused.Document.QuerySelector("#f-project-title-error")!.TextContent.Trim());
        Assert.Equal(title, refused.Document.QuerySelector("#f-project-title")!.GetAttribute("value"));
        Assert.Equal("100", page.Document.QuerySelector("#f-project-title")!.GetAttribute("maxlength"));
        var link = refused.Document.QuerySelector("#error-summary a[href='#f-project-title']")!;
        Assert.Equal("项目名称最多 100 字，现为 30000 字，请删减", link.TextContent);
        Assert.Contains("未保存", refused.Document.QuerySelector("#save-refused")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, Stored(id).FormJson);
    }

    [Fact]
    public async Task An_over_long_justification_is_refused_and_not_stored()
    {
        var (browser, id) = await NewDraftAsync();
        var page = await browser.GetAsync($"/Applications/Edit/{id}");
        var before = Stored(id).JustificationsJson;

        var refused = await browser.SubmitAsync(page, new Dictionary<string, string>
        {
            ["F[application__field]"] = "量子计算", ["J[field-in-list]"] = new string('理', Shenbao.Domain.Guides.FormLimits.JustificationLimit + 1),
        }, "#application-form");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains($"理由最多 {Shenbao.Domain.Guides.FormLimits.JustificationLimit} 字，现为 {Shenbao.Domain.Guides.FormLimits.JustificationLimit + 1} 字", refused.Document.QuerySelector("#save-refused")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, Stored(id).JustificationsJson);
    }

    [Fact]
    public async Task Saving_the_draft_after_an_autosave_of_the_same_page_is_no_conflict()
    {
        var (browser, id) = await NewDraftAsync();
        var page = await browser.GetAsync($"/Applications/Edit/{id}");
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browser.Token(page),
            ["Version"] = page.Document.QuerySelector("#version")!.GetAttribute("value")!,
            ["Editor"] = page.Document.QuerySelector("input[name=Editor]")!.GetAttribute("value")!,
            ["F[project__title]"] = "自动保存的标题",
        };

        // the autosave of the field just left, then the click on 保存草稿 that the page sent with the version it had before
        var autosaved = await browser.PostAsync($"/Applications/Edit/{id}?handler=Autosave", form);
        form["F[project__title]"] = "保存草稿时的标题";
        var saved = await browser.PostAsync($"/Applications/Edit/{id}?handler=Save", form);
        var shown = await browser.FollowAsync(saved);
        // two of the page's own versions ahead of what it posts (two autosaves overtook the click) are still its own
        form["F[project__title]"] = "两次自动保存之后点击时的标题";
        var twoBehind = await browser.PostAsync($"/Applications/Edit/{id}?handler=Save", form);
        var afterTwo = Stored(id).FormJson;
        // but once another page has saved, the first page's stale form is someone else's older version
        var other = await browser.GetAsync($"/Applications/Edit/{id}");
        await browser.SubmitAsync(other, new Dictionary<string, string> { ["F[project__title]"] = "另一页面的标题" }, "#application-form");
        var stale = await browser.PostAsync($"/Applications/Edit/{id}?handler=Save", form);

        Assert.DoesNotContain("已被他人修改", autosaved.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Contains("草稿已保存", shown.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, twoBehind.Status);
        Assert.Contains("两次自动保存之后点击时的标题", afterTwo, StringComparison.Ordinal);
        Assert.Contains("此申报书已被他人修改", stale.Text, StringComparison.Ordinal);
        Assert.Contains("另一页面的标题", Stored(id).FormJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_page_of_the_same_person_saving_an_older_version_is_still_refused()
    {
        var (browser, id) = await NewDraftAsync();
        var tab1 = await browser.GetAsync($"/Applications/Edit/{id}");
        var tab2 = await browser.GetAsync($"/Applications/Edit/{id}");

        await browser.SubmitAsync(tab1, new Dictionary<string, string> { ["F[project__title]"] = "第一个标签页" }, "#application-form");
        var refused = await browser.SubmitAsync(tab2, new Dictionary<string, string> { ["F[project__title]"] = "第二个标签页" }, "#application-form");

        Assert.Contains("此申报书已被他人修改，您刚才的修改没有保存", refused.Text, StringComparison.Ordinal);
        Assert.Contains("第一个标签页", Stored(id).FormJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_later_of_two_saves_of_the_same_version_is_refused_and_nothing_is_overwritten()
    {
        var (first, id) = await NewDraftAsync();
        var second = await Browser.For(app).SignInAsync("hynu-admin");
        var firstPage = await first.GetAsync($"/Applications/Edit/{id}");
        var secondPage = await second.GetAsync($"/Applications/Edit/{id}");

        await first.SubmitAsync(firstPage, new Dictionary<string, string> { ["F[project__title]"] = "第一个人的标题" }, "#application-form");
        var refused = await second.SubmitAsync(secondPage, new Dictionary<string, string> { ["F[project__title]"] = "第二个人的标题" }, "#application-form");

        Assert.Contains("此申报书已被他人修改，您刚才的修改没有保存", refused.Text, StringComparison.Ordinal);
        Assert.Contains("第一个人的标题", Stored(id).FormJson, StringComparison.Ordinal);
        Assert.DoesNotContain("第二个人的标题", Stored(id).FormJson, StringComparison.Ordinal);
        // the refused page keeps the version it was based on, so that its next save cannot overwrite the first person's
        Assert.Equal(secondPage.Document.QuerySelector("#version")!.GetAttribute("value"), refused.Document.QuerySelector("#version")!.GetAttribute("value"));
        var again = await second.SubmitAsync(refused, new Dictionary<string, string> { ["F[project__title]"] = "第二个人的标题" }, "#application-form");
        Assert.Contains("此申报书已被他人修改", again.Text, StringComparison.Ordinal);
        Assert.Contains("第一个人的标题", Stored(id).FormJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_are_typed_sniffed_and_scoped_to_the_organisation()
    {
        var (browser, id) = await NewDraftAsync(category: "basic-research");
        var page = await browser.GetAsync($"/Applications/Edit/{id}");

        var ok = await UploadAsync(browser, page, id, "platform-approval", "批复.pdf", Pdf);
        var refused = await UploadAsync(browser, page, id, "recommendation-letter", "推荐函.pdf", "MZ\u0090\0fake exe"u8.ToArray());

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Contains("的内容不是 PDF、JPG、PNG、OFD 文件", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var attachment = Assert.Single(Stored(id).Attachments);
        Assert.Equal(("platform-approval", "application/pdf"), (attachment.Purpose, attachment.ContentType));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), attachment.Sha256);
        // the live check sees the uploaded type: only the recommendation letter is still lacking
        var documents = (await browser.GetAsync($"/Applications/Edit/{id}")).Document.QuerySelector("[data-rule=basic-documents]")!;
        Assert.Contains("缺少平台负责人、学科带头人推荐函", documents.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("缺少平台、学科批复文件", documents.TextContent, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> UploadAsync(Browser browser, Browser.Page page, int id, string purpose, string name, byte[] content)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Browser.Token(page)), "__RequestVerificationToken" },
            { new StringContent(purpose), "purpose" },
            { new ByteArrayContent(content), "file", name },
        };
        return await browser.Client.PostAsync(new Uri($"/Applications/Edit/{id}?handler=Upload", UriKind.Relative), form);
    }

    [Fact]
    public async Task Another_organisations_application_is_not_found_and_other_roles_are_kept_out()
    {
        var (_, id) = await NewDraftAsync();
        var stranger = await Browser.For(app).SignInAsync("zhiheng-admin");
        var recommender = await Browser.For(app).SignInAsync("gaoxin-recommender");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Applications/Edit/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Applications/Details/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Applications/Submit/{id}")).Status);
        Assert.DoesNotContain((await stranger.GetAsync("/Applications")).Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/Applications/Edit/{id}");
        var denied = await recommender.GetAsync("/Applications");
        Assert.Equal(HttpStatusCode.Redirect, denied.Status);
        Assert.Contains("/Account/Denied", denied.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_autosave_without_antiforgery_token_is_refused()
    {
        var (browser, id) = await NewDraftAsync();

        var response = await browser.PostAsync($"/Applications/Edit/{id}?handler=Autosave", new Dictionary<string, string> { ["Version"] = "0", ["F[project__title]"] = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Submission_needs_every_required_field_then_a_justification_for_each_warning_and_gives_a_receipt()
    {
        var (browser, id) = await NewDraftAsync();
        await SaveAsync(browser, id, new Dictionary<string, string> { ["F[project__title]"] = "只有标题" });

        var incomplete = await browser.GetAsync($"/Applications/Submit/{id}");
        Assert.Contains("还有", incomplete.Document.QuerySelector("#refusal")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("项目简介", incomplete.Document.QuerySelector("#refusal")!.TextContent, StringComparison.Ordinal);

        await SaveAsync(browser, id, new Dictionary<string, string>(KeyRdForm) { ["F[application__field]"] = "量子信息" });
        var unjustified = await browser.SubmitAsync(await browser.GetAsync($"/Applications/Submit/{id}"), new Dictionary<string, string>());
        Assert.Contains("须填写理由后才能提交", unjustified.Text, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Draft, Stored(id).Status);

        await SaveAsync(browser, id, new Dictionary<string, string>(KeyRdForm) { ["F[application__field]"] = "量子信息", ["J[field-in-list]"] = "量子信息属于我市新兴产业方向" });
        var submitted = await browser.SubmitAsync(await browser.GetAsync($"/Applications/Submit/{id}"), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, submitted.Status);

        var details = await browser.GetAsync(submitted.Location!);
        var stored = Stored(id);
        Assert.Equal(ApplicationStatus.Submitted, stored.Status);
        Assert.Equal(stored.ReceiptNo, details.Document.QuerySelector("#receipt-no")!.TextContent);
        Assert.Matches("^[0-9a-f]{64}$", details.Document.QuerySelector("#receipt-hash")!.TextContent);
        Assert.Equal(app.Clock.Now, stored.SubmittedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Contains("提交", details.Document.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
        // the content reads as people wrote it: words for codes, amounts with separators
        Assert.Contains("正高级职称", details.Text, StringComparison.Ordinal);
        Assert.Contains("1,000,000 元", details.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(">senior<", details.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/Applications/Edit/{id}")).Status);   // locked
    }

    [Fact]
    public async Task A_submitted_application_cannot_be_changed_by_a_page_left_open()
    {
        var (browser, id) = await NewDraftAsync();
        await SaveAsync(browser, id, new Dictionary<string, string>(KeyRdForm) { ["F[application__field]"] = "节能环保" });
        var stale = await browser.GetAsync($"/Applications/Edit/{id}");
        await browser.SubmitAsync(await browser.GetAsync($"/Applications/Submit/{id}"), new Dictionary<string, string>());
        var hash = Stored(id).ContentHash;

        var panel = await browser.PostAsync($"/Applications/Edit/{id}?handler=Autosave", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browser.Token(stale),
            ["Version"] = stale.Document.QuerySelector("#version")!.GetAttribute("value")!,
            ["F[project__title]"] = "提交后偷偷改的标题",
        });

        Assert.Contains("该申报书已提交，不能再修改", panel.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("提交后偷偷改的标题", Stored(id).FormJson, StringComparison.Ordinal);
        Assert.Equal(hash, Stored(id).ContentHash);
    }

    [Fact]
    public async Task A_failing_rule_blocks_submission()
    {
        var (browser, id) = await NewDraftAsync("zhiheng-admin", "basic-research");
        await SaveAsync(browser, id, new Dictionary<string, string>(KeyRdForm) { ["F[application__platformId]"] = "erc" });

        var page = await browser.GetAsync($"/Applications/Submit/{id}");

        Assert.Contains("申报单位为企业，本类别支持对象为驻衡高校、科研院所、医院", page.Document.QuerySelector("#refusal")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("button[type=submit][disabled]"));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    public async Task The_deadline_is_checked_to_the_millisecond(int millisecondsFromDeadline, bool accepted)
    {
        var (browser, id) = await NewDraftAsync();
        await SaveAsync(browser, id, new Dictionary<string, string>(KeyRdForm) { ["F[application__field]"] = "节能环保" });
        var deadline = app.Db().Calls.Single().Deadline;
        var before = app.Clock.Now;
        app.Clock.Now = deadline.AddMilliseconds(millisecondsFromDeadline);
        try
        {
            // the sign-in cookie lives 30 minutes on the same clock: sign in again at the new time
            await browser.SignInAsync("hynu-admin");
            var page = await browser.GetAsync($"/Applications/Submit/{id}");
            var result = await browser.SubmitAsync(page, new Dictionary<string, string>());

            Assert.Equal(accepted ? ApplicationStatus.Submitted : ApplicationStatus.Draft, Stored(id).Status);
            if (!accepted) Assert.Contains("截止，不能再提交", result.Text, StringComparison.Ordinal);
        }
        finally
        {
            app.Clock.Now = before;
        }
    }

    [Fact]
    public async Task Fifty_parallel_submits_give_one_receipt()
    {
        var (browser, id) = await NewDraftAsync();
        await SaveAsync(browser, id, new Dictionary<string, string>(KeyRdForm) { ["F[application__field]"] = "节能环保" });
        var token = Browser.Token(await browser.GetAsync($"/Applications/Submit/{id}"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            browser.PostAsync($"/Applications/Submit/{id}", new Dictionary<string, string> { ["__RequestVerificationToken"] = token })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.Status));
        var stored = Stored(id);
        Assert.Equal(ApplicationStatus.Submitted, stored.Status);
        Assert.Single(stored.Events, e => e.Action == ApplicationAction.Submit);
        Assert.NotNull(stored.ReceiptNo);
        // one submission, one audit row, and fifty requests appending at once left one unbroken chain
        Assert.Single(AuditTrail.Rows(app), r => r.Action == Shenbao.Domain.Audit.AuditAction.Submit && r.ObjectId == stored.Number);
        Assert.IsType<Shenbao.Domain.Audit.ChainCheck.Holds>(AuditTrail.Verify(app));
    }

    [Fact]
    public async Task Withdrawal_returns_a_submitted_application_to_draft_but_not_a_recommended_one()
    {
        var (browser, id) = await NewDraftAsync();
        await SaveAsync(browser, id, new Dictionary<string, string>(KeyRdForm) { ["F[application__field]"] = "节能环保" });
        await browser.SubmitAsync(await browser.GetAsync($"/Applications/Submit/{id}"), new Dictionary<string, string>());

        var withdrawn = await browser.SubmitAsync(await browser.GetAsync($"/Applications/Details/{id}"), new Dictionary<string, string>(), "form[action*=Withdraw]");

        Assert.Equal(HttpStatusCode.Redirect, withdrawn.Status);
        Assert.Equal(ApplicationStatus.Draft, Stored(id).Status);
        Assert.Single(Stored(id).Events, e => e.Action == ApplicationAction.Withdraw);

        await browser.SubmitAsync(await browser.GetAsync($"/Applications/Submit/{id}"), new Dictionary<string, string>());
        var details = await browser.GetAsync($"/Applications/Details/{id}");
        await using (var db = app.Db())
        {
            await db.Applications.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ApplicationStatus.Recommended));
        }
        var refused = await browser.PostAsync($"/Applications/Details/{id}?handler=Withdraw", new Dictionary<string, string> { ["__RequestVerificationToken"] = Browser.Token(details) });

        Assert.Contains("当前状态（已推荐）不能撤回", refused.Text, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Recommended, Stored(id).Status);
        Assert.EndsWith("-2", Stored(id).ReceiptNo, StringComparison.Ordinal);
    }
}
