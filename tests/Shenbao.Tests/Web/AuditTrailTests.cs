using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;

namespace Shenbao.Tests.Web;

/// <summary>
/// What the audit trail records of people's actions through the pages, that a change and its row are one transaction,
/// and that only the 审计管理员 reads it.
/// </summary>
public sealed class AuditTrailTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private AuditEntry Last(AuditAction action) => AuditTrail.Rows(app).Last(r => r.Action == action);

    [Fact]
    public void The_demo_trail_and_the_start_up_configuration_verify()
    {
        var rows = AuditTrail.Rows(app);

        Assert.IsType<ChainCheck.Holds>(AuditTrail.Verify(app));
        Assert.True(rows.Count >= 30, $"{rows.Count} rows");
        var config = rows.Last(r => r.Action == AuditAction.ConfigChange);
        Assert.Contains("申报指南：hengyang-2025", config.Details, StringComparison.Ordinal);
        Assert.Contains("演示模式：开", config.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void The_migrated_database_guards_the_audit_table_with_its_triggers()
    {
        using var db = app.Db();
        var triggers = db.Database.IsNpgsql()
            ? db.Database.SqlQueryRaw<string>("""SELECT tgname::text AS "Value" FROM pg_trigger WHERE tgrelid = '"AuditTrail"'::regclass AND NOT tgisinternal""").ToList()
            : db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditTrail'").ToList();

        Assert.Equal(db.Database.IsNpgsql()
                ? ["AuditTrail_Continues", "AuditTrail_NoChange", "AuditTrail_NoTruncate"]
                : ["AuditTrail_Continues", "AuditTrail_NoDelete", "AuditTrail_NoUpdate"],
            triggers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Two_audited_saves_in_one_transaction_continue_each_other_and_commit_together()
    {
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var step in new[] { "第一步", "第二步" })
            {
                db.Audit(new AuditEntry { At = app.Clock.Now, Action = AuditAction.CallChange, ObjectType = AuditEntry.Objects.Call, ObjectId = "test", Outcome = AuditOutcome.Success, Details = step });
                await db.SaveChangesAsync();
            }
            await transaction.CommitAsync();
        }

        Assert.Equal(["第一步", "第二步"], AuditTrail.Rows(app).TakeLast(2).Select(r => r.Details));
        Assert.IsType<ChainCheck.Holds>(AuditTrail.Verify(app));
    }

    [Fact]
    public void A_setting_changed_while_the_site_runs_is_recorded_once_and_an_unchanged_reload_adds_nothing()
    {
        var configuration = (Microsoft.Extensions.Configuration.IConfigurationRoot)app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        var before = AuditTrail.Rows(app).Count(r => r.Action == AuditAction.ConfigChange);

        configuration["Shenbao:Reminders:DaysBeforeDeadline"] = "5";
        configuration.Reload();
        configuration.Reload();

        var changes = AuditTrail.Rows(app).Where(r => r.Action == AuditAction.ConfigChange).ToList();
        Assert.Equal(before + 1, changes.Count);
        Assert.Contains("截止提醒：提前 5 天", changes[^1].Details, StringComparison.Ordinal);
        Assert.IsType<ChainCheck.Holds>(AuditTrail.Verify(app));
    }

    [Fact]
    public async Task A_sign_in_its_failure_and_a_lockout_are_recorded_with_the_account_and_address()
    {
        var (_, userName) = await Registration.RegisterAsync(app);
        await Browser.For(app).SignInAsync(userName, Registration.Password);
        var signedIn = Last(AuditAction.SignIn);
        var visitor = Browser.For(app);
        for (var i = 0; i < 5; i++)
            await visitor.SubmitAsync(await visitor.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = "Wrong-password-1" });
        var unknown = "nobody-" + Guid.NewGuid().ToString("N");
        await visitor.SubmitAsync(await visitor.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = unknown, ["Input.Password"] = "Wrong-password-1" });

        Assert.Equal(userName, signedIn.UserName);
        Assert.Equal(Roles.OrgAdmin, signedIn.Role);
        Assert.Equal(AuditOutcome.Success, signedIn.Outcome);
        var rows = AuditTrail.Rows(app).Where(r => r.UserName == userName).ToList();
        Assert.Equal(4, rows.Count(r => r.Action == AuditAction.SignInFailed && r.Outcome == AuditOutcome.Failure));
        var locked = Assert.Single(rows, r => r.Action == AuditAction.LockedOut);
        Assert.Equal(AuditOutcome.Refused, locked.Outcome);
        var stranger = Last(AuditAction.SignInFailed);
        Assert.Equal(unknown, stranger.UserName);
        Assert.Null(stranger.UserId);
        Assert.IsType<ChainCheck.Holds>(AuditTrail.Verify(app));
    }

    [Fact]
    public async Task Parallel_wrong_passwords_at_one_account_each_count_and_each_leave_a_row()
    {
        var (_, userName) = await Registration.RegisterAsync(app);
        var visitors = Enumerable.Range(0, 8).Select(_ => Browser.For(app)).ToList();
        var forms = await Task.WhenAll(visitors.Select(v => v.GetAsync("/Account/Login")));

        var answers = await Task.WhenAll(visitors.Zip(forms, (v, form) => v.SubmitAsync(form, new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = "Wrong-password-1" })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var rows = AuditTrail.Rows(app).Where(r => r.UserName == userName && r.Action is AuditAction.SignInFailed or AuditAction.LockedOut).ToList();
        Assert.Equal(8, rows.Count);
        Assert.Equal(4, rows.Count(r => r.Action == AuditAction.SignInFailed));   // the fifth locks the account; the rest find it locked
        Assert.Equal(4, answers.Count(a => a.Text.Contains("账号已锁定", StringComparison.Ordinal)));
        using (var db = app.Db()) Assert.True(db.Users.Single(u => u.UserName == userName).LockoutEnd > app.Clock.Now);
        Assert.IsType<ChainCheck.Holds>(AuditTrail.Verify(app));
    }

    [Fact]
    public async Task An_activation_whose_audit_row_cannot_be_written_leaves_the_organisation_pending_and_nobody_told()
    {
        var (code, _) = await Registration.RegisterAsync(app);
        int id, notices;
        using (var db = app.Db()) (id, notices) = (db.Organisations.Single(o => o.CreditCode == code).Id, db.Notifications.Count());
        var recommender = await Browser.For(app).SignInAsync("gaoxin-recommender");
        var page = await recommender.GetAsync("/Recommender/Organisations");

        Browser.Page answer;
        using (AuditTrail.Failing(app))
            answer = await recommender.SubmitAsync(page, new Dictionary<string, string>(), $"form[data-organisation='{id}']");

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        using (var db = app.Db())
        {
            Assert.Equal(OrganisationStatus.Pending, db.Organisations.AsNoTracking().Single(o => o.Id == id).Status);
            Assert.Equal(notices, db.Notifications.Count());
            Assert.Equal(0, db.Outbox.Count(m => m.Subject == "单位已激活" && m.Body.Contains(code)));
        }
        Assert.IsType<ChainCheck.Holds>(AuditTrail.Verify(app));
    }

    [Fact]
    public async Task Registration_activation_and_a_profile_change_are_recorded_as_the_objects_they_change()
    {
        var (code, userName) = await Registration.RegisterAsync(app);
        int id;
        using (var db = app.Db()) id = db.Organisations.Single(o => o.CreditCode == code).Id;
        var recommender = await Browser.For(app).SignInAsync("gaoxin-recommender");
        await recommender.SubmitAsync(await recommender.GetAsync("/Recommender/Organisations"), new Dictionary<string, string>(), $"form[data-organisation='{id}']");

        var registered = AuditTrail.Rows(app).Last(r => r.Action == AuditAction.Register);
        var activated = Last(AuditAction.Activate);
        Assert.Equal(userName, registered.UserName);
        Assert.Contains(code, registered.Details, StringComparison.Ordinal);
        Assert.Equal(("organisation", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (activated.ObjectType, activated.ObjectId));
        Assert.Equal("gaoxin-recommender", activated.UserName);
        Assert.Equal(Roles.Recommender, activated.Role);

        var admin = await Browser.For(app).SignInAsync(userName, Registration.Password);
        var profile = await admin.GetAsync("/Organisation/Profile");
        var saved = await admin.SubmitAsync(profile, new Dictionary<string, string> { ["Input.Employees"] = "57" }, "form#profile");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var change = Last(AuditAction.ProfileChange);
        Assert.Equal(userName, change.UserName);
        Assert.Equal(id, change.OrganisationId);
        Assert.Contains("职工总数", change.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("57", change.Details, StringComparison.Ordinal);   // which facts changed, not what they now say
    }

    [Fact]
    public async Task Creating_filling_uploading_removing_and_submitting_each_leave_a_row_on_the_application()
    {
        var (browser, id) = await BasicResearch.SubmittableAsync(app);
        string number;
        using (var db = app.Db()) number = db.Applications.Single(a => a.Id == id).Number;
        await BasicResearch.UploadAsync(browser, id, "platform-approval", "多余的批复.pdf", "%PDF-1.4\n% 多余\n%%EOF\n"u8.ToArray());
        int extraId;
        using (var db = app.Db()) extraId = db.Attachments.Where(a => a.ApplicationId == id).OrderBy(a => a.Id).Last().Id;
        var removed = await browser.PostAsync($"/Applications/Edit/{id}?handler=RemoveAttachment", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browser.Token(await browser.GetAsync($"/Applications/Edit/{id}")), ["attachmentId"] = extraId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await BasicResearch.SubmitAsync(browser, id)).Status);

        var rows = AuditTrail.Rows(app).Where(r => r.ObjectId == number).ToList();
        Assert.Equal([AuditAction.Create, AuditAction.Edit, AuditAction.Upload, AuditAction.Upload, AuditAction.Upload, AuditAction.RemoveFile, AuditAction.Submit],
            rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal(("hynu-admin", Roles.OrgAdmin, "application"), (r.UserName, r.Role, r.ObjectType)));
        Assert.Contains("项目名称", rows[1].Details, StringComparison.Ordinal);
        Assert.Contains("多余的批复.pdf", rows[5].Details, StringComparison.Ordinal);
        using (var db = app.Db())
            Assert.Contains(db.Applications.Single(a => a.Id == id).ReceiptNo!, rows[^1].Details, StringComparison.Ordinal);
        Assert.IsType<ChainCheck.Holds>(AuditTrail.Verify(app));
    }

    [Fact]
    public async Task A_submission_whose_audit_row_cannot_be_written_is_rolled_back_whole()
    {
        var (browser, id) = await BasicResearch.SubmittableAsync(app);
        var before = AuditTrail.Rows(app).Count;
        int notices;
        using (var db = app.Db()) notices = db.Notifications.Count();

        Browser.Page page;
        using (AuditTrail.Failing(app))
            page = await BasicResearch.SubmitAsync(browser, id);

        Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
        Assert.DoesNotContain("audit store unavailable", page.Text, StringComparison.Ordinal);   // no internals shown
        using (var db = app.Db())
        {
            var application = db.Applications.AsNoTracking().Include(a => a.Events).Include(a => a.Snapshots).Single(a => a.Id == id);
            Assert.Equal(ApplicationStatus.Draft, application.Status);
            Assert.Null(application.ReceiptNo);
            Assert.Empty(application.Snapshots);
            Assert.DoesNotContain(application.Events, e => e.Action == ApplicationAction.Submit);
            Assert.Equal(notices, db.Notifications.Count());   // nor told anyone of a submission that did not happen
        }
        Assert.Equal(before, AuditTrail.Rows(app).Count);
        Assert.IsType<ChainCheck.Holds>(AuditTrail.Verify(app));

        // once the trail can be written again, the same submission goes through with its row
        Assert.Equal(HttpStatusCode.Redirect, (await BasicResearch.SubmitAsync(browser, id)).Status);
        Assert.Equal(AuditAction.Submit, AuditTrail.Rows(app)[^1].Action);
    }

    [Fact]
    public async Task The_audit_admin_reads_the_trail_and_filters_it_by_person_action_object_and_date()
    {
        var auditor = await Browser.For(app).SignInAsync("auditadmin");

        var all = await auditor.GetAsync("/Audit");
        var signIns = await auditor.GetAsync("/Audit?Action=SignIn&Person=auditadmin");
        var number = AuditTrail.Rows(app).First(r => r.Action == AuditAction.Submit).ObjectId;
        var submission = await auditor.GetAsync($"/Audit?ObjectId={number}");
        var today = Shenbao.Domain.Eligibility.ChinaTime.DateOf(app.Clock.Now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var longAgo = await auditor.GetAsync("/Audit?From=2000-01-01&To=2000-01-31");
        var backwards = await auditor.GetAsync($"/Audit?From={today}&To=2000-01-01");

        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.NotEmpty(all.Document.QuerySelectorAll("#audit-rows tbody tr"));
        var rows = signIns.Document.QuerySelectorAll("#audit-rows tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("登录", r.TextContent, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains("auditadmin", r.TextContent, StringComparison.Ordinal));
        Assert.All(submission.Document.QuerySelectorAll("#audit-rows tbody tr"), r => Assert.Contains(number!, r.TextContent, StringComparison.Ordinal));
        Assert.Empty(longAgo.Document.QuerySelectorAll("#audit-rows tbody tr"));
        Assert.Contains("结束日期不能早于开始日期", backwards.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_is_an_excel_file_of_the_filtered_rows_and_is_itself_recorded()
    {
        var auditor = await Browser.For(app).SignInAsync("auditadmin");
        var page = await auditor.GetAsync("/Audit?Action=Submit");
        var expected = AuditTrail.Rows(app).Where(r => r.Action == AuditAction.Submit).ToList();

        var response = await auditor.Client.PostAsync(new Uri("/Audit?handler=Export", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browser.Token(page), ["Action"] = "Submit",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheet = file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(expected.Count, sheet.Count);
        Assert.All(sheet, row => Assert.Equal("提交申报书", row["操作"]));
        Assert.Equal(expected.Select(r => r.Hash), sheet.Select(r => (string?)r["本行哈希"]));
        var export = Last(AuditAction.Export);
        Assert.Equal("auditadmin", export.UserName);
        Assert.Contains($"导出审计日志 {expected.Count} 行", export.Details, StringComparison.Ordinal);
        Assert.Contains("操作 提交申报书", export.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sysadmin")]
    [InlineData("secadmin")]
    [InlineData("bureau-officer")]
    [InlineData("zhiheng-admin")]
    [InlineData("gaoxin-recommender")]
    public async Task Nobody_but_the_audit_admin_reads_or_exports_the_trail_the_system_admin_included(string user)
    {
        var browser = await Browser.For(app).SignInAsync(user);
        var token = Browser.Token(await browser.GetAsync("/Inbox"));
        var before = AuditTrail.Rows(app).Count(r => r.Action == AuditAction.Export);

        var page = await browser.FollowAsync(await browser.GetAsync("/Audit"));
        var export = await browser.Client.PostAsync(new Uri("/Audit?handler=Export", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        Assert.StartsWith("http://localhost/Account/Denied", export.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("/Audit", (await browser.GetAsync("/")).Document.QuerySelector("nav")!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(before, AuditTrail.Rows(app).Count(r => r.Action == AuditAction.Export));
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in()
    {
        var visitor = await Browser.For(app).GetAsync("/Audit");

        Assert.Equal(HttpStatusCode.Redirect, visitor.Status);
        Assert.StartsWith("http://localhost/Account/Login", visitor.Location, StringComparison.Ordinal);
    }
}
