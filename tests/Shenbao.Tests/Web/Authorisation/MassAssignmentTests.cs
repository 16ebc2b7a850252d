using System.Net;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;

namespace Shenbao.Tests.Web.Authorisation;

/// <summary>
/// Mass assignment: each form binds only what its page lets people type. Fields added to a real form — the state,
/// the owner, a role, a district, a receipt — are ignored: the post does what the form does and no more.
/// </summary>
public sealed class MassAssignmentTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    [Fact]
    public async Task The_editor_saves_the_forms_fields_and_not_the_applications_state_owner_or_receipt()
    {
        var applicant = await Browser.For(app).SignInAsync("zhiheng-leader");
        int id, hynu;
        await using (var db = app.Db())
        {
            id = await db.Applications.Where(a => a.Organisation.Name == "衡阳智衡计量科技有限公司" && a.Status == ApplicationStatus.Draft).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
            hynu = await db.Organisations.Where(o => o.Name == "衡阳师范学院").Select(o => o.Id).SingleAsync();
        }
        var before = await Lifecycle.StoredAsync(app, id);
        string other;
        await using (var db = app.Db())
            other = (await db.Applications.Where(a => a.OrganisationId == before.OrganisationId && a.Id != id && a.Status == ApplicationStatus.Draft).Select(a => a.Id).FirstAsync())
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
        var otherBefore = await Lifecycle.StoredAsync(app, int.Parse(other, System.Globalization.CultureInfo.InvariantCulture));

        var saved = await applicant.SubmitAsync(await applicant.GetAsync($"/Applications/Edit/{id}"), new Dictionary<string, string>
        {
            ["F[project__title]"] = "改过的项目名称",
            // not on the form: the state, the owner, the receipt and the applicant's own facts (they come from the profile)
            ["Status"] = "Approved", ["OrganisationId"] = hynu.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ReceiptNo"] = "HY-FORGED",
            // and another of the organisation's applications named in the body: the URL says which one is saved
            ["SubmittedAt"] = "2025-01-01", ["id"] = other, ["Id"] = other, ["CreatedById"] = "someone",
            ["F[status]"] = "Approved", ["F[applicant__creditCode]"] = "91430400MA4L0X0X1H", ["F[applicant__name]"] = "冒名单位",
        }, "#application-form", handler: "Save");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var after = await Lifecycle.StoredAsync(app, id);
        Assert.Contains("改过的项目名称", after.FormJson, StringComparison.Ordinal);   // what the form does, it did
        Assert.Equal(ApplicationStatus.Draft, after.Status);
        Assert.Equal(before.OrganisationId, after.OrganisationId);
        Assert.Null(after.ReceiptNo);
        Assert.Null(after.SubmittedAt);
        Assert.Equal(before.CreatedById, after.CreatedById);
        Assert.Equal(otherBefore.Version, (await Lifecycle.StoredAsync(app, otherBefore.Id)).Version);
        foreach (var forged in (string[])["冒名单位", "91430400MA4L0X0X1H", "\"status\"", "creditCode"])
            Assert.DoesNotContain(forged, after.FormJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_profile_does_not_change_the_organisations_name_code_district_or_status()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        Organisation before;
        await using (var db = app.Db()) before = await db.Organisations.AsNoTracking().SingleAsync(o => o.Name == "衡阳智衡计量科技有限公司");

        var saved = await admin.SubmitAsync(await admin.GetAsync("/Organisation/Profile"), new Dictionary<string, string>
        {
            ["Input.Employees"] = "187",
            ["Input.Name"] = "冒名单位", ["Input.CreditCode"] = "91430400MA4L0X0X1H", ["Input.District"] = "珠晖区", ["Input.Status"] = "Pending",
            ["Name"] = "冒名单位", ["District"] = "珠晖区", ["Status"] = "Pending", ["Kind"] = "university",
        }, "#profile");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        await using (var db = app.Db())
        {
            var after = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == before.Id);
            Assert.Contains("187", after.ProfileJson, StringComparison.Ordinal);   // what the form does, it did
            Assert.DoesNotContain("冒名单位", after.ProfileJson, StringComparison.Ordinal);
            Assert.Equal((before.Name, before.CreditCode, before.District, before.Kind, before.Status), (after.Name, after.CreditCode, after.District, after.Kind, after.Status));
        }
    }

    [Fact]
    public async Task An_active_organisations_registration_is_not_changed_by_posting_it_again()
    {
        var admin = await Browser.For(app).SignInAsync("hynu-admin");
        Organisation before;
        await using (var db = app.Db()) before = await db.Organisations.AsNoTracking().SingleAsync(o => o.Name == "衡阳师范学院");

        // the page only shows an active registration (the 推荐单位's record now): a forged post of its fields changes nothing
        var page = await admin.GetAsync("/Account/Registration");
        Assert.Null(page.Document.QuerySelector("#registration-form"));
        await admin.PostAsync("/Account/Registration", [new("__RequestVerificationToken", Browser.Token(await admin.GetAsync("/Account/ChangePassword"))),
            new("Version", before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Name", "冒名单位"), new("Input.CreditCode", before.CreditCode), new("Input.Kind", "enterprise"), new("Input.District", "衡阳高新技术产业开发区"),
            new("Input.ContactName", "某人"), new("Input.ContactPhone", "0734-8880000"), new("Input.Status", "Pending")]);

        await using (var db = app.Db())
        {
            var after = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == before.Id);
            Assert.Equal((before.Name, before.District, before.Kind, before.Status, before.Version), (after.Name, after.District, after.Kind, after.Status, after.Version));
        }
    }

    [Fact]
    public async Task An_organisation_administrator_adds_a_project_leader_and_never_a_role_of_their_choosing()
    {
        var admin = await Browser.For(app).SignInAsync("zhiheng-admin");
        var posted = await admin.SubmitAsync(await admin.GetAsync("/Organisation/Users"), new Dictionary<string, string>
        {
            ["Input.UserName"] = "zhiheng-mass", ["Input.DisplayName"] = "钱工", ["Input.Email"] = "zhiheng-mass@example.com",
            ["Input.Role"] = Roles.Bureau, ["Role"] = Roles.SystemAdmin, ["Input.OrganisationId"] = "2", ["OrganisationId"] = "2",
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        await using var db = app.Db();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "zhiheng-mass");
        Assert.Equal([Roles.ProjectLeader], await RolesOfAsync(db, user.Id));
        Assert.Equal(await db.Organisations.Where(o => o.Name == "衡阳智衡计量科技有限公司").Select(o => (int?)o.Id).SingleAsync(), user.OrganisationId);
    }

    [Fact]
    public async Task The_system_administrator_opens_an_account_without_a_role_whatever_is_posted()
    {
        var sysadmin = await Browser.For(app).SignInAsync("sysadmin");
        var posted = await sysadmin.SubmitAsync(await sysadmin.GetAsync("/Admin/Users"), new Dictionary<string, string>
        {
            ["Input.UserName"] = "kjj-mass", ["Input.DisplayName"] = "新同事", ["Input.Email"] = "kjj-mass@example.com", ["Input.District"] = "",
            ["Input.Role"] = Roles.SecurityAdmin, ["Role"] = Roles.Bureau, ["role"] = Roles.AuditAdmin, ["Input.Roles"] = Roles.Bureau,
        }, "form[action*='handler=Create']");

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        await using var db = app.Db();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "kjj-mass");
        Assert.Empty(await RolesOfAsync(db, user.Id));
    }

    [Fact]
    public async Task A_registration_is_pending_and_its_person_an_organisation_administrator_whatever_is_posted()
    {
        var visitor = Browser.For(app);
        var code = Registration.NewCreditCode();
        var userName = Registration.NewUserName();
        var form = Registration.Form(code, userName);
        form["Input.Status"] = "Active"; form["Status"] = "Active"; form["Role"] = Roles.Bureau; form["Input.Role"] = Roles.Bureau;
        form["ActivatedBy"] = "高新区科技局"; form["Input.ActivatedAt"] = "2025-01-01";

        var posted = await visitor.SubmitAsync(await visitor.GetAsync("/Account/Register"), form);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        await using var db = app.Db();
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.CreditCode == code);
        Assert.Equal(OrganisationStatus.Pending, organisation.Status);
        Assert.Null(organisation.ActivatedBy);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        Assert.Equal([Roles.OrgAdmin], await RolesOfAsync(db, user.Id));
    }

    private static Task<List<string>> RolesOfAsync(AppDbContext db, string userId) =>
        db.UserRoles.Where(r => r.UserId == userId).Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name!).ToListAsync();
}
