namespace Shenbao.Tests.Web;

/// <summary>
/// Failed sign-ins, lockouts and permission denials reach the log (category Shenbao.Security) as they reach the audit
/// trail — with the account's id and the address, never the name or password typed, nor the path as the client wrote it.
/// </summary>
public sealed class SecurityEventLogTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private IEnumerable<string> SecurityLines => app.Logs.Lines.Where(l => l.Contains("Security event", StringComparison.Ordinal));

    private static async Task WrongPasswordAsync(Browser visitor, string userName, string password) =>
        await visitor.SubmitAsync(await visitor.GetAsync("/Account/Login"), new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });

    [Fact]
    public async Task Wrong_passwords_and_the_lock_they_bring_are_logged_without_what_was_typed()
    {
        var visitor = Browser.For(app);
        string id;
        using (var db = app.Db()) id = db.Users.Single(u => u.UserName == "zhuhui-recommender").Id;
        var before = SecurityLines.Count(l => l.Contains(id, StringComparison.Ordinal));

        for (var i = 0; i < 5; i++) await WrongPasswordAsync(visitor, "zhuhui-recommender", "Typed-Secret-9137");

        var lines = SecurityLines.Where(l => l.Contains(id, StringComparison.Ordinal)).Skip(before).ToList();
        Assert.Equal(4, lines.Count(l => l.Contains("Security event SignInFailed", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("Security event LockedOut", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("Typed-Secret-9137", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("zhuhui-recommender", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_name_no_account_has_is_logged_as_no_account_not_as_typed()
    {
        var visitor = Browser.For(app);

        await WrongPasswordAsync(visitor, "13812345678\r\n2026-12-03 INFO forged", "Typed-Secret-5521");

        Assert.Contains(SecurityLines, l => l.Contains("SignInFailed (Failure) for account (no such account)", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("13812345678", StringComparison.Ordinal) || l.Contains("forged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signed_in_person_refused_a_page_is_logged_and_audited_by_the_pages_route_not_the_path_sent()
    {
        var applicant = await Browser.For(app).SignInAsync("zhiheng-admin");
        string id;
        using (var db = app.Db()) id = db.Users.Single(u => u.UserName == "zhiheng-admin").Id;

        var refused = await applicant.GetAsync("/Bureau/Applications?q=%0D%0A2026-12-03%20INFO%20forged");

        Assert.StartsWith("http://localhost/Account/Denied", refused.Location, StringComparison.Ordinal);
        var line = Assert.Single(SecurityLines, l => l.Contains("PermissionDenied", StringComparison.Ordinal) && l.Contains("Bureau/Applications", StringComparison.Ordinal));
        Assert.Contains("(OrgAdmin)", line, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("forged", StringComparison.Ordinal));
        using (var db = app.Db())
        {
            var row = Assert.Single(db.AuditTrail.Where(a => a.Action == Shenbao.Domain.Audit.AuditAction.PermissionDenied && a.UserId == id).ToList());
            Assert.Equal(Shenbao.Domain.Audit.AuditOutcome.Refused, row.Outcome);
            Assert.Equal("OrgAdmin", row.Role);
            Assert.Equal(("page", "Bureau/Applications"), (row.ObjectType, row.ObjectId));
        }
    }

    [Fact]
    public async Task Refusals_of_one_account_at_one_route_are_one_row_a_minute_and_every_one_a_log_line()
    {
        var applicant = await Browser.For(app).SignInAsync("hynu-admin");
        string id;
        using (var db = app.Db()) id = db.Users.Single(u => u.UserName == "hynu-admin").Id;
        int Rows()
        {
            using var db = app.Db();
            return db.AuditTrail.Count(a => a.Action == Shenbao.Domain.Audit.AuditAction.PermissionDenied && a.UserId == id && a.ObjectId == "Audit");
        }
        int Lines() => SecurityLines.Count(l => l.Contains("PermissionDenied", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal) && l.EndsWith("at Audit from (null)", StringComparison.Ordinal));

        for (var i = 0; i < 5; i++) await applicant.GetAsync("/Audit");
        Assert.Equal((1, 5), (Rows(), Lines()));

        app.Clock.Now += TimeSpan.FromMinutes(1);
        await applicant.GetAsync("/Audit");
        Assert.Equal((2, 6), (Rows(), Lines()));
    }

    [Fact]
    public async Task A_visitor_sent_to_sign_in_is_no_denial()
    {
        using (var db = app.Db()) Assert.DoesNotContain(db.AuditTrail, a => a.Action == Shenbao.Domain.Audit.AuditAction.PermissionDenied && a.UserId == null);

        var visitor = Browser.For(app);
        var sent = await visitor.GetAsync("/Bureau/Applications");

        Assert.Contains("/Account/Login", sent.Location, StringComparison.Ordinal);
        using (var db = app.Db()) Assert.DoesNotContain(db.AuditTrail, a => a.Action == Shenbao.Domain.Audit.AuditAction.PermissionDenied && a.UserId == null);
    }
}
