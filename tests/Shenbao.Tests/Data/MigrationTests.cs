using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shenbao.Data;
using Shenbao.Domain.Applications;

namespace Shenbao.Tests.Data;

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
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Rows_written_before_the_frozen_submissions_migration_are_carried_over()
    {
        var file = Path.Combine(folder, "old.db");
        await using (var db = DataServices.Create("Sqlite", $"Data Source={file}"))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261127063049_Initial");
            // a plain command: the JSON's braces are not format placeholders
            await using var command = db.Database.GetDbConnection().CreateCommand();
            await db.Database.OpenConnectionAsync();
            command.CommandText = """
                INSERT INTO AspNetRoles (Id, Name, NormalizedName) VALUES ('r1', 'ProjectLeader', 'PROJECTLEADER');
                INSERT INTO Calls (Id, GuideId, Title, OpensAt, Deadline, RecommendationDeadline, IsDemo) VALUES (1, 'hengyang-2025', '2025年批次', @t, @t, @t, 0);
                INSERT INTO Organisations (Id, CreditCode, Name, Kind, District, ContactName, ContactPhone, Status, RegisteredAt, ProfileJson, Version)
                    VALUES (1, '91430408MA7B2C3D4Y', '衡阳智衡计量科技有限公司', 'enterprise', '衡阳高新技术产业开发区', '李经理', '0734', 'Active', @t, '{}', 0);
                INSERT INTO AspNetUsers (Id, DisplayName, IsDemo, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, OrganisationId)
                    VALUES ('u1', '王工', 0, 1, 0, 0, 1, 0, 1);
                INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES ('u1', 'r1');
                INSERT INTO Applications (Id, OrganisationId, CallId, Category, FormJson, JustificationsJson, Status, Version, ReceiptNo, CreatedById, CreatedAt, UpdatedAt)
                    VALUES (7, 1, 1, 'iur-cooperation', '{"project.title":"智能衡器物联网平台","application.field":"电子信息","application.leader.name":"王工"}', '{}', 'Submitted', 2, 'HENGYANG-2025-000007-1', 'u1', @t, @t),
                           (9, 1, 1, 'major-project', '{}', '{}', 'Draft', 0, NULL, 'u1', @t, @t);
                INSERT INTO ApplicationEvents (ApplicationId, At, UserName, Action, "From", "To") VALUES
                    (7, @t, '王工', '创建', NULL, 'Draft'), (7, @t, '王工', '提交', 'Draft', 'Submitted'), (9, @t, '王工', '创建', NULL, 'Draft');
                """;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@t";
            parameter.Value = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
            command.Parameters.Add(parameter);
            await command.ExecuteNonQueryAsync();
        }

        await using (var db = DataServices.Create("Sqlite", $"Data Source={file}"))
        {
            await db.Database.MigrateAsync();

            var applications = await db.Applications.Include(a => a.Events).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(["HENGYANG-2025-00007", "HENGYANG-2025-00009"], applications.Select(a => a.Number));
            Assert.Equal(("智能衡器物联网平台", "电子信息", "王工", "衡阳高新技术产业开发区"),
                (applications[0].Title, applications[0].SupportField, applications[0].LeaderName, applications[0].District));
            Assert.Equal([ApplicationAction.Create, ApplicationAction.Submit], applications[0].Events.OrderBy(e => e.Id).Select(e => e.Action));
            Assert.All(applications.SelectMany(a => a.Events), e => Assert.Equal(("u1", ActorRole.ProjectLeader), (e.UserId, e.Role)));
            Assert.Equal("HENGYANG-2025-000007-1", applications[0].ReceiptNo);   // a receipt once given is kept as it was
            // the call's count continues after the numbers given from the ids
            Assert.Equal(9, (await db.Calls.SingleAsync()).ApplicationsNumbered);
            Assert.Empty(await db.Snapshots.ToListAsync());
        }
    }
}
