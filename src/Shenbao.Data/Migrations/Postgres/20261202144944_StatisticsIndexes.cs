using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shenbao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Snapshots_ApplicationId",
                table: "Snapshots");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CallId_District_Status",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CallId_SupportField",
                table: "Applications");

            migrationBuilder.CreateIndex(
                name: "IX_Snapshots_ApplicationId_SubmittedAt",
                table: "Snapshots",
                columns: new[] { "ApplicationId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CallId_District_Category_Status_SubmittedAt_Ve~",
                table: "Applications",
                columns: new[] { "CallId", "District", "Category", "Status", "SubmittedAt", "Verdict" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CallId_SupportField_Status_SubmittedAt",
                table: "Applications",
                columns: new[] { "CallId", "SupportField", "Status", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Snapshots_ApplicationId_SubmittedAt",
                table: "Snapshots");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CallId_District_Category_Status_SubmittedAt_Ve~",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CallId_SupportField_Status_SubmittedAt",
                table: "Applications");

            migrationBuilder.CreateIndex(
                name: "IX_Snapshots_ApplicationId",
                table: "Snapshots",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CallId_District_Status",
                table: "Applications",
                columns: new[] { "CallId", "District", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CallId_SupportField",
                table: "Applications",
                columns: new[] { "CallId", "SupportField" });
        }
    }
}
