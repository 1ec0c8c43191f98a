using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GiamNgheo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HeadNameFolded : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "head_name_folded",
                table: "household_years",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_household_years_unit_id_year_head_name_folded_household_id",
                table: "household_years",
                columns: new[] { "unit_id", "year", "head_name_folded", "household_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_household_years_unit_id_year_head_name_folded_household_id",
                table: "household_years");

            migrationBuilder.DropColumn(
                name: "head_name_folded",
                table: "household_years");
        }
    }
}
