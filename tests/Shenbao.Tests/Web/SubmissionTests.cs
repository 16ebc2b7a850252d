using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;

namespace Shenbao.Tests.Web;

/// <summary>
/// What a submission freezes and what may no longer change after it: the snapshot, the application's number and
/// receipts, its files, and the list columns every save writes.
/// </summary>
public sealed class SubmissionTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private Application Stored(int id)
    {
        using var db = app.Db();
        return db.Applications.AsNoTracking().Include(a => a.Events).Include(a => a.Attachments).Include(a => a.Snapshots).AsSplitQuery().Single(a => a.Id == id);
    }

    private Task<(Browser Browser, int Id)> DraftAsync(Dictionary<string, string>? form = null) => BasicResearch.DraftAsync(app, form);

    private static Task UploadAsync(Browser browser, int id, string purpose, string name, byte[] content) => BasicResearch.UploadAsync(browser, id, purpose, name, content);

    private Task<(Browser Browser, int Id)> SubmittableAsync() => BasicResearch.SubmittableAsync(app);

    private static Task<Browser.Page> SubmitAsync(Browser browser, int id) => BasicResearch.SubmitAsync(browser, id);

    private static readonly byte[] Approval = BasicResearch.Approval;
    private static readonly byte[] Letter = BasicResearch.Letter;
    private static readonly Dictionary<string, string> BasicForm = BasicResearch.Form;

    private static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    [Fact]
    public async Task A_submission_freezes_the_facts_judged_the_results_and_every_file_with_its_hash()
    {
        var (browser, id) = await SubmittableAsync();

        var submitted = await SubmitAsync(browser, id);
        Assert.True(HttpStatusCode.Redirect == submitted.Status, submitted.Document.QuerySelector("#refusal")?.TextContent);

        var application = Stored(id);
        var stored = Assert.Single(application.Snapshots);
        var snapshot = stored.ToSnapshot();
        Assert.Equal(Submission.ReceiptNo(application.Number, 1), stored.ReceiptNo);
        Assert.Equal(application.ReceiptNo, stored.ReceiptNo);
        Assert.Equal(application.ContentHash, stored.Hash);
        Assert.Equal(snapshot.Hash(), stored.Hash);
        Assert.Equal(snapshot.Manifest(), stored.Manifest);
        Assert.Equal(("hengyang-2025", Requests.Guide.Version), (stored.GuideId, stored.GuideVersion));
        // the facts are the request the engine judged: the profile's platform as it was, the date, the uploads
        var facts = JsonNode.Parse(stored.Facts)!;
        Assert.Equal(stored.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (string)facts["asOf"]!);
        Assert.Equal("provincial", (string)facts["applicant"]!["platforms"]![0]!["level"]!);
        Assert.Equal(["platform-approval", "recommendation-letter"], facts["application"]!["attachments"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("功能金属有机框架材料的可控合成", snapshot.FormValues["project.title"]);
        Assert.Equal(Outcome.Pass, snapshot.RuleResults.Single(r => r.RuleId == "basic-platform").Outcome);
        Assert.Equal([("platform-approval", Sha(Approval)), ("recommendation-letter", Sha(Letter))],
            snapshot.FileRefs.Select(f => (f.Purpose, f.Sha256)));

        var details = await browser.GetAsync($"/Applications/Details/{id}");
        Assert.Equal(stored.Hash, details.Document.QuerySelector("#receipt-hash")!.TextContent);
        Assert.Equal(application.Number, details.Document.QuerySelector("#application-no")!.TextContent);
    }

    [Fact]
    public async Task The_details_show_what_was_judged_at_submission_not_todays_profile()
    {
        var (browser, id) = await SubmittableAsync();
        await SubmitAsync(browser, id);
        var before = (await browser.GetAsync($"/Applications/Details/{id}")).Document.QuerySelector("[data-rule=basic-platform]")!.OuterHtml;

        // the organisation's platform is later recorded as municipal: a new check would fail the platform rule
        await using (var db = app.Db())
        {
            var organisation = await db.Organisations.SingleAsync(o => o.Name == "衡阳师范学院");
            var original = organisation.ProfileJson;
            organisation.ProfileJson = original.Replace("\"provincial\"", "\"municipal\"", StringComparison.Ordinal);
            await db.SaveChangesAsync();
            try
            {
                var after = await browser.GetAsync($"/Applications/Details/{id}");
                Assert.Equal(before, after.Document.QuerySelector("[data-rule=basic-platform]")!.OuterHtml);
                Assert.Equal("pass", after.Document.QuerySelector("[data-rule=basic-platform]")!.GetAttribute("data-outcome"));
                Assert.Contains("省级", after.Document.QuerySelector("[data-rule=basic-platform]")!.TextContent, StringComparison.Ordinal);
            }
            finally
            {
                organisation.ProfileJson = original;
                await db.SaveChangesAsync();
            }
        }
    }

    [Fact]
    public async Task A_submission_made_before_snapshots_says_so_instead_of_judging_today_s_profile()
    {
        var (browser, id) = await DraftAsync();
        // as the migration leaves an application submitted before this change: a receipt, and no snapshot
        await using (var db = app.Db())
            await db.Applications.Where(a => a.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, ApplicationStatus.Submitted).SetProperty(a => a.ReceiptNo, "HENGYANG-2025-000099-1"));

        var page = await browser.GetAsync($"/Applications/Details/{id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("此申报在系统保存提交记录之前提交（回执号 HENGYANG-2025-000099-1）", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("#receipt"));
        Assert.Empty(page.Document.QuerySelectorAll("[data-rule]"));   // no check of today's profile stands in for the one not kept
        Assert.Contains("功能金属有机框架材料的可控合成", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attachment_cannot_be_removed_or_added_once_submitted()
    {
        var (browser, id) = await SubmittableAsync();
        var stale = await browser.GetAsync($"/Applications/Edit/{id}");
        await SubmitAsync(browser, id);
        var attachment = Stored(id).Attachments.First();

        var removal = await browser.PostAsync($"/Applications/Edit/{id}?handler=RemoveAttachment&attachmentId={attachment.Id}",
            new Dictionary<string, string> { ["__RequestVerificationToken"] = Browser.Token(stale) });
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(Browser.Token(stale)), "__RequestVerificationToken" },
            { new StringContent("platform-approval"), "purpose" },
            { new ByteArrayContent("%PDF-1.4\n% 另一份\n%%EOF\n"u8.ToArray()), "file", "另一份.pdf" },
        };
        var added = await browser.Client.PostAsync(new Uri($"/Applications/Edit/{id}?handler=Upload", UriKind.Relative), upload);

        Assert.Equal(HttpStatusCode.Redirect, removal.Status);
        Assert.Contains($"/Applications/Details/{id}", removal.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(2, Stored(id).Attachments.Count);
        Assert.Equal(Stored(id).ContentHash, Stored(id).Snapshots.Single().Hash);
    }

    /// <summary>
    /// A removal racing a submission: whichever commits first wins, and a receipt never stands for fewer files than
    /// its snapshot lists (before the fix, 3 of 40 tries gave a receipt whose application had lost its files).
    /// </summary>
    [Fact]
    public async Task A_removal_racing_a_submission_never_leaves_a_receipt_without_its_files()
    {
        var (browser, id) = await SubmittableAsync();
        var (submittedFirst, removedFirst) = (0, 0);
        for (var attempt = 0; attempt < 40; attempt++)
        {
            if (Stored(id).Attachments.Count < 2)
                await UploadAsync(browser, id, "platform-approval", "平台批复.pdf", Approval);
            var edit = await browser.GetAsync($"/Applications/Edit/{id}");
            var submitPage = await browser.GetAsync($"/Applications/Submit/{id}");
            var target = Stored(id).Attachments.Single(a => a.Purpose == "platform-approval");

            var submit = browser.PostAsync($"/Applications/Submit/{id}", new Dictionary<string, string> { ["__RequestVerificationToken"] = Browser.Token(submitPage) });
            var remove = browser.PostAsync($"/Applications/Edit/{id}?handler=RemoveAttachment&attachmentId={target.Id}",
                new Dictionary<string, string> { ["__RequestVerificationToken"] = Browser.Token(edit) });
            await Task.WhenAll(submit, remove);
            Assert.NotEqual(HttpStatusCode.InternalServerError, (await submit).Status);
            Assert.NotEqual(HttpStatusCode.InternalServerError, (await remove).Status);

            var application = Stored(id);
            if (application.Status == ApplicationStatus.Submitted)
            {
                submittedFirst++;
                var frozen = application.Snapshots.OrderBy(s => s.Id).Last().ToSnapshot().FileRefs.Select(f => (f.Purpose, f.Sha256)).Order().ToList();
                Assert.Equal(frozen, application.Attachments.Select(a => (a.Purpose, a.Sha256)).Order().ToList());
                Assert.Equal(2, frozen.Count);
                var withdrawn = await browser.SubmitAsync(await browser.GetAsync($"/Applications/Details/{id}"), new Dictionary<string, string>(), "form[action*=Withdraw]");
                Assert.Equal(HttpStatusCode.Redirect, withdrawn.Status);
            }
            else
            {
                removedFirst++;
                Assert.Single(application.Attachments);
            }
        }
        Assert.Equal(40, submittedFirst + removedFirst);
    }

    /// <summary>
    /// A profile proof removed while a submission freezes the profile: the submission's lock makes them take turns, so
    /// a snapshot lists the proof exactly when the proof is still there (the removal then refused as relied on).
    /// </summary>
    [Fact]
    public async Task A_profile_proof_removal_racing_a_submission_never_leaves_a_snapshot_listing_a_removed_proof()
    {
        var (browser, id) = await SubmittableAsync();
        var added = new List<int>();
        try
        {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var content = Shenbao.Tests.Domain.FileKindsTests.Pdf(Guid.NewGuid().ToString("N"));
            var profile = await browser.GetAsync("/Organisation/Profile");
            var uploaded = await browser.PostMultipartAsync("/Organisation/Profile?handler=Upload&group=platforms",
                [new("__RequestVerificationToken", Browser.Token(profile))], [("file-platforms", "平台认定文件.pdf", content)]);
            Assert.Equal(HttpStatusCode.Redirect, uploaded.Status);
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
            var proofId = app.Db().Attachments.Single(a => a.Sha256 == sha && a.ApplicationId == null).Id;
            added.Add(proofId);
            var submitPage = await browser.GetAsync($"/Applications/Submit/{id}");

            var submit = browser.PostAsync($"/Applications/Submit/{id}", new Dictionary<string, string> { ["__RequestVerificationToken"] = Browser.Token(submitPage) });
            var remove = browser.PostAsync($"/Organisation/Profile?handler=Remove&proofId={proofId}", new Dictionary<string, string> { ["__RequestVerificationToken"] = Browser.Token(profile) });
            await Task.WhenAll(submit, remove);
            Assert.NotEqual(HttpStatusCode.InternalServerError, (await submit).Status);
            Assert.NotEqual(HttpStatusCode.InternalServerError, (await remove).Status);

            var application = Stored(id);
            Assert.Equal(ApplicationStatus.Submitted, application.Status);
            var listed = application.Snapshots.OrderBy(s => s.Id).Last().ToSnapshot().FileRefs.Any(f => f.Sha256 == sha);
            var kept = app.Db().Attachments.Any(a => a.Id == proofId);
            Assert.Equal(listed, kept);
            var withdrawn = await browser.SubmitAsync(await browser.GetAsync($"/Applications/Details/{id}"), new Dictionary<string, string>(), "form[action*=Withdraw]");
            Assert.Equal(HttpStatusCode.Redirect, withdrawn.Status);
        }
        }
        finally
        {
            // the other tests of the class freeze 衡阳师范学院's profile and expect its demo proofs only
            await using var db = app.Db();
            await db.Attachments.Where(a => added.Contains(a.Id)).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task The_number_is_given_at_creation_and_every_receipt_derives_from_it()
    {
        var (browser, id) = await SubmittableAsync();
        var number = Stored(id).Number;
        Assert.Matches(@"^HENGYANG-2025-\d{5}$", number);

        await SubmitAsync(browser, id);
        await browser.SubmitAsync(await browser.GetAsync($"/Applications/Details/{id}"), new Dictionary<string, string>(), "form[action*=Withdraw]");
        await SubmitAsync(browser, id);

        var application = Stored(id);
        Assert.Equal(number, application.Number);
        Assert.Equal([$"{number}-1", $"{number}-2"], application.Snapshots.OrderBy(s => s.Id).Select(s => s.ReceiptNo));
        Assert.Equal($"{number}-2", application.ReceiptNo);
        // numbers are not reused: the next application gets a new one
        var (_, next) = await DraftAsync();
        Assert.NotEqual(number, Stored(next).Number);
        Assert.Equal(application.Snapshots.Count, application.Events.Count(e => e.Action == ApplicationAction.Submit));
    }

    [Fact]
    public async Task A_withdrawn_applications_receipt_is_shown_as_void_and_withdrawal_asks_first()
    {
        var (browser, id) = await SubmittableAsync();
        await SubmitAsync(browser, id);
        var details = await browser.GetAsync($"/Applications/Details/{id}");
        var receipt = Stored(id).ReceiptNo!;

        var listed = (await browser.GetAsync("/Applications")).Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(Stored(id).Number, StringComparison.Ordinal));
        Assert.Null(listed.QuerySelector(".void-receipt"));
        Assert.Contains("撤回后回执作废", details.Document.QuerySelector("form[action*=Withdraw]")!.GetAttribute("data-confirm"), StringComparison.Ordinal);

        await browser.SubmitAsync(details, new Dictionary<string, string>(), "form[action*=Withdraw]");
        var row = (await browser.GetAsync("/Applications")).Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(Stored(id).Number, StringComparison.Ordinal));

        Assert.Equal(receipt, row.QuerySelector(".void-receipt")!.TextContent);
        Assert.Contains("已撤回，作废", row.QuerySelector(".receipt")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_record_the_action_the_user_id_and_the_role()
    {
        var (browser, id) = await SubmittableAsync();
        await SubmitAsync(browser, id);
        string userId;
        await using (var db = app.Db())
            userId = (await db.Users.SingleAsync(u => u.UserName == "hynu-admin")).Id;

        var events = Stored(id).Events.OrderBy(e => e.Id).ToList();

        Assert.Equal([ApplicationAction.Create, ApplicationAction.Submit], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal((userId, ActorRole.OrgAdmin), (e.UserId, e.Role)));
        Assert.Equal((ApplicationStatus?)null, events[0].From);
        Assert.Equal((ApplicationStatus.Draft, ApplicationStatus.Submitted), (events[1].From!.Value, events[1].To));
        var timeline = (await browser.GetAsync($"/Applications/Details/{id}")).Document.QuerySelector("#timeline")!.TextContent;
        Assert.Contains("创建", timeline, StringComparison.Ordinal);
        Assert.Contains("申报单位管理员", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_save_writes_the_list_columns()
    {
        var (browser, id) = await DraftAsync();

        var application = Stored(id);
        Assert.Equal(("功能金属有机框架材料的可控合成", "新材料", "刘教授", 800_000m, 200_000m, "lab"),
            (application.Title, application.SupportField, application.LeaderName, application.TotalBudget, application.RequestedFunding, application.PlatformId));
        Assert.Equal("珠晖区", application.District);

        await browser.SubmitAsync(await browser.GetAsync($"/Applications/Edit/{id}"),
            new Dictionary<string, string>(BasicForm) { ["F[project__title]"] = "改过的标题", ["F[narrative__budget__total]"] = "" }, "#application-form");

        Assert.Equal(("改过的标题", (decimal?)null), (Stored(id).Title, Stored(id).TotalBudget));
        var list = await browser.GetAsync("/Applications");
        Assert.Contains("改过的标题", list.Text, StringComparison.Ordinal);
        Assert.Contains(Stored(id).Number, list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_budget_too_large_for_its_column_is_kept_in_the_form_and_left_out_of_the_list()
    {
        var (_, id) = await DraftAsync(new Dictionary<string, string>(BasicForm) { ["F[narrative__budget__total]"] = "99999999999999999999" });

        var application = Stored(id);
        Assert.Null(application.TotalBudget);
        Assert.Contains("99999999999999999999", application.FormJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_that_names_another_version_than_the_one_checked_is_refused()
    {
        var (browser, id) = await DraftAsync();
        var page = await browser.GetAsync($"/Applications/Edit/{id}");
        var version = Stored(id).Version;

        // a version ahead of the stored one (as a submission landing in between would make it) must not pass
        var panel = await browser.PostAsync($"/Applications/Edit/{id}?handler=Autosave", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browser.Token(page),
            ["Version"] = (version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["F[project__title]"] = "越过版本的修改",
        });

        Assert.Contains("此申报书已被他人修改", panel.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("越过版本的修改", Stored(id).FormJson, StringComparison.Ordinal);
        Assert.Equal(version, Stored(id).Version);
    }

    [Fact]
    public async Task Lists_sort_on_the_budget_column_in_the_database()
    {
        await DraftAsync(new Dictionary<string, string>(BasicForm) { ["F[narrative__budget__total]"] = "90000" });
        await DraftAsync(new Dictionary<string, string>(BasicForm) { ["F[narrative__budget__total]"] = "1,200,000.5" });
        await using var db = app.Db();

        var budgets = await db.Applications.Where(a => a.TotalBudget != null).OrderBy(a => a.TotalBudget).Select(a => a.TotalBudget!.Value).ToListAsync();

        Assert.Equal(budgets.Order().ToList(), budgets);
        Assert.Contains(1_200_000.5m, budgets);
        Assert.Contains(90_000m, budgets);
    }

    [Fact]
    public async Task The_columns_lists_filter_and_sort_on_are_indexed_in_the_database()
    {
        await using var db = app.Db();
        var sql = db.Database.IsNpgsql()
            ? "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'Applications'"
            : "SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Applications' AND sql IS NOT NULL";

        var indexes = string.Join("\n", await db.Database.SqlQueryRaw<string>(sql).ToListAsync());

        foreach (var column in new[] { "Title", "SupportField", "LeaderName", "TotalBudget", "RequestedFunding", "PlatformId", "District", "Category", "Status", "Number" })
            Assert.Contains($"\"{column}\"", indexes, StringComparison.Ordinal);
    }
}
