using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shenbao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Applications_CallId_Status_SubmittedAt",
                table: "Applications",
                columns: new[] { "CallId", "Status", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_CallId_Status_SubmittedAt",
                table: "Applications");
        }
    }
}
