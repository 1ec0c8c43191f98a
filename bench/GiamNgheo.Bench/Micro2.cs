using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace GiamNgheo.Bench;

public static class Micro2
{
    const string Scope = "(SELECT c.id FROM units c WHERE c.level = 3 AND (c.id = 15 OR c.parent_id = 15 OR c.parent_id IN (SELECT d.id FROM units d WHERE d.parent_id = 15)))";
    public static async Task RunAsync(string path)
    {
        await using var c = new SqliteConnection("Data Source=" + path);
        await c.OpenAsync();
        foreach (var (label, sql) in new[] {
            ("members", $"SELECT m.household_id, p.full_name, p.sex, p.date_of_birth, p.citizen_id, p.ethnic_code, m.relation, m.education, m.in_school, m.health_insurance, m.employment, m.disability, m.meritorious, m.social_protection, m.malnourished FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.year = 2024 AND m.household_id IN (SELECT household_id FROM household_years WHERE year = 2024 AND unit_id IN {Scope}) ORDER BY m.household_id, m.position"),
            ("members packed", $"SELECT m.household_id, p.full_name, p.date_of_birth, p.citizen_id, p.ethnic_code, p.sex | m.relation << 4 | coalesce(m.education, 15) << 8 | coalesce(m.employment, 15) << 12 | coalesce(CAST(m.in_school AS integer) + 1, 0) << 16 | coalesce(CAST(m.health_insurance AS integer) + 1, 0) << 18 | coalesce(CAST(m.disability AS integer) + 1, 0) << 20 | coalesce(CAST(m.meritorious AS integer) + 1, 0) << 22 | coalesce(CAST(m.social_protection AS integer) + 1, 0) << 24 | coalesce(CAST(m.malnourished AS integer) + 1, 0) << 26 FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.year = 2024 AND m.household_id IN (SELECT household_id FROM household_years WHERE year = 2024 AND unit_id IN {Scope}) ORDER BY m.household_id, m.position"),
            ("years", $"SELECT household_id, unit_id, area, area_from_unit, hamlet, address, phone, income12_months, housing_area_m2, durable_walls, durable_frame, durable_roof, water, latrine, uses_telecom, has_tv, has_radio, has_computer, has_internet_phone, loudspeaker_reach FROM household_years WHERE year = 2024 AND unit_id IN {Scope} ORDER BY household_id") })
        {
            for (var mode = 1; mode < 3; mode++)
            {
                var sw = Stopwatch.StartNew();
                await using var cmd = c.CreateCommand();
                cmd.CommandText = sql;
                await using var r = await cmd.ExecuteReaderAsync();
                long n = 0, x = 0;
                while (mode == 2 ? r.Read() : await r.ReadAsync())
                {
                    n++;
                    x += r.GetInt64(0);
                    if (mode >= 1) for (var i = 1; i < r.FieldCount; i++) if (!r.IsDBNull(i)) x += r.GetValue(i) is string s ? s.Length : 1;
                }
                Console.WriteLine($"{label} mode {mode}: {n} rows {sw.Elapsed.TotalSeconds:0.00} s");
            }
        }
    }
}
