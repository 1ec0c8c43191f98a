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

/// A header of the file that names none of the columns, with the nearest known header when one is close.
public sealed record UnknownHeader(string Header, string? Suggestion);

/// A member the file leaves out of a household it names: she is no longer a member of it that year (her person record
/// and her earlier years stay).
public sealed record MemberRemoval(string HouseholdCode, string FullName, DateOnly DateOfBirth);

/// A person the file recognises (same household: same citizen ID, or same birth date and position) whose identity facts
/// it corrects; recorded in the change log with the old and the new values.
public sealed record PersonCorrection(int Row, string HouseholdCode, string Description);

public sealed record ImportReport(
    int Year, bool DryRun, bool Applied, int Households, int Members,
    int ErrorCount, IReadOnlyList<RowError> Errors, IReadOnlyList<LikelyDuplicate> Duplicates)
{
    /// The communes whose households the applied file wrote (and those they were in before): recorded as pending
    /// reclassification in the file's transaction, recomputed afterwards.
    public IReadOnlyList<long> CommuneIds { get; init; } = [];
    /// The optional columns the file did not have: those facts keep their stored values.
    public IReadOnlyList<string> AbsentColumns { get; init; } = [];
    public IReadOnlyList<UnknownHeader> UnknownHeaders { get; init; } = [];
    /// The first <see cref="MaxListed"/> removals and corrections, and how many there were in all.
    public IReadOnlyList<MemberRemoval> Removals { get; init; } = [];
    public int RemovalCount { get; init; }
    public IReadOnlyList<PersonCorrection> Corrections { get; init; } = [];
    public int CorrectionCount { get; init; }

    /// Where the file's table was read (format, sheet, header row); null when the file could not be opened.
    public GiamNgheo.Files.Tabular.TabularLayout? Layout { get; init; }

    public const int MaxErrorsKept = 1000;
    public const int MaxListed = 500;
}

/// Another writer holds the registry's write lock longer than an import waits for it.
public sealed class RegistryBusyException(Exception inner)
    : Exception("Đang có một lần nhập dữ liệu khác, vui lòng thử lại sau ít phút.", inner);

/// Imports the exchange file for one review year. All or nothing: a file with any error changes nothing; a good file
/// replaces that year's facts and members of the households it names (upsert by household code), so importing the same
/// file twice leaves the database as after the first time. Columns the file does not have keep their stored values.
/// Rows stream through the parser into staging tables (COPY / prepared INSERT) outside the write lock; the lock is held
/// only for the set-based merge (<see cref="HouseholdMerge"/>) — no EF change tracking.
public static class HouseholdImport
{
    /// How long an import waits for another import or edit to finish its merge before it gives up with a message.
    public static readonly TimeSpan DefaultWriteLockWait = TimeSpan.FromSeconds(30);

