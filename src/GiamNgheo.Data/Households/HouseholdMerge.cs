using System.Data.Common;
using GiamNgheo.Data.Bulk;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;
using GiamNgheo.Files.Exchange;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using static GiamNgheo.Data.Households.HouseholdImport;

namespace GiamNgheo.Data.Households;

/// What the merge changed beyond the file's own rows: the members it took out of the file's households that year and
/// the people whose identity facts it corrected (the first <see cref="ImportReport.MaxListed"/> of each, and counts).
internal sealed record MergeResult(IReadOnlyList<MemberRemoval> Removals, int RemovalCount, IReadOnlyList<PersonCorrection> Corrections, int CorrectionCount,
    IReadOnlyList<long> CommuneIds);

/// The set-based merge of the staged file (table stage_row) into one review year, with the identity rules:
/// - a member is the same person as before when the form names her, else by household + name + birth date (any year),
///   else by household + citizen ID, else by household + birth date + position in the household's latest roster (a name
///   corrected in the same household keeps the person); else by citizen ID in another household only when name and birth
///   date agree too (a move or split) — a citizen ID of someone else with another name or birth date is refused;
/// - a person may be in one household per year: a person of a household the file does not name, in the same year, is an
///   error naming both households, and that household is never changed;
/// - a citizen ID is held by one person, and one row of the file at most;
/// - a column the file does not have leaves its facts as stored.
internal sealed class HouseholdMerge(RegistryDb db, int year, DateTime nowUtc, IReadOnlySet<string> absentKeys, EthnicGroups ethnic, Action<string> trace)
{
    /// The households whose year the merge rewrote or took a member from (the scope of the invariant check).
    public const string TouchedHouseholds = "SELECT household_id FROM stage_touched";

    private static readonly string[] Tables =
        ["stage_row", "stage_household", "stage_roster", "stage_identity", "stage_matched", "stage_elsewhere", "stage_member", "stage_touched", "stage_communes", "stage_latest", "stage_open"];

    private SqliteTransaction? _sqliteStaging;
    private bool Pg => db.Kind == DatabaseKind.Postgres;
    private string Temp(string name) => Pg ? $"TEMP TABLE {name} ON COMMIT DROP AS" : $"TEMP TABLE {name} AS";

    private async Task Run(string sql, CancellationToken ct)
    {
        object now = Pg ? nowUtc : nowUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");
        await Sql.ExecuteAsync(db, sql, ct, ("@year", year), ("@now", now), ("@head", (int)Relation.Head));
        trace(sql.Split('\n')[0].Trim());
    }

    // Temporary tables have no statistics until analysed; without them PostgreSQL plans these joins badly.
    private async Task Analyze(string table, CancellationToken ct) { if (Pg) await Run($"ANALYZE {table}", ct); }

    /// SQLite: a deferred transaction that writes only temporary tables, so it takes no lock on the registry.
    /// PostgreSQL: the import's one transaction.
    public async Task<IDbContextTransaction> BeginStagingAsync(CancellationToken ct)
    {
        if (Pg) return await db.Database.BeginTransactionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        // SQLite's default page cache is 2 MB; the staging tables and their sorts of a large file need far more.
        await Sql.ExecuteAsync(db, "PRAGMA cache_size = -262144", ct);
        // EF does not roll back a transaction it was given: DropStagingAsync does, when staging ends early.
        _sqliteStaging = connection.BeginTransaction(deferred: true);
        return await db.Database.UseTransactionAsync(_sqliteStaging, ct) ?? throw new InvalidOperationException("no transaction");
    }

