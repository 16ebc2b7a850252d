using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shenbao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditTrailAndNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditTrail",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    OrganisationId = table.Column<int>(type: "integer", nullable: true),
                    ClientAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ObjectType = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ObjectId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditTrail", x => x.Seq);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ToAddress = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ToName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClaimedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SentReminders",
                columns: table => new
                {
                    CallId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SentReminders", x => new { x.CallId, x.OrganisationId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_Action_At",
                table: "AuditTrail",
                columns: new[] { "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_At",
                table: "AuditTrail",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_ObjectType_ObjectId",
                table: "AuditTrail",
                columns: new[] { "ObjectType", "ObjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_UserName_At",
                table: "AuditTrail",
                columns: new[] { "UserName", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_CreatedAt",
                table: "Notifications",
                columns: new[] { "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAt",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_SentAt_NextAttemptAt",
                table: "Outbox",
                columns: new[] { "SentAt", "NextAttemptAt" });

            // append-only for every role, the owner included (docs/operations.md: the application's role gets INSERT and SELECT only)
            migrationBuilder.Sql("""
                CREATE FUNCTION "AuditTrail_AppendOnly"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the audit trail is append-only: rows are never updated or deleted'; END $$;
                """);
            migrationBuilder.Sql("""CREATE TRIGGER "AuditTrail_NoChange" BEFORE UPDATE OR DELETE ON "AuditTrail" FOR EACH ROW EXECUTE FUNCTION "AuditTrail_AppendOnly"();""");
            migrationBuilder.Sql("""CREATE TRIGGER "AuditTrail_NoTruncate" BEFORE TRUNCATE ON "AuditTrail" FOR EACH STATEMENT EXECUTE FUNCTION "AuditTrail_AppendOnly"();""");
            // a new row continues the chain: the next number, linked to the last row
            migrationBuilder.Sql("""
                CREATE FUNCTION "AuditTrail_Continues"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW."Seq" <> COALESCE((SELECT max("Seq") FROM "AuditTrail"), 0) + 1
                     OR NEW."PreviousHash" <> COALESCE((SELECT "Hash" FROM "AuditTrail" ORDER BY "Seq" DESC LIMIT 1), repeat('0', 64)) THEN
                    RAISE EXCEPTION 'an audit row must continue the chain: the next number, linked to the last row';
                  END IF;
                  RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""CREATE TRIGGER "AuditTrail_Continues" BEFORE INSERT ON "AuditTrail" FOR EACH ROW EXECUTE FUNCTION "AuditTrail_Continues"();""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditTrail_NoChange" ON "AuditTrail";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditTrail_NoTruncate" ON "AuditTrail";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "AuditTrail_AppendOnly"();""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditTrail_Continues" ON "AuditTrail";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "AuditTrail_Continues"();""");

            migrationBuilder.DropTable(
                name: "AuditTrail");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "Outbox");

            migrationBuilder.DropTable(
                name: "SentReminders");
        }
    }
}
