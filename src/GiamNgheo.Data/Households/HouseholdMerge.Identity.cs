using System.Data.Common;
using GiamNgheo.Data.Bulk;
using GiamNgheo.Domain.Common;
using GiamNgheo.Files.Exchange;
using static GiamNgheo.Data.Households.HouseholdImport;

namespace GiamNgheo.Data.Households;

/// The identity rules of the merge: who each row of the file is, and the rows they refuse.
internal sealed partial class HouseholdMerge
{
    /// Two rows of the file with one citizen ID: one of them is wrong (a person is in one household a year).
    public Task<List<RowError>> RepeatedCitizenIdsAsync(CancellationToken ct) => Sql.ListAsync(db, $"""
            SELECT r.row_no, r.citizen_id, f.first_no, first.code
            FROM stage_row r JOIN (
                SELECT citizen_id, min(row_no) AS first_no FROM stage_row
                WHERE citizen_id IS NOT NULL AND ok GROUP BY citizen_id HAVING count(*) > 1
            ) f ON f.citizen_id = r.citizen_id
            JOIN stage_row first ON first.row_no = f.first_no
            WHERE r.row_no > f.first_no AND r.ok
            ORDER BY r.row_no LIMIT {ImportReport.MaxErrorsKept}
            """, r => new RowError(r.GetInt32(0), Header("citizen_id"), r.GetString(1),
                $"Số CCCD này đã có ở dòng {r.GetInt32(2)} (hộ {r.GetString(3)}): một số CCCD chỉ thuộc về một người, một người chỉ thuộc một hộ trong năm."), ct);
    private static string Header(string key) => HouseholdFile.Columns[HouseholdFile.IndexOf(key)].Header;