    /// Takes the registry's write lock for the merge, waiting at most <paramref name="wait"/> for another import or edit.
    /// SQLite: BEGIN IMMEDIATE (one writer at a time). PostgreSQL: a transaction-scoped advisory lock, so two merges never
    /// interleave (they would deadlock on each other's households and people).
    public async Task<IDbContextTransaction> BeginWriteAsync(IDbContextTransaction staging, TimeSpan wait, CancellationToken ct)
    {
        try
        {
            if (!Pg)
            {
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                var before = connection.DefaultTimeout;
                connection.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                try { return await db.Database.BeginTransactionAsync(ct); }
                finally { connection.DefaultTimeout = before; }
            }
            await Sql.ExecuteAsync(db, $"SET LOCAL lock_timeout = {Math.Max(1, (long)wait.TotalMilliseconds)}", ct);
            await Sql.ExecuteAsync(db, $"SELECT pg_advisory_xact_lock({WriteLockKey})", ct);
            await Sql.ExecuteAsync(db, "SET LOCAL lock_timeout = 0", ct);
            await Sql.ExecuteAsync(db, "SET LOCAL work_mem = '256MB'", ct); // hash joins and sorts of a large file stay in memory
            return staging;
        }
        catch (Exception e) when (IsBusy(e)) { throw new RegistryBusyException(e); }
    }

    /// The advisory lock every household write takes on PostgreSQL (an arbitrary constant: "GN" and issue 8).
    internal const long WriteLockKey = 0x474E_0008;

    public static bool IsBusy(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        PostgresException p => p.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected,
        _ => e.InnerException is { } inner && IsBusy(inner),
    };

    /// SQLite keeps temporary tables with the (pooled) connection; PostgreSQL drops them at the end of the transaction.
    public async Task DropStagingAsync(CancellationToken ct)
    {
        _sqliteStaging?.Dispose();
        if (Pg || db.Database.GetDbConnection().State != System.Data.ConnectionState.Open) return;
        foreach (var t in Tables) await Sql.ExecuteAsync(db, $"DROP TABLE IF EXISTS temp.{t}", ct);
    }

