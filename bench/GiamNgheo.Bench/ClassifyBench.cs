using System.Diagnostics;
using GiamNgheo.Data.Bulk;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Bench;

/// Issue 3, point 10: `giamngheo classify` over a province against one hand-written SQL statement computing the
/// Decree 07/2021 rule into a new table, in the same run.
public static class ClassifyBench
{
    public static bool LoadOnly;

    public static async Task<List<ImportBench.Result>> RunAsync(DatabaseTarget target, ImportBench.DemoFile file)
    {
        var name = target.Kind == DatabaseKind.Sqlite ? "SQLite" : "PostgreSQL";
        await new RegistryDbFactory(target).MigrateAsync();
        long provinceId;
        await using (var db = new RegistryDbFactory(target).CreateDbContext())
        {
            var loaded = ImportBench.Keep is not null && await db.Set<HouseholdYear>().AnyAsync(y => y.Year == 2024);
            if (!loaded)
            {
                var load = Stopwatch.StartNew();
                await UnitImport.RunAsync(db);
                db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
                var report = await HouseholdFiles.ImportAsync(db, file.Path, 2024, false, "bench", DateTime.UtcNow, CancellationToken.None);
                if (!report.Applied) throw new InvalidOperationException(string.Join("; ", report.Errors.Take(5)));
                Console.WriteLine($"{name}: loaded in {load.Elapsed.TotalSeconds:0} s");
            }
            provinceId = (await UnitQueries.ByCodeAsync(db, "24", new DateOnly(2024, 9, 1)))!.Id;
        }
        var results = new List<ImportBench.Result>();
        if (LoadOnly) return results;
        await using (var db = new RegistryDbFactory(target).CreateDbContext())
        {
            // A kept database starts each run from the same state: no SQL table, no stored results.
            await Sql.ExecuteAsync(db, "DROP TABLE IF EXISTS bench_sql_rule", CancellationToken.None);
            await Sql.ExecuteAsync(db, "DELETE FROM classification_results", CancellationToken.None);
            await Sql.ExecuteAsync(db, target.Kind == DatabaseKind.Postgres ? "VACUUM ANALYZE" : "ANALYZE", CancellationToken.None);
        }
        var sw = Stopwatch.StartNew();
        await using (var db = new RegistryDbFactory(target).CreateDbContext())
            await Sql.ExecuteAsync(db, SqlRule(target.Kind), CancellationToken.None);
        results.Add(new(name, "hand-written SQL (CREATE TABLE AS)", sw.Elapsed.TotalSeconds, true));
        Console.WriteLine($"{name}: SQL rule {sw.Elapsed.TotalSeconds:0.00} s");

        foreach (var step in new[] { "giamngheo classify (new)", "giamngheo classify (unchanged)" })
        {
            sw.Restart();
            var r = await new BatchClassification(new RegistryDbFactory(target), BundledStandards.Load()).RunAsync(provinceId, 2024, null, DateTime.UtcNow, CancellationToken.None,
                Environment.GetEnvironmentVariable("GIAMNGHEO_BENCH_TRACE") is null ? null : Console.Out);
            results.Add(new(name, step, sw.Elapsed.TotalSeconds, false));
            Console.WriteLine($"{name}: {step} {sw.Elapsed.TotalSeconds:0.00} s, {r.Households:N0} households, {r.Changed:N0} written");
        }

        await using (var db = new RegistryDbFactory(target).CreateDbContext())
        {
            await db.Database.OpenConnectionAsync();
            // Same rule, same answer: count the households where the SQL and the engine disagree.
            await using var cmd = Sql.Command(db, """
                SELECT count(*) FROM bench_sql_rule s JOIN classification_results r ON r.household_id = s.household_id AND r.year = 2024
                WHERE s.category <> r.category
                """);
            Console.WriteLine($"{name}: households where the SQL rule and the engine disagree: {await cmd.ExecuteScalarAsync()}");
        }
        await SearchAsync(name, target, provinceId);
        return results;
    }

