using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shenbao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FormalReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContractRegistrationNo",
                table: "Applications",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SummarySignature",
                table: "Applications",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TitleSignature",
                table: "Applications",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Verdict",
                table: "Applications",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WarnedRules",
                table: "Applications",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Clauses",
                table: "ApplicationEvents",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SimilarityBands",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CallId = table.Column<int>(type: "integer", nullable: false),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Band = table.Column<int>(type: "integer", nullable: false),
                    Hash = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SimilarityBands", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SimilarityBands_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CallId_ContractRegistrationNo",
                table: "Applications",
                columns: new[] { "CallId", "ContractRegistrationNo" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CallId_LeaderName",
                table: "Applications",
                columns: new[] { "CallId", "LeaderName" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CallId_Verdict",
                table: "Applications",
                columns: new[] { "CallId", "Verdict" });

            migrationBuilder.CreateIndex(
                name: "IX_SimilarityBands_ApplicationId",
                table: "SimilarityBands",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_SimilarityBands_CallId_Text_Band_Hash",
                table: "SimilarityBands",
                columns: new[] { "CallId", "Text", "Band", "Hash" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SimilarityBands");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CallId_ContractRegistrationNo",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CallId_LeaderName",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CallId_Verdict",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "ContractRegistrationNo",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SummarySignature",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "TitleSignature",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Verdict",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "WarnedRules",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Clauses",
                table: "ApplicationEvents");
        }
    }
}
