using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GiamNgheo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ResultsStandardsScorecards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_classification_results_household_years_household_id_year",
                table: "classification_results");

            migrationBuilder.AddColumn<string>(
                name: "income_source",
                table: "classification_results",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "entered");

            migrationBuilder.AddColumn<int>(
                name: "proxy_score",
                table: "classification_results",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "local_standards",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    province_id = table.Column<long>(type: "bigint", nullable: false),
                    from_year = table.Column<int>(type: "integer", nullable: false),
                    to_year = table.Column<int>(type: "integer", nullable: false),
                    json = table.Column<string>(type: "text", nullable: false),
                    loaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    loaded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_local_standards", x => x.id);
                    table.ForeignKey(
                        name: "fk_local_standards_units_province_id",
                        column: x => x.province_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "scorecard_answers",
                columns: table => new
                {
                    household_id = table.Column<long>(type: "bigint", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    characteristic_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    option_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scorecard_answers", x => new { x.household_id, x.year, x.characteristic_code });
                    table.ForeignKey(
                        name: "fk_scorecard_answers_household_years_household_id_year",
                        columns: x => new { x.household_id, x.year },
                        principalTable: "household_years",
                        principalColumns: new[] { "household_id", "year" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scorecards",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    version = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    from_year = table.Column<int>(type: "integer", nullable: false),
                    to_year = table.Column<int>(type: "integer", nullable: false),
                    example = table.Column<bool>(type: "boolean", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    json = table.Column<string>(type: "text", nullable: false),
                    loaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scorecards", x => new { x.id, x.version });
                });

            migrationBuilder.CreateIndex(
                name: "ix_local_standards_province_id",
                table: "local_standards",
                column: "province_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "local_standards");

            migrationBuilder.DropTable(
                name: "scorecard_answers");

            migrationBuilder.DropTable(
                name: "scorecards");

            migrationBuilder.DropColumn(
                name: "income_source",
                table: "classification_results");

            migrationBuilder.DropColumn(
                name: "proxy_score",
                table: "classification_results");

            migrationBuilder.AddForeignKey(
                name: "fk_classification_results_household_years_household_id_year",
                table: "classification_results",
                columns: new[] { "household_id", "year" },
                principalTable: "household_years",
                principalColumns: new[] { "household_id", "year" },
                onDelete: ReferentialAction.Cascade);
        }
    }
}
