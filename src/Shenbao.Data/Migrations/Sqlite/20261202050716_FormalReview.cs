using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shenbao.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SummarySignature",
                table: "Applications",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TitleSignature",
                table: "Applications",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Verdict",
                table: "Applications",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WarnedRules",
                table: "Applications",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Clauses",
                table: "ApplicationEvents",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SimilarityBands",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Band = table.Column<int>(type: "INTEGER", nullable: false),
                    Hash = table.Column<long>(type: "INTEGER", nullable: false)
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