    public static async Task<ImportReport> RunAsync(RegistryDb db, IReadOnlyList<string> headers, IEnumerable<RawRow> rows,
        int year, bool dryRun, string actor, string fileName, DateTime nowUtc, CancellationToken ct = default, TextWriter? trace = null,
        IReadOnlyDictionary<int, long>? personByRow = null, TimeSpan? writeLockWait = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Trace(string step) { trace?.WriteLine($"  {clock.Elapsed.TotalSeconds,7:0.00} s  {step}"); }
        var (map, headerErrors) = HouseholdFile.MapHeaders(headers);
        var unknownHeaders = HouseholdFile.UnknownHeaders(headers)
            .Select(h => new UnknownHeader(h.Header, h.Suggestion)).ToList();
        var absent = HouseholdFile.Columns.Where((c, i) => map[i] < 0).ToList();
        if (headerErrors.Count > 0)
            return new ImportReport(year, dryRun, false, 0, 0, headerErrors.Count, headerErrors, []) { UnknownHeaders = unknownHeaders };

        var communes = await CommunesOnAsync(db, UnitEras.ReviewDate(year), ct);
        var ethnic = await EthnicGroupsAsync(db, ct);
        var parser = new HouseholdFileParser(year, communes.GetValueOrDefault, ethnic);
        var ordered = rows.Select(r => r with { Cells = map.Select(i => i < 0 || i >= r.Cells.Count ? "" : r.Cells[i]).ToArray() });
        var errors = new List<RowError>();
        var errorCount = 0;
        void Add(IEnumerable<RowError> found)
        {
            foreach (var e in found)
            {
                errorCount++;
                if (errors.Count < ImportReport.MaxErrorsKept) errors.Add(e);
            }
        }
        ImportReport Refused(int households, int members) => new(year, dryRun, false, households, members, errorCount,
            errors.OrderBy(e => e.Row).ToList(), []) { AbsentColumns = absent.Select(c => c.Header).ToList(), UnknownHeaders = unknownHeaders };
        int households = 0, members = 0;

        await db.Database.OpenConnectionAsync(ct);
        var merge = new HouseholdMerge(db, year, nowUtc, absent.Select(c => c.Key).ToHashSet(), ethnic, Trace);
        try
        {
            // SQLite: SQLite keeps temporary tables in a database of the connection's own, so staging takes no lock on the
            // registry and other writers go on while a large file is parsed. PostgreSQL: one transaction throughout.
            await using (var staging = await merge.BeginStagingAsync(ct))
            {
                await using (var stage = await StagingTable<StagedRow>.CreateAsync(db, "stage_row", StagedColumns, ct))
                {
                    foreach (var block in parser.Parse(ordered))
                    {
                        if (block.Errors.Count > 0)
                        {
                            Add(block.Errors);
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
                Add(await RepeatedHouseholdsAsync(db, ct));
                Add(await merge.RepeatedCitizenIdsAsync(ct));
                if (errorCount == 0 && households == 0)
                    Add([new RowError(0, "Tệp", fileName, "Tệp không có dòng dữ liệu: chỉ có dòng tiêu đề, hoặc mọi dòng đều trống.")]);
                if (errorCount > 0) return Refused(households, members);
                if (db.Kind == DatabaseKind.Sqlite) await staging.CommitAsync(ct);

                await using var write = await merge.BeginWriteAsync(staging, writeLockWait ?? DefaultWriteLockWait, ct);
                Add(await merge.MatchPeopleAsync(ct));
                if (errorCount > 0) return Refused(households, members);
                var result = await merge.WriteAsync(ct);
                Add(await RegistryInvariants.BrokenAsync(db, year, HouseholdMerge.TouchedHouseholds, ct));
                if (errorCount > 0) return Refused(households, members);
                Trace("invariants");
                var duplicates = await LikelyDuplicatesAsync(db, year, ct);
                Trace("checked");
                var report = new ImportReport(year, dryRun, !dryRun, households, members, 0, [], duplicates)
                {
                    AbsentColumns = absent.Select(c => c.Header).ToList(), UnknownHeaders = unknownHeaders,
                    Removals = result.Removals, RemovalCount = result.RemovalCount,
                    Corrections = result.Corrections, CorrectionCount = result.CorrectionCount,
                };
                if (dryRun) return report;
                db.Set<ChangeRecord>().Add(new ChangeRecord
                {
                    At = nowUtc, Actor = actor, Action = "households.import", Subject = $"{year}",
                    Summary = $"Nhập tệp {fileName}: {VnFormat.Number(households)} hộ, {VnFormat.Number(members)} thành viên, năm {year}."
                        + (result.RemovalCount > 0 ? $" Bỏ {VnFormat.Number(result.RemovalCount)} thành viên không còn trong hộ." : ""),
                });
                db.Set<ChangeRecord>().AddRange(result.Corrections.Select(c => new ChangeRecord
                {
                    At = nowUtc, Actor = actor, Action = "people.correct", Subject = c.HouseholdCode, Summary = c.Description,
                }));
                await db.SaveChangesAsync(ct);
                await write.CommitAsync(ct);
                Trace("committed");
                return report with { CommuneIds = result.CommuneIds };
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            await merge.DropStagingAsync(CancellationToken.None);
        }
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
    internal static readonly StagingColumn<HouseholdBlock>[] HouseholdColumns =
    [
        new("unit_id", ColumnType.Long, b => b.Commune!.UnitId),
        .. FactColumns.HouseholdYear.Select(f => new StagingColumn<HouseholdBlock>(f.Key, FactColumns.TypeOf(f), b => f.Stored(b.Facts!))),
        new("area", ColumnType.Int, b => (int)(b.Facts!.Area ?? b.Commune!.Area)),
        new("area_from_unit", ColumnType.Bool, b => b.Facts!.Area is null),
        new("member_count", ColumnType.Int, b => b.Members.Count),
        new("head_name", ColumnType.Text, b => b.HeadName),
        new("head_name_folded", ColumnType.Text, b => VietnameseText.Fold(b.HeadName)),
    ];

    internal static readonly StagingColumn<ParsedMember>[] MemberColumns =
    [
        new("row_no", ColumnType.Int, m => m.Row),
        .. HouseholdFields.Member.All.Select(f => new StagingColumn<ParsedMember>(f.Key, FactColumns.TypeOf(f), m => f.Stored(m.Facts))),
    ];

    internal static string Keys(FactOwner owner, string prefix = "") => string.Join(", ", HouseholdFields.Member.OwnedBy(owner).Select(f => prefix + f.Key));

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

    private static Task<List<RowError>> RepeatedHouseholdsAsync(RegistryDb db, CancellationToken ct) => Sql.ListAsync(db,
        "SELECT code, min(first_row), max(first_row) FROM stage_row WHERE position = 1 GROUP BY code HAVING count(*) > 1 ORDER BY min(first_row) LIMIT 1000",
        r => new RowError(r.GetInt32(2), "Mã hộ", r.GetString(0),
            $"Hộ này đã có ở dòng {r.GetInt32(1)}; các dòng của một hộ phải liền nhau, mỗi hộ chỉ xuất hiện một lần trong tệp."), ct);

    private static async Task<List<LikelyDuplicate>> LikelyDuplicatesAsync(RegistryDb db, int year, CancellationToken ct)
    {
        var result = await Sql.ListAsync(db, """
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
            """, r => new LikelyDuplicate("Trùng số CCCD", $"Số CCCD {r.GetString(0)} có ở {r.GetInt64(3)} hộ (ví dụ {r.GetString(1)} và {r.GetString(2)})."),
            ct, ("@year", year));

        // Same name and birth date in two households of one commune: the file's households among themselves
        // and against the commune's other households of the year. Grouped first, named after.
        result.AddRange(await Sql.ListAsync(db, """
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
            """, r => new LikelyDuplicate("Trùng họ tên và ngày sinh",
                $"{r.GetString(1)}, sinh {VnFormat.Date(r.GetFieldValue<DateOnly>(2))}, có ở hộ {r.GetString(3)} và {r.GetString(4)} cùng thuộc {r.GetString(0)}."),
            ct, ("@year", year)));
        return result;
    }
}
