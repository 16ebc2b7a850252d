using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shenbao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FrozenSubmissionsWorkflowListing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApplicationEvents_ApplicationId",
                table: "ApplicationEvents");

            migrationBuilder.AddColumn<int>(
                name: "ApplicationsNumbered",
                table: "Calls",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "District",
                table: "Applications",
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LeaderName",
                table: "Applications",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Number",
                table: "Applications",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PlatformId",
                table: "Applications",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "RequestedFunding",
                table: "Applications",
                type: "REAL",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupportField",
                table: "Applications",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "Applications",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "TotalBudget",
                table: "Applications",
                type: "REAL",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "ApplicationEvents",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "UserId",
                table: "ApplicationEvents",
                type: "TEXT",
                maxLength: 450,
                nullable: false,
                defaultValue: "");

            // rows written before this migration: events named by their action, not a Chinese label, each with the
            // person of the application's organisation whose name it bears (else its creator) and that person's role;
            // numbers from the ids, so the call's count continues after them; the list columns from the stored form
            // (a budget that is not a plain figure stays empty). Submissions made before it have no snapshot: their
            // pages say so rather than judge them again.
            migrationBuilder.Sql(@"UPDATE ""ApplicationEvents"" SET ""Action"" = CASE ""Action"" WHEN '创建' THEN 'Create' WHEN '提交' THEN 'Submit' WHEN '撤回' THEN 'Withdraw' WHEN '推荐' THEN 'Recommend' ELSE ""Action"" END;
UPDATE ""ApplicationEvents"" SET ""UserId"" = COALESCE(
    (SELECT u.""Id"" FROM ""AspNetUsers"" u JOIN ""Applications"" a ON a.""Id"" = ""ApplicationEvents"".""ApplicationId""
     WHERE u.""DisplayName"" = ""ApplicationEvents"".""UserName"" AND u.""OrganisationId"" = a.""OrganisationId"" ORDER BY u.""Id"" LIMIT 1),
    (SELECT ""CreatedById"" FROM ""Applications"" WHERE ""Applications"".""Id"" = ""ApplicationEvents"".""ApplicationId""), '');
UPDATE ""ApplicationEvents"" SET ""Role"" = COALESCE((SELECT r.""Name"" FROM ""AspNetUserRoles"" ur JOIN ""AspNetRoles"" r ON r.""Id"" = ur.""RoleId"" WHERE ur.""UserId"" = ""ApplicationEvents"".""UserId"" ORDER BY r.""Name"" LIMIT 1), 'ProjectLeader');
UPDATE ""Calls"" SET ""ApplicationsNumbered"" = COALESCE((SELECT MAX(""Id"") FROM ""Applications"" WHERE ""Applications"".""CallId"" = ""Calls"".""Id""), 0);
UPDATE ""Applications"" SET ""District"" = (SELECT ""District"" FROM ""Organisations"" WHERE ""Organisations"".""Id"" = ""Applications"".""OrganisationId"");
UPDATE ""Applications"" SET ""Number"" = upper((SELECT ""GuideId"" FROM ""Calls"" WHERE ""Calls"".""Id"" = ""Applications"".""CallId"")) || '-' || printf('%05d', ""Id"");
UPDATE ""Applications"" SET ""Title"" = substr(json_extract(""FormJson"", '$.""project.title""'), 1, 300), ""SupportField"" = substr(json_extract(""FormJson"", '$.""application.field""'), 1, 100), ""LeaderName"" = substr(json_extract(""FormJson"", '$.""application.leader.name""'), 1, 100), ""PlatformId"" = substr(json_extract(""FormJson"", '$.""application.platformId""'), 1, 50);
UPDATE ""Applications"" SET ""TotalBudget"" = CAST(trim(replace(replace(json_extract(""FormJson"", '$.""narrative.budget.total""'), ',', ''), '，', '')) AS REAL) WHERE trim(replace(replace(json_extract(""FormJson"", '$.""narrative.budget.total""'), ',', ''), '，', '')) GLOB '[0-9]*' AND trim(replace(replace(json_extract(""FormJson"", '$.""narrative.budget.total""'), ',', ''), '，', '')) NOT GLOB '*[^0-9.]*' AND length(trim(replace(replace(json_extract(""FormJson"", '$.""narrative.budget.total""'), ',', ''), '，', ''))) <= 19 AND instr(trim(replace(replace(json_extract(""FormJson"", '$.""narrative.budget.total""'), ',', ''), '，', '')) || '.', '.') <= 17 AND length(trim(replace(replace(json_extract(""FormJson"", '$.""narrative.budget.total""'), ',', ''), '，', ''))) - length(replace(trim(replace(replace(json_extract(""FormJson"", '$.""narrative.budget.total""'), ',', ''), '，', '')), '.', '')) <= 1;
UPDATE ""Applications"" SET ""RequestedFunding"" = CAST(trim(replace(replace(json_extract(""FormJson"", '$.""narrative.budget.requested""'), ',', ''), '，', '')) AS REAL) WHERE trim(replace(replace(json_extract(""FormJson"", '$.""narrative.budget.requested""'), ',', ''), '，', '')) GLOB '[0-9]*' AND trim(replace(replace(json_extract(""FormJson"", '$.""narrative.budget.requested""'), ',', ''), '，', '')) NOT GLOB '*[^0-9.]*' AND length(trim(replace(replace(json_extract(""FormJson"", '$.""narrative.budget.requested""'), ',', ''), '，', ''))) <= 19 AND instr(trim(replace(replace(json_extract(""FormJson"", '$.""narrative.budget.requested""'), ',', ''), '，', '')) || '.', '.') <= 17 AND length(trim(replace(replace(json_extract(""FormJson"", '$.""narrative.budget.requested""'), ',', ''), '，', ''))) - length(replace(trim(replace(replace(json_extract(""FormJson"", '$.""narrative.budget.requested""'), ',', ''), '，', '')), '.', '')) <= 1;");

            migrationBuilder.CreateTable(
                name: "Snapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceiptNo = table.Column<string>(type: "TEXT", maxLength: 70, nullable: false),
                    ApplicationNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    GuideId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    GuideVersion = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Facts = table.Column<string>(type: "TEXT", nullable: false),
                    Form = table.Column<string>(type: "TEXT", nullable: false),
                    Justifications = table.Column<string>(type: "TEXT", nullable: false),
                    Results = table.Column<string>(type: "TEXT", nullable: false),
                    Files = table.Column<string>(type: "TEXT", nullable: false),
                    Manifest = table.Column<string>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Snapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Snapshots_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Calls_GuideId",
                table: "Calls",
                column: "GuideId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CallId_District_Status",
                table: "Applications",
                columns: new[] { "CallId", "District", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CallId_SupportField",
                table: "Applications",
                columns: new[] { "CallId", "SupportField" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_LeaderName",
                table: "Applications",
                column: "LeaderName");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Number",
                table: "Applications",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_OrganisationId_CallId_PlatformId",
                table: "Applications",
                columns: new[] { "OrganisationId", "CallId", "PlatformId" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_RequestedFunding",
                table: "Applications",
                column: "RequestedFunding");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Title",
                table: "Applications",
                column: "Title");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_TotalBudget",
                table: "Applications",
                column: "TotalBudget");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationEvents_ApplicationId_Action",
                table: "ApplicationEvents",
                columns: new[] { "ApplicationId", "Action" });

            migrationBuilder.CreateIndex(
                name: "IX_Snapshots_ApplicationId",
                table: "Snapshots",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_Snapshots_ReceiptNo",
                table: "Snapshots",
                column: "ReceiptNo",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Snapshots");

            migrationBuilder.DropIndex(
                name: "IX_Calls_GuideId",
                table: "Calls");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CallId_District_Status",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CallId_SupportField",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_LeaderName",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_Number",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_OrganisationId_CallId_PlatformId",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_RequestedFunding",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_Title",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_TotalBudget",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_ApplicationEvents_ApplicationId_Action",
                table: "ApplicationEvents");

            migrationBuilder.DropColumn(
                name: "ApplicationsNumbered",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "District",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "LeaderName",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Number",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "PlatformId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "RequestedFunding",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SupportField",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Title",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "TotalBudget",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "ApplicationEvents");

            migrationBuilder.DropColumn(
                name: "UserId",
                table: "ApplicationEvents");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationEvents_ApplicationId",
                table: "ApplicationEvents",
                column: "ApplicationId");
        }
    }
}
