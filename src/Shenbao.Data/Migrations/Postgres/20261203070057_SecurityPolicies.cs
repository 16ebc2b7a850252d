using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shenbao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SecurityPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SecurityPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    MinimumLength = table.Column<int>(type: "integer", nullable: false),
                    ClassesRequired = table.Column<int>(type: "integer", nullable: false),
                    HistoryKept = table.Column<int>(type: "integer", nullable: false),
                    MaxAgeDays = table.Column<int>(type: "integer", nullable: false),
                    MaxFailures = table.Column<int>(type: "integer", nullable: false),
                    LockMinutes = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityPolicies", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SecurityPolicies");
        }
    }
}
