using GiamNgheo.Data.Bulk;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Files.Exchange;
using GiamNgheo.Data.Changes;

namespace GiamNgheo.Data.Households;

public sealed record LikelyDuplicate(string Kind, string Description);

public sealed record ImportReport(
    int Year, bool DryRun, bool Applied, int Households, int Members,
    int ErrorCount, IReadOnlyList<RowError> Errors, IReadOnlyList<LikelyDuplicate> Duplicates)
{
    /// The communes whose households the applied file wrote: their classification is recomputed afterwards.
    public IReadOnlyList<long> CommuneIds { get; init; } = [];

    /// Where the file's table was read (format, sheet, header row); null when the file could not be opened.
    public GiamNgheo.Files.Tabular.TabularLayout? Layout { get; init; }

    public const int MaxErrorsKept = 1000;
}

/// Imports the exchange file for one review year. All or nothing: a file with any error changes
/// nothing; a good file replaces that year's facts and members of the households it names (upsert by
/// household code), so importing the same file twice leaves the database as after the first time.
/// Rows stream through the parser into staging tables (COPY / prepared INSERT) and are merged with one
/// set-based statement per table — no EF change tracking.
public static class HouseholdImport
{
    public static async Task<ImportReport> RunAsync(RegistryDb db, IReadOnlyList<string> headers, IEnumerable<RawRow> rows,
        int year, bool dryRun, string actor, string fileName, DateTime nowUtc, CancellationToken ct = default, TextWriter? trace = null,
        IReadOnlyDictionary<int, long>? personByRow = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Trace(string step) { trace?.WriteLine($"  {clock.Elapsed.TotalSeconds,7:0.00} s  {step}"); }
        var (map, headerErrors) = HouseholdFile.MapHeaders(headers);
        if (headerErrors.Count > 0)
            return new ImportReport(year, dryRun, false, 0, 0, headerErrors.Count, headerErrors, []);

        var communes = await CommunesOnAsync(db, UnitEras.ReviewDate(year), ct);
        var ethnic = await EthnicGroupsAsync(db, ct);
        var parser = new HouseholdFileParser(year, communes.GetValueOrDefault, ethnic);
        var ordered = rows.Select(r => r with { Cells = map.Select(i => i < 0 || i >= r.Cells.Count ? "" : r.Cells[i]).ToArray() });

        await db.Database.OpenConnectionAsync(ct);
        // SQLite's default page cache is 2 MB; the staging tables and their sorts of a large file need far more.
        if (db.Kind == DatabaseKind.Sqlite) await Sql.ExecuteAsync(db, "PRAGMA cache_size = -262144", ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var errors = new List<RowError>();
        var errorCount = 0;
        int households = 0, members = 0;

        // One staging table, one row per member, household columns on the household's first row:
        // PostgreSQL runs one COPY at a time on a connection, and the file is shaped this way anyway.
        await using (var stage = await StagingTable<StagedRow>.CreateAsync(db, "stage_row", StagedColumns, ct))
        {
            foreach (var block in parser.Parse(ordered))
            {
                if (block.Errors.Count > 0)
                {
                    errorCount += block.Errors.Count;
                    errors.AddRange(block.Errors.Take(ImportReport.MaxErrorsKept - errors.Count));
                    // Only its code, so that a household repeated further down the file is still recognised.
                    await stage.WriteAsync(new StagedRow(block, 1, null), ct);
                    continue;
                }
                households++;
                for (var i = 0; i < block.Members.Count; i++)
                {
                    members++;
                    await stage.WriteAsync(new StagedRow(block, i + 1, block.Members[i], personByRow?.GetValueOrDefault(block.Members[i].Row) is > 0 and var p ? p : null), ct);
                }
            }
            await stage.CompleteAsync(ct);
        }
        Trace("parsed and staged");

        foreach (var e in await RepeatedHouseholdsAsync(db, ct))
        {
            errorCount++;
            if (errors.Count < ImportReport.MaxErrorsKept) errors.Add(e);
        }
        if (errorCount > 0)
        {
            await tx.RollbackAsync(ct);
            return new ImportReport(year, dryRun, false, households, members, errorCount, errors.OrderBy(e => e.Row).ToList(), []);
        }

        await MergeAsync(db, year, nowUtc, Trace, ct);
        var duplicates = await LikelyDuplicatesAsync(db, year, ct);
        Trace("likely duplicates");
        if (dryRun)
        {
            await tx.RollbackAsync(ct);
            return new ImportReport(year, true, false, households, members, 0, [], duplicates);
        }
        var communeIds = new List<long>();
        await using (var cmd = Sql.Command(db, "SELECT DISTINCT unit_id FROM stage_row WHERE unit_id IS NOT NULL"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) communeIds.Add(r.GetInt64(0));
        db.Set<ChangeRecord>().Add(new ChangeRecord
        {
            At = nowUtc, Actor = actor, Action = "households.import", Subject = $"{year}",
            Summary = $"Nhập tệp {fileName}: {VnFormat.Number(households)} hộ, {VnFormat.Number(members)} thành viên, năm {year}.",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Trace("committed");
        return new ImportReport(year, false, true, households, members, 0, [], duplicates) { CommuneIds = communeIds };
    }

    public static async Task<EthnicGroups> EthnicGroupsAsync(RegistryDb db, CancellationToken ct) =>
        new(await db.Set<EthnicGroupRow>().AsNoTracking().Select(g => new EthnicGroup(g.Code, g.Name)).ToListAsync(ct));

    /// Communes standing on the date, by code (a code alone is not a unit: the date decides which one).
    public static async Task<Dictionary<string, CommuneRef>> CommunesOnAsync(RegistryDb db, DateOnly date, CancellationToken ct) =>
        (await db.Set<Unit>().AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && (u.ValidFrom == null || u.ValidFrom <= date) && (u.ValidTo == null || u.ValidTo >= date))
            .Select(u => new CommuneRef(u.Id, u.Code, u.Name, u.Area)).ToListAsync(ct))
        .ToDictionary(c => c.Code);

    /// A member row of the file on its way to the staging table. Member null: the household had errors.
    /// PersonHint: the person a form's row is (a member being edited), which decides her identity before any matching.
    private sealed record StagedRow(HouseholdBlock Block, int Position, ParsedMember? Member, long? PersonHint = null)
    {
        public bool CarriesHousehold => Position == 1 && Member is not null;
    }

    /// The columns of household_years the file writes: the commune, each household fact of the field list, the area that
    /// applies, and what is derived from the members.
    private static readonly StagingColumn<HouseholdBlock>[] HouseholdColumns =
    [
        new("unit_id", ColumnType.Long, b => b.Commune!.UnitId),
        .. FactColumns.HouseholdYear.Select(f => new StagingColumn<HouseholdBlock>(f.Key, FactColumns.TypeOf(f), b => f.Stored(b.Facts!))),
        new("area", ColumnType.Int, b => (int)(b.Facts!.Area ?? b.Commune!.Area)),
        new("area_from_unit", ColumnType.Bool, b => b.Facts!.Area is null),
        new("member_count", ColumnType.Int, b => b.Members.Count),
        new("head_name", ColumnType.Text, b => b.HeadName),
        new("head_name_folded", ColumnType.Text, b => VietnameseText.Fold(b.HeadName)),
    ];

    private static readonly StagingColumn<ParsedMember>[] MemberColumns =
    [
        new("row_no", ColumnType.Int, m => m.Row),
        .. HouseholdFields.Member.All.Select(f => new StagingColumn<ParsedMember>(f.Key, FactColumns.TypeOf(f), m => f.Stored(m.Facts))),
    ];

    private static string Keys(FactOwner owner, string prefix = "") => string.Join(", ", HouseholdFields.Member.OwnedBy(owner).Select(f => prefix + f.Key));

    private static readonly StagingColumn<StagedRow>[] StagedColumns =
    [
        new("code", ColumnType.Text, r => r.Block.Code),
        new("position", ColumnType.Int, r => r.Position),
        new("first_row", ColumnType.Int, r => r.Block.FirstRow),
        new("ok", ColumnType.Bool, r => r.Member is not null),
        new("person_hint", ColumnType.Long, r => r.PersonHint),
        .. MemberColumns.Select(c => new StagingColumn<StagedRow>(c.Name, c.Type, r => r.Member is null ? null : c.Value(r.Member))),
        .. HouseholdColumns.Select(c => new StagingColumn<StagedRow>(c.Name, c.Type, r => r.CarriesHousehold ? c.Value(r.Block) : null)),
    ];

    private static async Task<List<RowError>> RepeatedHouseholdsAsync(RegistryDb db, CancellationToken ct)
    {
        var result = new List<RowError>();
        await using var cmd = Sql.Command(db,
            "SELECT code, min(first_row), max(first_row) FROM stage_row WHERE position = 1 GROUP BY code HAVING count(*) > 1 ORDER BY min(first_row) LIMIT 1000");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result.Add(new RowError(r.GetInt32(2), "Mã hộ", r.GetString(0),
                $"Hộ này đã có ở dòng {r.GetInt32(1)}; các dòng của một hộ phải liền nhau, mỗi hộ chỉ xuất hiện một lần trong tệp."));
        return result;
    }

    private static async Task MergeAsync(RegistryDb db, int year, DateTime nowUtc, Action<string> trace, CancellationToken ct)
    {
        var pg = db.Kind == DatabaseKind.Postgres;
        object now = pg ? nowUtc : nowUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");
        async Task Run(string sql)
        {
            await Sql.ExecuteAsync(db, sql, ct, ("@year", year), ("@now", now));
            trace(sql.Split('\n')[0].Trim());
        }

        var temp = pg ? "TEMP TABLE {0} ON COMMIT DROP AS" : "TEMP TABLE {0} AS";
        foreach (var t in new[] { "stage_household", "stage_known", "stage_matched", "stage_member", "stage_by_citizen" }) await Run($"DROP TABLE IF EXISTS {t}");
        // Temporary tables have no statistics until analysed; without them PostgreSQL plans these joins badly.
        async Task Analyze(string table) { if (pg) await Run($"ANALYZE {table}"); }
        if (pg) await Run("SET LOCAL work_mem = '256MB'"); // hash joins and sorts of a large file stay in memory
        await Analyze("stage_row");

        await Run("""
            INSERT INTO households (code, created_at)
            SELECT code, @now FROM stage_row WHERE position = 1
            ON CONFLICT (code) DO NOTHING
            """);
        await Run($"""
            CREATE {string.Format(temp, "stage_household")}
            SELECT h.id AS household_id, s.first_row, {string.Join(", ", HouseholdColumns.Select(c => "s." + c.Name))}
            FROM stage_row s JOIN households h ON h.code = s.code WHERE s.position = 1
            """);
        await Run("CREATE INDEX ix_stage_household_id ON stage_household (household_id)");
        await Analyze("stage_household");

        // The same person is recognised first by the form that names her (a member being edited), then by household +
        // name + birth date (any earlier year) …
        await Run($"""
            CREATE {string.Format(temp, "stage_known")}
            SELECT m.household_id, p.full_name, p.date_of_birth, max(p.id) AS person_id
            FROM memberships m JOIN people p ON p.id = m.person_id JOIN stage_household s ON s.household_id = m.household_id
            GROUP BY m.household_id, p.full_name, p.date_of_birth
            """);
        await Analyze("stage_known");
        await Run($"""
            CREATE {string.Format(temp, "stage_matched")}
            SELECT r.row_no, coalesce(r.person_hint, k.person_id) AS person_id
            FROM stage_row r JOIN households h ON h.code = r.code
            LEFT JOIN stage_known k ON k.household_id = h.id AND k.full_name = r.full_name AND k.date_of_birth = r.date_of_birth
            WHERE r.person_hint IS NOT NULL OR k.person_id IS NOT NULL
            """);
        await Analyze("stage_matched");
        // … then by citizen ID, unless another row of the file is that person already (a repeated ID is reported as a
        // likely duplicate, never merged). Only the rows matched above count: a person who left one of the file's
        // households for another (a split) is still recognised, whichever households the file holds …
        await Run($"""
            CREATE {string.Format(temp, "stage_by_citizen")}
            SELECT r.row_no, min(p.id) AS person_id
            FROM stage_row r JOIN people p ON p.citizen_id = r.citizen_id
            WHERE r.citizen_id IS NOT NULL AND r.row_no NOT IN (SELECT row_no FROM stage_matched)
            GROUP BY r.row_no
            """);
        await Run("""
            DELETE FROM stage_by_citizen
            WHERE person_id IN (SELECT person_id FROM stage_matched)
               OR person_id IN (SELECT person_id FROM stage_by_citizen GROUP BY person_id HAVING count(*) > 1)
            """);
        await Analyze("stage_by_citizen");
        // … and everyone else is a new person: ids from the sequence (PostgreSQL) or after the largest id
        // (SQLite, where this transaction is the only writer).
        var newId = pg
            ? "nextval(pg_get_serial_sequence('people', 'id'))"
            : "(SELECT coalesce(max(id), 0) FROM people) + count(CASE WHEN k.person_id IS NULL AND b.person_id IS NULL THEN 1 END) OVER (ORDER BY r.row_no ROWS UNBOUNDED PRECEDING)";
        await Run($"""
            CREATE {string.Format(temp, "stage_member")}
            SELECT h.id AS household_id, r.position, {string.Join(", ", MemberColumns.Select(c => "r." + c.Name))},
                CASE WHEN k.person_id IS NULL AND b.person_id IS NULL THEN {newId} ELSE coalesce(k.person_id, b.person_id) END AS person_id,
                k.person_id IS NULL AND b.person_id IS NULL AS is_new
            FROM stage_row r JOIN households h ON h.code = r.code
            LEFT JOIN stage_matched k ON k.row_no = r.row_no
            LEFT JOIN stage_by_citizen b ON b.row_no = r.row_no
            """);
        await Run("CREATE INDEX ix_stage_member_person ON stage_member (person_id)");
        await Analyze("stage_member");

        await Run("""
            DELETE FROM memberships WHERE year = @year AND household_id IN (SELECT household_id FROM stage_household)
            """);
        await Run("DELETE FROM memberships WHERE year = @year AND person_id IN (SELECT person_id FROM stage_member)");
        await Run("DELETE FROM household_years WHERE year = @year AND household_id IN (SELECT household_id FROM stage_household)");
        var householdColumns = string.Join(", ", HouseholdColumns.Select(c => c.Name));
        await Run($"""
            INSERT INTO household_years (household_id, year, {householdColumns})
            SELECT household_id, @year, {householdColumns} FROM stage_household
            """);
        var personFacts = HouseholdFields.Member.OwnedBy(FactOwner.Person).Select(f => f.Key).ToList();
        await Run($"""
            UPDATE people SET {string.Join(", ", personFacts.Select(k => $"{k} = s.{k}"))}
            FROM stage_member s WHERE people.id = s.person_id AND NOT s.is_new
              AND ({string.Join(" OR ", personFacts.Select(k => $"people.{k} IS DISTINCT FROM s.{k}"))})
            """);
        await Run($"""
            INSERT INTO people (id, {Keys(FactOwner.Person)})
            SELECT s.person_id, {Keys(FactOwner.Person, "s.")} FROM stage_member s WHERE s.is_new
            """);
        await Run($"""
            INSERT INTO memberships (person_id, household_id, year, position, {Keys(FactOwner.Membership)})
            SELECT person_id, household_id, @year, position, {Keys(FactOwner.Membership)} FROM stage_member
            """);
    }

    private static async Task<List<LikelyDuplicate>> LikelyDuplicatesAsync(RegistryDb db, int year, CancellationToken ct)
    {
        var result = new List<LikelyDuplicate>();
        await using (var cmd = Sql.Command(db, """
            SELECT d.citizen_id, h1.code, h2.code, d.households
            FROM (
                SELECT p.citizen_id, min(m.household_id) AS first_id, max(m.household_id) AS last_id, count(DISTINCT m.household_id) AS households
                FROM stage_member s JOIN people p ON p.citizen_id = s.citizen_id
                JOIN memberships m ON m.person_id = p.id AND m.year = @year
                GROUP BY p.citizen_id HAVING min(m.household_id) <> max(m.household_id)
                ORDER BY p.citizen_id LIMIT 200
            ) d
            JOIN households h1 ON h1.id = d.first_id JOIN households h2 ON h2.id = d.last_id
            ORDER BY d.citizen_id
            """, ("@year", year)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                result.Add(new("Trùng số CCCD", $"Số CCCD {r.GetString(0)} có ở {r.GetInt64(3)} hộ (ví dụ {r.GetString(1)} và {r.GetString(2)})."));

        // Same name and birth date in two households of one commune: the file's households among themselves
        // and against the commune's other households of the year. Grouped first, named after.
        await using (var cmd = Sql.Command(db, """
            SELECT u.name, d.full_name, d.date_of_birth, h1.code, h2.code
            FROM (
                SELECT unit_id, full_name, date_of_birth, min(household_id) AS first_id, max(household_id) AS last_id
                FROM (
                    SELECT sh.unit_id, s.full_name, s.date_of_birth, s.household_id
                    FROM stage_member s JOIN stage_household sh ON sh.household_id = s.household_id
                    UNION ALL
                    SELECT y.unit_id, p.full_name, p.date_of_birth, y.household_id
                    FROM household_years y JOIN memberships m ON m.household_id = y.household_id AND m.year = y.year
                    JOIN people p ON p.id = m.person_id
                    WHERE y.year = @year AND y.unit_id IN (SELECT unit_id FROM stage_household)
                      AND y.household_id NOT IN (SELECT household_id FROM stage_household)
                ) c
                GROUP BY unit_id, full_name, date_of_birth HAVING min(household_id) <> max(household_id)
                ORDER BY unit_id, full_name LIMIT 200
            ) d
            JOIN units u ON u.id = d.unit_id JOIN households h1 ON h1.id = d.first_id JOIN households h2 ON h2.id = d.last_id
            ORDER BY u.name, d.full_name
            """, ("@year", year)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var dob = r.GetValue(2) is DateTime dt ? DateOnly.FromDateTime(dt) : r.GetValue(2) is DateOnly d ? d : DateOnly.Parse(r.GetString(2));
                result.Add(new("Trùng họ tên và ngày sinh", $"{r.GetString(1)}, sinh {VnFormat.Date(dob)}, có ở hộ {r.GetString(3)} và {r.GetString(4)} cùng thuộc {r.GetString(0)}."));
            }
        return result;
    }
}