    /// Two rows of the file with one citizen ID: one of them is wrong (a person is in one household a year).
    public async Task<List<RowError>> RepeatedCitizenIdsAsync(CancellationToken ct)
    {
        var errors = new List<RowError>();
        await using var cmd = Sql.Command(db, $"""
            SELECT r.row_no, r.citizen_id, f.first_no, first.code
            FROM stage_row r JOIN (
                SELECT citizen_id, min(row_no) AS first_no FROM stage_row
                WHERE citizen_id IS NOT NULL AND ok GROUP BY citizen_id HAVING count(*) > 1
            ) f ON f.citizen_id = r.citizen_id
            JOIN stage_row first ON first.row_no = f.first_no
            WHERE r.row_no > f.first_no AND r.ok
            ORDER BY r.row_no LIMIT {ImportReport.MaxErrorsKept}
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            errors.Add(new RowError(r.GetInt32(0), Header("citizen_id"), r.GetString(1),
                $"Số CCCD này đã có ở dòng {r.GetInt32(2)} (hộ {r.GetString(3)}): một số CCCD chỉ thuộc về một người, một người chỉ thuộc một hộ trong năm."));
        return errors;
    }
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

    private async Task ReadErrors(List<RowError> errors, string sql, Func<DbDataReader, RowError> error, CancellationToken ct)
    {
        await using var cmd = Sql.Command(db, sql + $" LIMIT {ImportReport.MaxErrorsKept}", ("@year", year));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) errors.Add(error(r));
    }

    private IEnumerable<Fact<MemberFacts>> Present(FactOwner owner) =>
        HouseholdFields.Member.OwnedBy(owner).Where(f => !absentKeys.Contains(f.Key));

    private IEnumerable<Fact<MemberFacts>> Absent(FactOwner owner) =>
        HouseholdFields.Member.OwnedBy(owner).Where(f => absentKeys.Contains(f.Key));

    /// Writes the year of the file's households: their facts, their members, the people.
    public async Task<MergeResult> WriteAsync(CancellationToken ct)
    {
        await KeepAbsentColumnsAsync(ct);
        await Run($"""
            CREATE {Temp("stage_touched")}
            SELECT household_id FROM stage_household
            UNION SELECT household_id FROM memberships WHERE year = @year AND person_id IN (SELECT person_id FROM stage_member)
            """, ct);
        // The communes whose results follow these facts: the file's, and the ones its households were in that year before.
        // They are recorded as pending in this transaction, so a process that dies before reclassifying leaves them so.
        await Run($"""
            CREATE {Temp("stage_communes")}
            SELECT unit_id FROM stage_household
            UNION SELECT unit_id FROM household_years WHERE year = @year AND household_id IN (SELECT household_id FROM stage_household)
            """, ct);
        await Run("""
            INSERT INTO pending_reclassifications (unit_id, year, since)
            SELECT unit_id, @year, @now FROM stage_communes WHERE 1 = 1
            ON CONFLICT (unit_id, year) DO UPDATE SET since = excluded.since
            """, ct);
        var communeIds = new List<long>();
        await using (var cmd = Sql.Command(db, "SELECT unit_id FROM stage_communes"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) communeIds.Add(r.GetInt64(0));
        var (removals, removalCount) = await RemovalsAsync(ct);
        var (corrections, correctionCount) = await CorrectionsAsync(ct);

        await Run("DELETE FROM memberships WHERE year = @year AND household_id IN (SELECT household_id FROM stage_household)", ct);
        await Run("DELETE FROM memberships WHERE year = @year AND person_id IN (SELECT person_id FROM stage_member)", ct);
        await Run("DELETE FROM household_years WHERE year = @year AND household_id IN (SELECT household_id FROM stage_household)", ct);
        var householdColumns = string.Join(", ", HouseholdColumns.Select(c => c.Name));
        await Run($"""
            INSERT INTO household_years (household_id, year, {householdColumns})
            SELECT household_id, @year, {householdColumns} FROM stage_household
            """, ct);
        var personFacts = HouseholdFields.Member.OwnedBy(FactOwner.Person).Select(f => f.Key).ToList();
        await Run($"""
            UPDATE people SET {string.Join(", ", personFacts.Select(k => $"{k} = s.{k}"))}
            FROM stage_member s WHERE people.id = s.person_id AND s.is_new = 0
              AND ({string.Join(" OR ", personFacts.Select(k => $"people.{k} IS DISTINCT FROM s.{k}"))})
            """, ct);
        await Run($"""
            INSERT INTO people (id, {Keys(FactOwner.Person)})
            SELECT s.person_id, {Keys(FactOwner.Person, "s.")} FROM stage_member s WHERE s.is_new = 1
            """, ct);
        await Run($"""
            INSERT INTO memberships (person_id, household_id, year, position, {Keys(FactOwner.Membership)})
            SELECT person_id, household_id, @year, position, {Keys(FactOwner.Membership)} FROM stage_member
            """, ct);
        return new MergeResult(removals, removalCount, corrections, correctionCount, communeIds);
    }

    /// A column the file does not have keeps the stored value: of the household's year, of the person, of her membership
    /// that year. Where nothing is stored (a new household or year) the fact stays unrecorded.
    private async Task KeepAbsentColumnsAsync(CancellationToken ct)
    {
        var household = FactColumns.HouseholdYear.Where(f => absentKeys.Contains(f.Key)).Select(f => $"{f.Key} = y.{f.Key}").ToList();
        // The area that applies: a stored area of its own stays; one taken from the commune follows the commune.
        if (absentKeys.Contains(FactColumns.AreaFact.Key))
            household.AddRange(["area = CASE WHEN y.area_from_unit THEN stage_household.area ELSE y.area END", "area_from_unit = y.area_from_unit"]);
        if (household.Count > 0)
            await Run($"""
                UPDATE stage_household SET {string.Join(", ", household)}
                FROM household_years y WHERE y.household_id = stage_household.household_id AND y.year = @year
                """, ct);
        foreach (var (owner, from) in new[] { (FactOwner.Person, "people p WHERE p.id = stage_member.person_id"),
                     (FactOwner.Membership, "memberships p WHERE p.person_id = stage_member.person_id AND p.year = @year") })
        {
            var keep = Absent(owner).Select(f => $"{f.Key} = p.{f.Key}").ToList();
            if (keep.Count > 0)
                await Run($"UPDATE stage_member SET {string.Join(", ", keep)} FROM {from} AND stage_member.is_new = 0", ct);
        }
    }

    private async Task<(List<MemberRemoval>, int)> RemovalsAsync(CancellationToken ct)
    {
        const string removed = """
            FROM memberships m JOIN households h ON h.id = m.household_id JOIN people p ON p.id = m.person_id
            WHERE m.year = @year AND m.household_id IN (SELECT household_id FROM stage_household)
              AND NOT EXISTS (SELECT 1 FROM stage_member s WHERE s.person_id = m.person_id)
            """;
        var list = new List<MemberRemoval>();
        await using (var cmd = Sql.Command(db, $"SELECT h.code, p.full_name, p.date_of_birth {removed} ORDER BY h.code, m.position LIMIT {ImportReport.MaxListed}", ("@year", year)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) list.Add(new MemberRemoval(r.GetString(0), r.GetString(1), r.GetFieldValue<DateOnly>(2)));
        var count = list.Count < ImportReport.MaxListed ? list.Count : await CountAsync(removed, ct);
        return (list, count);
    }

    /// People the file recognises whose identity facts it changes, with the old and the new values.
    private async Task<(List<PersonCorrection>, int)> CorrectionsAsync(CancellationToken ct)
    {
        var facts = Present(FactOwner.Person).ToList();
        var changed = $"""
            FROM stage_member s JOIN people p ON p.id = s.person_id JOIN households h ON h.id = s.household_id
            WHERE s.is_new = 0 AND ({string.Join(" OR ", facts.Select(f => $"p.{f.Key} IS DISTINCT FROM s.{f.Key}"))})
            """;
        var list = new List<PersonCorrection>();
        await using (var cmd = Sql.Command(db, $"""
            SELECT s.row_no, h.code, {string.Join(", ", facts.Select(f => $"p.{f.Key}, s.{f.Key}"))} {changed}
            ORDER BY s.row_no LIMIT {ImportReport.MaxListed}
            """))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var changes = new List<string>();
                for (var i = 0; i < facts.Count; i++)
                {
                    var (before, after) = (Display(facts[i], r, 2 + 2 * i), Display(facts[i], r, 3 + 2 * i));
                    if (before != after) changes.Add($"{facts[i].Header}: «{before}» → «{after}»");
                }
                list.Add(new PersonCorrection(r.GetInt32(0), r.GetString(1), $"Hộ {r.GetString(1)}, dòng {r.GetInt32(0)}: {string.Join("; ", changes)}."));
            }
        var count = list.Count < ImportReport.MaxListed ? list.Count : await CountAsync(changed, ct);
        return (list, count);
    }

    /// A stored value as the file writes it (codes as their words, dates dd/MM/yyyy).
    private string Display(Fact<MemberFacts> fact, DbDataReader r, int i)
    {
        if (r.IsDBNull(i)) return "";
        var facts = FactList<MemberFacts>.New();
        switch (fact.Storage)
        {
            case FactStorage.Text: fact.SetText(facts, r.GetString(i)); break;
            case FactStorage.Date: fact.SetDate(facts, r.GetFieldValue<DateOnly>(i)); break;
            case FactStorage.Code: fact.SetCode(facts, r.GetFieldType(i) == typeof(bool) ? (r.GetBoolean(i) ? 1 : 0) : Convert.ToInt32(r.GetValue(i))); break;
            default: fact.SetNumber(facts, Convert.ToDecimal(r.GetValue(i))); break;
        }
        return fact.Format(facts, ethnic);
    }

    private async Task<int> CountAsync(string from, CancellationToken ct)
    {
        await using var cmd = Sql.Command(db, "SELECT count(*) " + from, ("@year", year));
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct));
    }
}
