using GiamNgheo.Data.Bulk;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;

namespace GiamNgheo.Data.Households;

/// What must hold of the registry after every write: a citizen ID belongs to one person; every household-year has
/// exactly one head (Relation.Head), and its stored member count and head name are those of its members. Every import
/// checks the households it touched before it commits (a broken one is refused, never stored); the tests check the
/// whole registry after every import they make.
public static class RegistryInvariants
{
    /// The rules the households of <paramref name="householdScope"/> (a SELECT of household ids; null: every household)
    /// break in <paramref name="year"/> (null: every year), as errors naming the household.
    public static async Task<List<RowError>> BrokenAsync(RegistryDb db, int? year, string? householdScope, CancellationToken ct = default)
    {
        var inScope = householdScope is null ? "" : $" AND y.household_id IN ({householdScope})";
        var inYear = year is null ? "" : " AND y.year = @year";
        var errors = new List<RowError>();
        async Task Read(string sql, Func<System.Data.Common.DbDataReader, RowError> error) => errors.AddRange(
            await Sql.ListAsync(db, sql + $" LIMIT {ImportReport.MaxErrorsKept}", error, ct, ("@year", year ?? 0), ("@head", (int)Relation.Head)));

        var citizenScope = householdScope is null ? "" : $"""
             AND citizen_id IN (SELECT p.citizen_id FROM people p JOIN memberships m ON m.person_id = p.id
                 WHERE m.household_id IN ({householdScope}){(year is null ? "" : " AND m.year = @year")})
            """;
        await Read($"""
            SELECT citizen_id, count(*) FROM people WHERE citizen_id IS NOT NULL{citizenScope}
            GROUP BY citizen_id HAVING count(*) > 1 ORDER BY citizen_id
            """, r => new RowError(0, "Số CCCD", r.GetString(0), $"Số CCCD này thuộc về {r.GetInt64(1)} người; một số CCCD chỉ thuộc về một người."));
        // One pass over the household-years in scope and their members (the index on memberships by household and year).
        await Read($"""
            SELECT h.code, y.year, y.member_count, y.head_name, count(m.person_id),
                count(CASE WHEN m.relation = @head THEN 1 END), max(CASE WHEN m.relation = @head THEN p.full_name END)
            FROM household_years y JOIN households h ON h.id = y.household_id
            LEFT JOIN memberships m ON m.household_id = y.household_id AND m.year = y.year
            LEFT JOIN people p ON p.id = m.person_id
            WHERE 1 = 1{inScope}{inYear}
            GROUP BY h.code, y.year, y.member_count, y.head_name
            HAVING count(CASE WHEN m.relation = @head THEN 1 END) <> 1 OR y.member_count <> count(m.person_id)
                OR y.head_name IS DISTINCT FROM max(CASE WHEN m.relation = @head THEN p.full_name END)
            ORDER BY h.code, y.year
            """, r =>
        {
            var (code, yearOf, heads) = (r.GetString(0), r.GetInt32(1), r.GetInt64(5));
            return heads != 1
                ? new RowError(0, "Mã hộ", code, $"Năm {yearOf} hộ có {heads} chủ hộ; mỗi hộ có đúng một chủ hộ.")
                : new RowError(0, "Mã hộ", code, $"Năm {yearOf} hộ ghi {r.GetInt32(2)} thành viên, chủ hộ «{(r.IsDBNull(3) ? "" : r.GetString(3))}», " +
                    $"nhưng có {r.GetInt64(4)} thành viên, chủ hộ «{(r.IsDBNull(6) ? "" : r.GetString(6))}».");
        });
        return errors;
    }
}