    /// Issue 7: the household list of the whole province, first page and total, as the Households page asks for it,
    /// without a search (the baseline of the same run) and with a head's name typed in several ways. Median of 5 runs.
    private static async Task SearchAsync(string name, DatabaseTarget target, long provinceId)
    {
        var standard = BundledStandards.Load().National(2024)!.Id;
        foreach (var text in new string?[] { null, "Nguyễn Thị", "nguyen thi", "khanh", "VŨ VĂN KHÁNH", "07201-0000" })
        {
            var times = new List<double>();
            var (rows, total) = (0, 0);
            for (var i = 0; i < 5; i++)
            {
                await using var db = new RegistryDbFactory(target).CreateDbContext();
                var filter = new HouseholdFilter(provinceId, 2024, Text: text, StandardId: standard);
                var sw = Stopwatch.StartNew();
                rows = (await HouseholdQueries.ListAsync(db, filter)).Rows.Count;
                total = await HouseholdQueries.CountAsync(db, filter);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{name}: province list, search «{text ?? "(none)"}»: {times[2]:0} ms for the first page ({rows} rows) and the total ({total:N0})");
        }
    }

    /// Decree 07/2021 Art. 3 with the 12 indicators of reference-data/standards/decree-07-2021.json, by hand. The income
    /// comparison uses the exact value (12-month income ≤ line × 12 × members), as the engine does.
    private static string SqlRule(DatabaseKind kind)
    {
        var age = kind == DatabaseKind.Postgres
            ? "date_part('year', age(date '2024-09-01', p.date_of_birth))"
            : "(CAST(strftime('%Y', '2024-09-01') AS integer) - CAST(strftime('%Y', p.date_of_birth) AS integer) - (strftime('%m-%d', p.date_of_birth) > '09-01'))";
        return $"""
            CREATE TABLE bench_sql_rule AS
            WITH m AS (
                SELECT m.household_id,
                    count(*) AS n,
                    max(CASE WHEN {age} >= 15 AND {age} < CASE WHEN p.sex = 2 THEN 55 ELSE 60 END AND coalesce(m.in_school, false) = false
                             AND m.employment IN (2, 3) THEN 1 ELSE 0 END) AS employment,
                    sum(CASE WHEN {age} < 16 OR {age} >= 60 OR m.employment = 5 THEN 1 ELSE 0 END) AS dependants,
                    max(CASE WHEN {age} < 16 AND m.malnourished = true THEN 1 ELSE 0 END) AS nutrition,
                    max(CASE WHEN {age} >= 6 AND m.health_insurance = false THEN 1 ELSE 0 END) AS insurance,
                    max(CASE WHEN m.in_school = false AND ((({age}) >= 16 AND ({age}) < 18 AND m.education < 2)
                                                        OR (({age}) >= 18 AND ({age}) <= 30 AND m.education < 3)) THEN 1 ELSE 0 END) AS adult_education,
                    max(CASE WHEN {age} >= 3 AND {age} < 16 AND m.in_school = false THEN 1 ELSE 0 END) AS school
                FROM memberships m JOIN people p ON p.id = m.person_id
                WHERE m.year = 2024
                GROUP BY m.household_id
            ), d AS (
                SELECT y.household_id, y.area, y.income12_months, m.n,
                    m.employment + CASE WHEN 2 * m.dependants > m.n THEN 1 ELSE 0 END + m.nutrition + m.insurance + m.adult_education + m.school
                    + CASE WHEN (CASE WHEN y.durable_walls = false THEN 1 ELSE 0 END) + (CASE WHEN y.durable_frame = false THEN 1 ELSE 0 END)
                              + (CASE WHEN y.durable_roof = false THEN 1 ELSE 0 END) >= 2 THEN 1 ELSE 0 END
                    + CASE WHEN y.housing_area_m2 / m.n < 8 THEN 1 ELSE 0 END
                    + CASE WHEN y.water = 6 THEN 1 ELSE 0 END
                    + CASE WHEN y.latrine IN (6, 7) THEN 1 ELSE 0 END
                    + CASE WHEN y.uses_telecom = false THEN 1 ELSE 0 END
                    + CASE WHEN y.has_tv = false AND y.has_radio = false AND y.has_computer = false AND y.has_internet_phone = false
                                AND (y.area = 1 OR y.loudspeaker_reach = false) THEN 1 ELSE 0 END AS deprivations
                FROM household_years y JOIN m ON m.household_id = y.household_id
                WHERE y.year = 2024
            )
            SELECT household_id,
                CASE WHEN income12_months IS NULL THEN 9
                     WHEN income12_months <= 12 * n * CASE WHEN area = 1 THEN 2000000 ELSE 1500000 END
                          THEN CASE WHEN deprivations >= 3 THEN 1 ELSE 2 END
                     WHEN income12_months <= 12 * n * CASE WHEN area = 1 THEN 3000000 ELSE 2250000 END THEN 3
                     ELSE 4 END AS category
            FROM d
            """;
    }
}