    /// Decides who each member row is (stage_matched, then stage_member) and returns the rows the identity rules refuse.
    public async Task<List<RowError>> MatchPeopleAsync(CancellationToken ct)
    {
        await Analyze("stage_row", ct);
        await Run("""
            INSERT INTO households (code, created_at)
            SELECT code, @now FROM stage_row WHERE position = 1
            ON CONFLICT (code) DO NOTHING
            """, ct);
        await Run($"""
            CREATE {Temp("stage_household")}
            SELECT h.id AS household_id, s.first_row, {string.Join(", ", HouseholdColumns.Select(c => "s." + c.Name))}
            FROM stage_row s JOIN households h ON h.code = s.code WHERE s.position = 1
            """, ct);
        await Run("CREATE INDEX ix_stage_household_id ON stage_household (household_id)", ct);
        await Analyze("stage_household", ct);

        // Everyone who was ever a member of the file's households, and the file's rows with their household's id.
        await Run($"""
            CREATE {Temp("stage_roster")}
            SELECT m.household_id, m.person_id, m.year, m.position, p.full_name, p.date_of_birth, p.citizen_id
            FROM memberships m JOIN people p ON p.id = m.person_id
            WHERE m.household_id IN (SELECT household_id FROM stage_household)
            """, ct);
        await Run("CREATE INDEX ix_stage_roster ON stage_roster (household_id, year, position)", ct);
        // The year of each household's latest roster up to this one (its place in it recognises a corrected name).
        await Run($"""
            CREATE {Temp("stage_latest")}
            SELECT household_id, CAST(max(year) AS integer) AS year FROM stage_roster WHERE year <= @year GROUP BY household_id
            """, ct);
        await Run("CREATE INDEX ix_stage_latest ON stage_latest (household_id)", ct);
        await Run($"""
            CREATE {Temp("stage_identity")}
            SELECT r.row_no, r.code, h.id AS household_id, r.position, r.full_name, r.date_of_birth, r.citizen_id, r.person_hint
            FROM stage_row r JOIN households h ON h.code = r.code
            """, ct);
        await Run("CREATE INDEX ix_stage_identity ON stage_identity (row_no)", ct);
        await Analyze("stage_roster", ct);
        await Analyze("stage_identity", ct);

        await Run($"""
            CREATE {Temp("stage_matched")}
            SELECT row_no, person_hint AS person_id FROM stage_identity WHERE person_hint IS NOT NULL
            """, ct);
        await Run("CREATE INDEX ix_stage_matched_row ON stage_matched (row_no)", ct);
        await Run("CREATE INDEX ix_stage_matched_person ON stage_matched (person_id)", ct);
        // A row not yet recognised, a person not yet taken by another row.
        static string Unmatched(string person) => $"""
            NOT EXISTS (SELECT 1 FROM stage_matched x WHERE x.row_no = i.row_no)
            AND NOT EXISTS (SELECT 1 FROM stage_matched x WHERE x.person_id = {person})
            """;
        var unmatched = Unmatched("k.person_id");
        // Same household, same name and birth date, in any year.
        await Run($"""
            INSERT INTO stage_matched (row_no, person_id)
            SELECT i.row_no, max(k.person_id) FROM stage_identity i
            JOIN stage_roster k ON k.household_id = i.household_id AND k.full_name = i.full_name AND k.date_of_birth = i.date_of_birth
            WHERE {unmatched} GROUP BY i.row_no
            """, ct);
        // The rows still open after that (on a re-import, none): the later steps read only these.
        await Run($"""
            CREATE {Temp("stage_open")}
            SELECT i.* FROM stage_identity i WHERE NOT EXISTS (SELECT 1 FROM stage_matched x WHERE x.row_no = i.row_no)
            """, ct);
        await Run("CREATE INDEX ix_stage_open ON stage_open (row_no)", ct);
        // Same household, same citizen ID: the same person, her name or birth date corrected.
        await Run($"""
            INSERT INTO stage_matched (row_no, person_id)
            SELECT i.row_no, max(k.person_id) FROM stage_open i
            JOIN stage_roster k ON k.household_id = i.household_id AND k.citizen_id = i.citizen_id
            WHERE i.citizen_id IS NOT NULL AND {unmatched} GROUP BY i.row_no
            """, ct);
        // Same household, same birth date at the same place of its latest roster (her name corrected), unless the two
        // carry different citizen IDs.
        await Run($"""
            INSERT INTO stage_matched (row_no, person_id)
            SELECT i.row_no, min(k.person_id) FROM stage_open i
            JOIN stage_latest last ON last.household_id = i.household_id
            JOIN stage_roster k ON k.household_id = i.household_id AND k.year = last.year AND k.position = i.position
              AND k.date_of_birth = i.date_of_birth
            WHERE (i.citizen_id IS NULL OR k.citizen_id IS NULL OR k.citizen_id = i.citizen_id) AND {unmatched}
            GROUP BY i.row_no
            """, ct);
        // A citizen ID from another household: the same person (a move or a split) only when name and birth date agree.
        await Run($"""
            CREATE {Temp("stage_elsewhere")}
            SELECT i.row_no, p.id AS person_id, CASE WHEN p.full_name = i.full_name AND p.date_of_birth = i.date_of_birth THEN 1 ELSE 0 END AS same
            FROM stage_open i JOIN people p ON p.citizen_id = i.citizen_id
            WHERE i.citizen_id IS NOT NULL AND {Unmatched("p.id")}
            """, ct);
        await Run("""
            INSERT INTO stage_matched (row_no, person_id)
            SELECT row_no, min(person_id) FROM stage_elsewhere WHERE same = 1 GROUP BY row_no
            """, ct);
        await Analyze("stage_matched", ct);

        var errors = new List<RowError>();
        await ReadErrors(errors, $"""
            SELECT e.row_no, i.full_name, i.citizen_id, p.full_name, p.date_of_birth, coalesce(h.code, '')
            FROM stage_elsewhere e JOIN stage_identity i ON i.row_no = e.row_no JOIN people p ON p.id = e.person_id
            LEFT JOIN memberships m ON m.person_id = e.person_id AND m.year = (SELECT max(year) FROM memberships WHERE person_id = e.person_id)
            LEFT JOIN households h ON h.id = m.household_id
            WHERE e.same = 0 AND NOT EXISTS (SELECT 1 FROM stage_matched x WHERE x.row_no = e.row_no)
            ORDER BY e.row_no
            """, r => new RowError(r.GetInt32(0), Header("citizen_id"), r.GetString(2),
                $"Số CCCD này đã được ghi cho {r.GetString(3)}, sinh {VnFormat.Date(r.GetFieldValue<DateOnly>(4))}{Household(r.GetString(5))}; " +
                $"dòng này ghi {r.GetString(1)}. Không gộp hai người khác nhau: hãy kiểm tra số CCCD hoặc họ tên, ngày sinh."), ct);
        // A row whose person would take a citizen ID another person keeps.
        await ReadErrors(errors, """
            SELECT i.row_no, i.citizen_id, p.full_name, p.date_of_birth
            FROM stage_matched k JOIN stage_identity i ON i.row_no = k.row_no
            JOIN people p ON p.citizen_id = i.citizen_id AND p.id <> k.person_id
            WHERE NOT EXISTS (SELECT 1 FROM stage_matched x WHERE x.person_id = p.id)
            ORDER BY i.row_no
            """, r => new RowError(r.GetInt32(0), Header("citizen_id"), r.GetString(1),
                $"Số CCCD này đã thuộc về một người khác trong hệ thống ({r.GetString(2)}, sinh {VnFormat.Date(r.GetFieldValue<DateOnly>(3))}); một số CCCD chỉ thuộc về một người."), ct);
        // Two rows of the file recognised as one person.
        await ReadErrors(errors, """
            SELECT i.row_no, i.full_name, f.first_no
            FROM stage_matched k JOIN stage_identity i ON i.row_no = k.row_no
            JOIN (SELECT person_id, min(row_no) AS first_no FROM stage_matched GROUP BY person_id HAVING count(*) > 1) f ON f.person_id = k.person_id
            WHERE i.row_no > f.first_no ORDER BY i.row_no
            """, r => new RowError(r.GetInt32(0), Header("full_name"), r.GetString(1),
                $"Là cùng một người với dòng {r.GetInt32(2)}: một người chỉ thuộc một hộ trong năm."), ct);
        // A person of a household the file does not name, in the same year: that household would lose her silently.
        await ReadErrors(errors, """
            SELECT i.row_no, i.full_name, i.code, h.code
            FROM stage_matched k JOIN stage_identity i ON i.row_no = k.row_no
            JOIN memberships m ON m.person_id = k.person_id AND m.year = @year
            JOIN households h ON h.id = m.household_id
            WHERE m.household_id NOT IN (SELECT household_id FROM stage_household)
            ORDER BY i.row_no
            """, r => new RowError(r.GetInt32(0), Header("full_name"), r.GetString(1),
                $"Người này đang là thành viên hộ {r.GetString(3)} năm {year}, hộ đó không có trong tệp. Một người chỉ thuộc một hộ trong năm: " +
                $"hãy nhập cả hộ {r.GetString(3)} (không còn người này) cùng tệp, hoặc bỏ người này khỏi hộ {r.GetString(2)}. Hộ {r.GetString(3)} không bị thay đổi."), ct);
        if (errors.Count > 0) return errors;

        // Everyone else is a new person: ids from the sequence (PostgreSQL) or after the largest id (SQLite, where this
        // transaction is the only writer). The casts give SQLite's columns a type: a column of an untyped expression
        // cannot be searched by its index from an integer column, and the removals' lookup became quadratic.
        var newId = Pg
            ? "nextval(pg_get_serial_sequence('people', 'id'))"
            : "(SELECT coalesce(max(id), 0) FROM people) + count(CASE WHEN k.person_id IS NULL THEN 1 END) OVER (ORDER BY r.row_no ROWS UNBOUNDED PRECEDING)";
        await Run($"""
            CREATE {Temp("stage_member")}
            SELECT h.id AS household_id, r.position, {string.Join(", ", MemberColumns.Select(c => "r." + c.Name))},
                CAST(CASE WHEN k.person_id IS NULL THEN {newId} ELSE k.person_id END AS bigint) AS person_id,
                CAST(CASE WHEN k.person_id IS NULL THEN 1 ELSE 0 END AS integer) AS is_new
            FROM stage_row r JOIN households h ON h.code = r.code
            LEFT JOIN stage_matched k ON k.row_no = r.row_no
            """, ct);
        await Run("CREATE INDEX ix_stage_member_person ON stage_member (person_id)", ct);
        await Analyze("stage_member", ct);
        return errors;
    }

    private static string Household(string code) => code.Length > 0 ? $", thuộc hộ {code}" : "";

    private async Task ReadErrors(List<RowError> errors, string sql, Func<DbDataReader, RowError> error, CancellationToken ct) =>
        errors.AddRange(await Sql.ListAsync(db, sql + $" LIMIT {ImportReport.MaxErrorsKept}", error, ct, ("@year", year)));
}
