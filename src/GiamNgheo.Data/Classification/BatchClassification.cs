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
                deprivations, unknown, deprived_indicators, inputs_hash, computed_at, income_source, proxy_score)
            SELECT household_id, @year, @standard, category, income_per_person_month, poverty_line, area,
                deprivations, unknown, deprived_indicators, inputs_hash, @now, income_source, proxy_score
            FROM stage_result WHERE true
            ON CONFLICT (household_id, year, standard_id) DO UPDATE SET
                category = excluded.category, income_per_person_month = excluded.income_per_person_month,
                poverty_line = excluded.poverty_line, area = excluded.area, deprivations = excluded.deprivations,
                unknown = excluded.unknown, deprived_indicators = excluded.deprived_indicators,
                inputs_hash = excluded.inputs_hash, computed_at = excluded.computed_at,
                income_source = excluded.income_source, proxy_score = excluded.proxy_score
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
        new("income_source", ColumnType.Text, r => r.Result.IncomeSource),
        new("proxy_score", ColumnType.Int, r => r.Result.Proxy?.Total),
    ];

    /// The inputs that decide a result: the standard and the household's facts and members of the year (with the
    /// Phiếu B card key, region and answers when a card is in force).
    private static string Hash(string standardHash, HouseholdSnapshot h) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(standardHash + JsonSerializer.Serialize(h))));

    /// Households of the scope with their members, in household id order, from two ordered reads on two
    /// connections (plain data readers: this is the hot path of a national run).
    internal static async IAsyncEnumerable<(long HouseholdId, long UnitId, HouseholdSnapshot Snapshot)> SnapshotsAsync(DatabaseTarget target, long unitId, int year,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        const string scope = """
            (SELECT c.id FROM units c WHERE c.level = 3 AND (c.id = @unit OR c.parent_id = @unit
                OR c.parent_id IN (SELECT d.id FROM units d WHERE d.parent_id = @unit)))
            """;
        Scorecards.ProxyMeansInputs proxyMeans;
        await using (var db = target.CreateContext()) proxyMeans = await Scorecards.ProxyMeansInputs.LoadAsync(db, year, ct: ct);
        await using var dbYears = target.CreateContext();
        await using var dbMembers = target.CreateContext();
        await dbYears.Database.OpenConnectionAsync(ct);
        await dbMembers.Database.OpenConnectionAsync(ct);
        await using var yearsCmd = Sql.Command(dbYears, $"""
            SELECT household_id, unit_id, area, area_from_unit, hamlet, address, phone, income12_months, housing_area_m2,
                durable_walls, durable_frame, durable_roof, water, latrine, uses_telecom, has_tv, has_radio, has_computer,
                has_internet_phone, loudspeaker_reach
            FROM household_years WHERE year = @year AND unit_id IN {scope} ORDER BY household_id
            """, ("@year", year), ("@unit", unitId));
        await using var membersCmd = Sql.Command(dbMembers, $"""
            SELECT m.household_id, p.full_name, p.sex, p.date_of_birth, p.citizen_id, p.ethnic_code, m.relation, m.education,
                m.in_school, m.health_insurance, m.employment, m.disability, m.meritorious, m.social_protection, m.malnourished
            FROM memberships m JOIN people p ON p.id = m.person_id
            WHERE m.year = @year AND m.household_id IN (SELECT household_id FROM household_years WHERE year = @year AND unit_id IN {scope})
            ORDER BY m.household_id, m.position
            """, ("@year", year), ("@unit", unitId));
        await using var years = await yearsCmd.ExecuteReaderAsync(ct);
        await using var members = await membersCmd.ExecuteReaderAsync(ct);
        var hasMember = await members.ReadAsync(ct);
        var reviewDate = UnitEras.ReviewDate(year);
        while (await years.ReadAsync(ct))
        {
            var householdId = years.GetInt64(0);
            var list = new List<MemberFacts>();
            while (hasMember && members.GetInt64(0) < householdId) hasMember = await members.ReadAsync(ct);
            while (hasMember && members.GetInt64(0) == householdId)
            {
                list.Add(ReadMember(members));
                hasMember = await members.ReadAsync(ct);
            }
            var area = (Area)years.GetInt32(2);
            var facts = new HouseholdFacts
            {
                Area = years.GetBoolean(3) ? null : area, Hamlet = years.GetString(4), Address = Text(years, 5), Phone = Text(years, 6),
                Income12Months = years.IsDBNull(7) ? null : years.GetInt64(7), HousingAreaM2 = years.IsDBNull(8) ? null : (decimal)years.GetDouble(8),
                DurableWalls = Bool(years, 9), DurableFrame = Bool(years, 10), DurableRoof = Bool(years, 11),
                Water = years.IsDBNull(12) ? null : (WaterSource)years.GetInt32(12), Latrine = years.IsDBNull(13) ? null : (LatrineType)years.GetInt32(13),
                UsesTelecom = Bool(years, 14), HasTv = Bool(years, 15), HasRadio = Bool(years, 16), HasComputer = Bool(years, 17),
                HasInternetPhone = Bool(years, 18), LoudspeakerReach = Bool(years, 19),
            };
            var snapshot = proxyMeans.Attach(householdId, years.GetInt64(1), new HouseholdSnapshot(facts, area, list, reviewDate));
            yield return (householdId, years.GetInt64(1), snapshot);
        }
    }

    private static MemberFacts ReadMember(System.Data.Common.DbDataReader r) => new()
    {
        FullName = r.GetString(1), Sex = (Sex)r.GetInt32(2), DateOfBirth = r.GetFieldValue<DateOnly>(3), CitizenId = Text(r, 4),
        EthnicCode = r.GetString(5), Relation = (Relation)r.GetInt32(6), Education = r.IsDBNull(7) ? null : (Education)r.GetInt32(7),
        InSchool = Bool(r, 8), HealthInsurance = Bool(r, 9), Employment = r.IsDBNull(10) ? null : (Employment)r.GetInt32(10),
        Disability = Bool(r, 11), Meritorious = Bool(r, 12), SocialProtection = Bool(r, 13), Malnourished = Bool(r, 14),
    };

    private static bool? Bool(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetBoolean(i);
    private static string? Text(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
