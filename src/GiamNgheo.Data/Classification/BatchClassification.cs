using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GiamNgheo.Data.Bulk;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Classification;

public sealed record ClassifyReport(int Year, string StandardId, int Households, int Changed, IReadOnlyDictionary<Category, int> Counts);

/// Classifies every household of a unit scope in a year: facts stream out in household order (households and
/// members as two ordered reads merged, so memory stays flat), are classified in C#, and the results go back
/// through a staging table and one upsert that rewrites a row only when its inputs changed.
public static class BatchClassification
{
    public static async Task<ClassifyReport> RunAsync(DatabaseTarget target, long unitId, int year, PovertyStandard? standard,
        DateTime nowUtc, CancellationToken ct = default)
    {
        var s = standard ?? HouseholdClassification.Standards.ForYear(year);
        var standardHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s.ToJson())));
        var counts = Enum.GetValues<Category>().ToDictionary(c => c, _ => 0);
        int households = 0;

        await using var write = target.CreateContext();
        await write.Database.OpenConnectionAsync(ct);
        await using var tx = await write.Database.BeginTransactionAsync(ct);
        await using (var stage = await StagingTable<Staged>.CreateAsync(write, "stage_result", Columns, ct))
        {
            await foreach (var (householdId, _, snapshot) in SnapshotsAsync(target, unitId, year, ct))
            {
                var result = Classifier.Classify(s, snapshot);
                counts[result.Category]++;
                households++;
                await stage.WriteAsync(new Staged(householdId, result, Hash(standardHash, snapshot)), ct);
            }
            await stage.CompleteAsync(ct);
        }
        var changed = await Sql.ExecuteAsync(write, """
            INSERT INTO classification_results (household_id, year, standard_id, category, income_per_person_month, poverty_line, area,
                deprivations, unknown, deprived_indicators, inputs_hash, computed_at)
            SELECT household_id, @year, @standard, category, income_per_person_month, poverty_line, area,
                deprivations, unknown, deprived_indicators, inputs_hash, @now
            FROM stage_result WHERE true
            ON CONFLICT (household_id, year, standard_id) DO UPDATE SET
                category = excluded.category, income_per_person_month = excluded.income_per_person_month,
                poverty_line = excluded.poverty_line, area = excluded.area, deprivations = excluded.deprivations,
                unknown = excluded.unknown, deprived_indicators = excluded.deprived_indicators,
                inputs_hash = excluded.inputs_hash, computed_at = excluded.computed_at
            WHERE classification_results.inputs_hash <> excluded.inputs_hash
            """, ct, ("@year", year), ("@standard", s.Id),
            ("@now", write.Kind == DatabaseKind.Postgres ? nowUtc : nowUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF")));
        await tx.CommitAsync(ct);
        return new ClassifyReport(year, s.Id, households, changed, counts);
    }

    private sealed record Staged(long HouseholdId, Domain.Classification.Classification Result, string Hash);

    private static readonly StagingColumn<Staged>[] Columns =
    [
        new("household_id", ColumnType.Long, r => r.HouseholdId),
        new("category", ColumnType.Int, r => (int)r.Result.Category),
        new("income_per_person_month", ColumnType.Long, r => r.Result.IncomePerPersonMonth is { } i ? (long)i : null),
        new("poverty_line", ColumnType.Long, r => (long)r.Result.PovertyLine),
        new("area", ColumnType.Int, r => (int)r.Result.Area),
        new("deprivations", ColumnType.Int, r => r.Result.Deprivations),
        new("unknown", ColumnType.Int, r => r.Result.Unknown),
        new("deprived_indicators", ColumnType.Text, r => string.Join(",", r.Result.Indicators.Where(i => i.Deprived).Select(i => i.Rule.Code))),
        new("inputs_hash", ColumnType.Text, r => r.Hash),
    ];

    /// The inputs that decide a result: the standard and the household's facts and members of the year.
    private static string Hash(string standardHash, HouseholdSnapshot h) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(standardHash + JsonSerializer.Serialize(h))));

    /// Households of the scope with their members, in household id order, from two ordered reads.
    internal static async IAsyncEnumerable<(long HouseholdId, long UnitId, HouseholdSnapshot Snapshot)> SnapshotsAsync(DatabaseTarget target, long unitId, int year,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var dbYears = target.CreateContext();
        await using var dbMembers = target.CreateContext();
        var communes = UnitQueries.CommuneIdsUnder(dbYears, unitId);
        var years = dbYears.HouseholdYears.AsNoTracking().Where(y => y.Year == year && communes.Contains(y.UnitId))
            .OrderBy(y => y.HouseholdId).AsAsyncEnumerable().GetAsyncEnumerator(ct);
        var memberCommunes = UnitQueries.CommuneIdsUnder(dbMembers, unitId);
        var members = dbMembers.Memberships.AsNoTracking().Include(m => m.Person)
            .Where(m => m.Year == year && memberCommunes.Contains(m.HouseholdYear!.UnitId))
            .OrderBy(m => m.HouseholdId).ThenBy(m => m.Position).AsAsyncEnumerable().GetAsyncEnumerator(ct);
        var hasMember = await members.MoveNextAsync();
        var reviewDate = UnitEras.ReviewDate(year);
        while (await years.MoveNextAsync())
        {
            var y = years.Current;
            var list = new List<MemberFacts>();
            while (hasMember && members.Current.HouseholdId < y.HouseholdId) hasMember = await members.MoveNextAsync();
            while (hasMember && members.Current.HouseholdId == y.HouseholdId)
            {
                list.Add(HouseholdQueries.ToFacts(members.Current));
                hasMember = await members.MoveNextAsync();
            }
            yield return (y.HouseholdId, y.UnitId, new HouseholdSnapshot(HouseholdQueries.ToFacts(y), y.Area, list, reviewDate));
        }
        await years.DisposeAsync();
        await members.DisposeAsync();
    }
}
