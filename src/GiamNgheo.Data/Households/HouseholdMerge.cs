using System.Data.Common;
using GiamNgheo.Data.Bulk;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Households;
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
/// Who each row is: HouseholdMerge.Identity.cs; the transaction, the lock and the write: here.
internal sealed partial class HouseholdMerge(RegistryDb db, int year, DateTime nowUtc, IReadOnlySet<string> absentKeys, EthnicGroups ethnic, Action<string> trace)
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
        var communeIds = await Sql.ListAsync(db, "SELECT unit_id FROM stage_communes", r => r.GetInt64(0), ct);
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

    private Task<(List<MemberRemoval>, int)> RemovalsAsync(CancellationToken ct) => FirstAndCountAsync("h.code, p.full_name, p.date_of_birth", """
        FROM memberships m JOIN households h ON h.id = m.household_id JOIN people p ON p.id = m.person_id
        WHERE m.year = @year AND m.household_id IN (SELECT household_id FROM stage_household)
          AND NOT EXISTS (SELECT 1 FROM stage_member s WHERE s.person_id = m.person_id)
        """, "h.code, m.position", r => new MemberRemoval(r.GetString(0), r.GetString(1), r.GetFieldValue<DateOnly>(2)), ct);

    /// People the file recognises whose identity facts it changes, with the old and the new values.
    private Task<(List<PersonCorrection>, int)> CorrectionsAsync(CancellationToken ct)
    {
        var facts = Present(FactOwner.Person).ToList();
        return FirstAndCountAsync($"s.row_no, h.code, {string.Join(", ", facts.Select(f => $"p.{f.Key}, s.{f.Key}"))}", $"""
            FROM stage_member s JOIN people p ON p.id = s.person_id JOIN households h ON h.id = s.household_id
            WHERE s.is_new = 0 AND ({string.Join(" OR ", facts.Select(f => $"p.{f.Key} IS DISTINCT FROM s.{f.Key}"))})
            """, "s.row_no", r =>
        {
            var changes = new List<string>();
            for (var i = 0; i < facts.Count; i++)
            {
                var (before, after) = (Display(facts[i], r, 2 + 2 * i), Display(facts[i], r, 3 + 2 * i));
                if (before != after) changes.Add($"{facts[i].Header}: «{before}» → «{after}»");
            }
            return new PersonCorrection(r.GetInt32(0), r.GetString(1), $"Hộ {r.GetString(1)}, dòng {r.GetInt32(0)}: {string.Join("; ", changes)}.");
        }, ct);
    }

    /// The first <see cref="ImportReport.MaxListed"/> rows of a query, and how many it has in all (counted only when
    /// there are more).
    private async Task<(List<T>, int)> FirstAndCountAsync<T>(string columns, string from, string orderBy, Func<DbDataReader, T> row, CancellationToken ct)
    {
        var list = await Sql.ListAsync(db, $"SELECT {columns} {from} ORDER BY {orderBy} LIMIT {ImportReport.MaxListed}", row, ct, ("@year", year));
        if (list.Count < ImportReport.MaxListed) return (list, list.Count);
        await using var cmd = Sql.Command(db, "SELECT count(*) " + from, ("@year", year));
        return (list, Convert.ToInt32(await cmd.ExecuteScalarAsync(ct)));
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
}
