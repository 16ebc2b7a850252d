using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shenbao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TechSmeSelfAssessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TechSmeNumber",
                table: "Organisations",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TechSmeNumberYear",
                table: "Organisations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TechSmeAssessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    AssessedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StandardId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StandardVersion = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Qualified = table.Column<bool>(type: "INTEGER", nullable: false),
                    Route = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Total = table.Column<int>(type: "INTEGER", nullable: true),
                    Facts = table.Column<string>(type: "TEXT", nullable: false),
                    Result = table.Column<string>(type: "TEXT", nullable: false),
                    AssessedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AssessedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TechSmeAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TechSmeAssessments_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TechSmeAssessments_OrganisationId_AssessedAt",
                table: "TechSmeAssessments",
                columns: new[] { "OrganisationId", "AssessedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TechSmeAssessments_OrganisationId_Year",
                table: "TechSmeAssessments",
                columns: new[] { "OrganisationId", "Year" });

            // a self-assessment is now one recorded in the system (TechSmeAssessments); the old tick box claimed one
            // without it, so its claim is removed and the organisation assesses itself on the 自评 page. Down leaves
            // the claims removed.
            migrationBuilder.Sql("""
                UPDATE "Organisations" SET "ProfileJson" = json_remove("ProfileJson", '$.techSme'), "Version" = "Version" + 1 WHERE json_valid("ProfileJson") AND json_type("ProfileJson", '$.techSme') IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TechSmeAssessments");

            migrationBuilder.DropColumn(
                name: "TechSmeNumber",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "TechSmeNumberYear",
                table: "Organisations");
        }
    }
}
