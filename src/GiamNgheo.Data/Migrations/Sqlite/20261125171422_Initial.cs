using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GiamNgheo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    summary = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ethnic_groups",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ethnic_groups", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "households",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_households", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    full_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    sex = table.Column<int>(type: "INTEGER", nullable: false),
                    date_of_birth = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    citizen_id = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    ethnic_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "units",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    folded_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    parent_id = table.Column<long>(type: "INTEGER", nullable: true),
                    valid_from = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    valid_to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    area = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_units", x => x.id);
                    table.ForeignKey(
                        name: "fk_units_units_parent_id",
                        column: x => x.parent_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "household_years",
                columns: table => new
                {
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    unit_id = table.Column<long>(type: "INTEGER", nullable: false),
                    hamlet = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    area = table.Column<int>(type: "INTEGER", nullable: false),
                    area_from_unit = table.Column<bool>(type: "INTEGER", nullable: false),
                    income12_months = table.Column<long>(type: "INTEGER", nullable: true),
                    housing_area_m2 = table.Column<double>(type: "REAL", nullable: true),
                    durable_walls = table.Column<bool>(type: "INTEGER", nullable: true),
                    durable_frame = table.Column<bool>(type: "INTEGER", nullable: true),
                    durable_roof = table.Column<bool>(type: "INTEGER", nullable: true),
                    water = table.Column<int>(type: "INTEGER", nullable: true),
                    latrine = table.Column<int>(type: "INTEGER", nullable: true),
                    uses_telecom = table.Column<bool>(type: "INTEGER", nullable: true),
                    has_tv = table.Column<bool>(type: "INTEGER", nullable: true),
                    has_radio = table.Column<bool>(type: "INTEGER", nullable: true),
                    has_computer = table.Column<bool>(type: "INTEGER", nullable: true),
                    has_internet_phone = table.Column<bool>(type: "INTEGER", nullable: true),
                    loudspeaker_reach = table.Column<bool>(type: "INTEGER", nullable: true),
                    member_count = table.Column<int>(type: "INTEGER", nullable: false),
                    head_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_household_years", x => new { x.household_id, x.year });
                    table.ForeignKey(
                        name: "fk_household_years_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_household_years_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "unit_lineages",
                columns: table => new
                {
                    old_unit_id = table.Column<long>(type: "INTEGER", nullable: false),
                    new_unit_id = table.Column<long>(type: "INTEGER", nullable: false),
                    merge_type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    basis = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_lineages", x => new { x.old_unit_id, x.new_unit_id });
                    table.ForeignKey(
                        name: "fk_unit_lineages_units_new_unit_id",
                        column: x => x.new_unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_unit_lineages_units_old_unit_id",
                        column: x => x.old_unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "classification_results",
                columns: table => new
                {
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    standard_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    category = table.Column<int>(type: "INTEGER", nullable: false),
                    income_per_person_month = table.Column<long>(type: "INTEGER", nullable: true),
                    poverty_line = table.Column<long>(type: "INTEGER", nullable: false),
                    area = table.Column<int>(type: "INTEGER", nullable: false),
                    deprivations = table.Column<int>(type: "INTEGER", nullable: false),
                    unknown = table.Column<int>(type: "INTEGER", nullable: false),
                    deprived_indicators = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    inputs_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    computed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_classification_results", x => new { x.household_id, x.year, x.standard_id });
                    table.ForeignKey(
                        name: "fk_classification_results_household_years_household_id_year",
                        columns: x => new { x.household_id, x.year },
                        principalTable: "household_years",
                        principalColumns: new[] { "household_id", "year" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "memberships",
                columns: table => new
                {
                    person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    relation = table.Column<int>(type: "INTEGER", nullable: false),
                    education = table.Column<int>(type: "INTEGER", nullable: true),
                    in_school = table.Column<bool>(type: "INTEGER", nullable: true),
                    health_insurance = table.Column<bool>(type: "INTEGER", nullable: true),
                    employment = table.Column<int>(type: "INTEGER", nullable: true),
                    disability = table.Column<bool>(type: "INTEGER", nullable: true),
                    meritorious = table.Column<bool>(type: "INTEGER", nullable: true),
                    social_protection = table.Column<bool>(type: "INTEGER", nullable: true),
                    malnourished = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_memberships", x => new { x.person_id, x.year });
                    table.ForeignKey(
                        name: "fk_memberships_household_years_household_id_year",
                        columns: x => new { x.household_id, x.year },
                        principalTable: "household_years",
                        principalColumns: new[] { "household_id", "year" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_memberships_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_household_years_unit_id_year_household_id",
                table: "household_years",
                columns: new[] { "unit_id", "year", "household_id" });

            migrationBuilder.CreateIndex(
                name: "ix_household_years_year_unit_id_hamlet",
                table: "household_years",
                columns: new[] { "year", "unit_id", "hamlet" });

            migrationBuilder.CreateIndex(
                name: "ix_households_code",
                table: "households",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_memberships_household_id_year_position",
                table: "memberships",
                columns: new[] { "household_id", "year", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_people_citizen_id",
                table: "people",
                column: "citizen_id");

            migrationBuilder.CreateIndex(
                name: "ix_unit_lineages_new_unit_id",
                table: "unit_lineages",
                column: "new_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_units_code_valid_from",
                table: "units",
                columns: new[] { "code", "valid_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_units_folded_name",
                table: "units",
                column: "folded_name");

            migrationBuilder.CreateIndex(
                name: "ix_units_parent_id",
                table: "units",
                column: "parent_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "changes");

            migrationBuilder.DropTable(
                name: "classification_results");

            migrationBuilder.DropTable(
                name: "ethnic_groups");

            migrationBuilder.DropTable(
                name: "memberships");

            migrationBuilder.DropTable(
                name: "unit_lineages");

            migrationBuilder.DropTable(
                name: "household_years");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "households");

            migrationBuilder.DropTable(
                name: "units");
        }
    }
}
