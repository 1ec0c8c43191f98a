using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GiamNgheo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PendingReclassifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pending_reclassifications",
                columns: table => new
                {
                    unit_id = table.Column<long>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    since = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pending_reclassifications", x => new { x.unit_id, x.year });
                    table.ForeignKey(
                        name: "fk_pending_reclassifications_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pending_reclassifications");
        }
    }
}
