using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shenbao.Data;
using Shenbao.Domain.Applications;

// in Web: the PostgreSQL pass of ./test.sh runs it again on PostgreSQL, whose migration set has its own SQL
namespace Shenbao.Tests.Web;

/// <summary>
/// A database written before the workflow's values, numbers and list columns is migrated without losing a row: its
/// events' Chinese labels become actions with their actor, its applications get numbers and list columns.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("shenbao-migration-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Runs rows written as an older version would have, with @t as one instant of 2025.</summary>
    private static async Task ExecuteAsync(System.Data.Common.DbCommand command)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@t";
        var at = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        // SQLite keeps an instant as the binary form the context's converter writes; PostgreSQL as timestamptz
        parameter.Value = TestDatabase.Provider == "Sqlite" ? new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(at)! : at;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Rows_written_before_the_frozen_submissions_migration_are_carried_over()
    {
        var connection = TestDatabase.ConnectionString(folder);
        await using (var db = DataServices.Create(TestDatabase.Provider, connection))
        {
            await db.Database.EnsureDeletedAsync();
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
            // a plain command: the JSON's braces are not format placeholders
            await using var command = db.Database.GetDbConnection().CreateCommand();
            await db.Database.OpenConnectionAsync();
            command.CommandText = """
                INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName") VALUES ('r1', 'ProjectLeader', 'PROJECTLEADER'), ('r2', 'OrgAdmin', 'ORGADMIN');
                INSERT INTO "Calls" ("Id", "GuideId", "Title", "OpensAt", "Deadline", "RecommendationDeadline", "IsDemo") VALUES (1, 'hengyang-2025', '2025年批次', @t, @t, @t, false);
                INSERT INTO "Organisations" ("Id", "CreditCode", "Name", "Kind", "District", "ContactName", "ContactPhone", "Status", "RegisteredAt", "ProfileJson", "Version")
                    VALUES (1, '91430408MA7B2C3D4Y', '衡阳智衡计量科技有限公司', 'enterprise', '衡阳高新技术产业开发区', '李经理', '0734', 'Active', @t, '{}', 0);
                INSERT INTO "AspNetUsers" ("Id", "DisplayName", "IsDemo", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "OrganisationId")
                    VALUES ('u1', '王工', false, true, false, false, true, 0, 1), ('u2', '李经理', false, true, false, false, true, 0, 1);
                INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") VALUES ('u1', 'r1'), ('u2', 'r2');
                INSERT INTO "Applications" ("Id", "OrganisationId", "CallId", "Category", "FormJson", "JustificationsJson", "Status", "Version", "ReceiptNo", "CreatedById", "CreatedAt", "UpdatedAt")
                    VALUES (7, 1, 1, 'iur-cooperation', '{"project.title":"智能衡器物联网平台","application.field":"电子信息","application.leader.name":"王工","narrative.budget.total":"1,200,000","narrative.budget.requested":"三十万"}', '{}', 'Submitted', 2, 'HENGYANG-2025-000007-1', 'u1', @t, @t),
                           (9, 1, 1, 'major-project', '{}', '{}', 'Draft', 0, NULL, 'u1', @t, @t);
                INSERT INTO "ApplicationEvents" ("ApplicationId", "At", "UserName", "Action", "From", "To") VALUES
                    (7, @t, '王工', '创建', NULL, 'Draft'), (7, @t, '李经理', '提交', 'Draft', 'Submitted'), (9, @t, '王工', '创建', NULL, 'Draft');
                """;
            await ExecuteAsync(command);
        }

        await using (var db = DataServices.Create(TestDatabase.Provider, connection))
        {
            await db.Database.MigrateAsync();

            var applications = await db.Applications.Include(a => a.Events).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(["HENGYANG-2025-00007", "HENGYANG-2025-00009"], applications.Select(a => a.Number));
            Assert.Equal(("智能衡器物联网平台", "电子信息", "王工", "衡阳高新技术产业开发区"),
                (applications[0].Title, applications[0].SupportField, applications[0].LeaderName, applications[0].District));
            Assert.Equal([ApplicationAction.Create, ApplicationAction.Submit], applications[0].Events.OrderBy(e => e.Id).Select(e => e.Action));
            // each event is the person's of the organisation whose name it bears, in that person's role
            Assert.Equal([("u1", ActorRole.ProjectLeader), ("u2", ActorRole.OrgAdmin)], applications[0].Events.OrderBy(e => e.Id).Select(e => (e.UserId, e.Role)));
            Assert.Equal(("u1", ActorRole.ProjectLeader), (applications[1].Events.Single().UserId, applications[1].Events.Single().Role));
            // a budget typed as a figure is read into its column; one typed in words stays empty
            Assert.Equal((1_200_000m, (decimal?)null), (applications[0].TotalBudget, applications[0].RequestedFunding));
            Assert.Equal("HENGYANG-2025-000007-1", applications[0].ReceiptNo);   // a receipt once given is kept as it was
            // the call's count continues after the numbers given from the ids
            Assert.Equal(9, (await db.Calls.SingleAsync()).ApplicationsNumbered);
            Assert.Empty(await db.Snapshots.ToListAsync());
        }
    }

    [Fact]
    public async Task The_old_tick_box_claim_of_a_self_assessment_is_removed_and_the_other_facts_kept()
    {
        var connection = TestDatabase.ConnectionString(folder);
        await using (var db = DataServices.Create(TestDatabase.Provider, connection))
        {
            await db.Database.EnsureDeletedAsync();
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_TechSmeSelfAssessment", StringComparison.Ordinal)) - 1]);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            await db.Database.OpenConnectionAsync();
            command.CommandText = """
                INSERT INTO "Organisations" ("Id", "CreditCode", "Name", "Kind", "District", "ContactName", "ContactPhone", "Status", "RegisteredAt", "ProfileJson", "Version") VALUES
                    (1, '91430408MA7B2C3D4Y', '衡阳智衡计量科技有限公司', 'enterprise', '衡阳高新技术产业开发区', '李经理', '0734', 'Active', @t, '{"employees":186,"techSme":{"selfAssessed":true,"year":2025},"ipDispute":false}', 3),
                    (2, '12430400MB1234567H', '衡阳师范学院', 'university', '珠晖区', '陈老师', '0734', 'Active', @t, '{"employees":900}', 5);
                """;
            await ExecuteAsync(command);
        }

        await using (var db = DataServices.Create(TestDatabase.Provider, connection))
        {
            await db.Database.MigrateAsync();

            var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
            var claimed = System.Text.Json.Nodes.JsonNode.Parse(organisations[0].ProfileJson)!.AsObject();
            Assert.Null(claimed["techSme"]);
            Assert.Equal((186, false), (claimed["employees"]!.GetValue<int>(), claimed["ipDispute"]!.GetValue<bool>()));
            Assert.Equal(4, organisations[0].Version);   // an open profile form is refused rather than writing the claim back
            Assert.Equal((900, 5), (System.Text.Json.Nodes.JsonNode.Parse(organisations[1].ProfileJson)!["employees"]!.GetValue<int>(), organisations[1].Version));
            Assert.Empty(await db.TechSmeAssessments.ToListAsync());
        }
    }
}
