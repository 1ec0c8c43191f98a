using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Classification;

/// Households of a unit in a year by stored category under one standard. Unclassified: registered that year with
/// no stored result under the standard.
public sealed record CategoryCounts(UnitView Unit, int Households, IReadOnlyDictionary<Category, int> Counts)
{
    public int Count(Category c) => Counts.GetValueOrDefault(c);
    public int Unclassified => Households - Counts.Values.Sum();
    public decimal? Rate(Category c) => Households == 0 ? null : (decimal)Count(c) / Households;
    /// Some of its communes wait for their reclassification (<see cref="PendingReclassification"/>): the stored counts
    /// do not follow the facts yet and are not shown.
    public bool Recomputing { get; init; }
}

/// Reads of the stored classification results shared by the results page, the API and the CLI.
public static class ResultQueries
{
    /// The scope's children (or the scope itself when it is a commune) with their households by category, and the
    /// scope's total: communes are counted in one grouped query, then rolled up (a small result, see PERF-NOTES).
    public static async Task<(CategoryCounts Total, List<CategoryCounts> Children)> ByChildAsync(RegistryDb db, UnitView scope, int year, string standardId,
        CancellationToken ct = default)
    {
        var communes = UnitQueries.CommuneIdsUnder(db, scope.Id);
        var rows = await (from y in db.Set<HouseholdYear>()
                          where y.Year == year && communes.Contains(y.UnitId)
                          join c in db.Set<Unit>() on y.UnitId equals c.Id
                          join r in db.Set<ClassificationResult>().Where(r => r.StandardId == standardId)
                              on new { y.HouseholdId, y.Year } equals new { r.HouseholdId, r.Year } into results
                          from r in results.DefaultIfEmpty()
                          group y by new { y.UnitId, c.ParentId, Category = r == null ? 0 : r.Category } into g
                          select new { g.Key.UnitId, g.Key.ParentId, g.Key.Category, N = g.Count() }).ToListAsync(ct);
        var pending = await (from p in db.Set<PendingReclassification>()
                             where p.Year == year && communes.Contains(p.UnitId)
                             join c in db.Set<Unit>() on p.UnitId equals c.Id
                             select new { p.UnitId, c.ParentId }).ToListAsync(ct);
        var children = scope.Level == UnitLevel.Commune ? [scope] : await UnitQueries.ChildrenAsync(db, scope.Id, UnitEras.ReviewDate(year), ct);
        CategoryCounts Sum(UnitView unit, IEnumerable<(int Category, int N)> part, bool recomputing)
        {
            var list = part.ToList();
            return new CategoryCounts(unit, list.Sum(x => x.N),
                list.Where(x => x.Category != 0).GroupBy(x => (Category)x.Category).ToDictionary(g => g.Key, g => g.Sum(x => x.N)))
                { Recomputing = recomputing };
        }
        return (Sum(scope, rows.Select(r => (r.Category, r.N)), pending.Count > 0),
            children.Select(c => Sum(c, rows.Where(r => r.UnitId == c.Id || r.ParentId == c.Id).Select(r => (r.Category, r.N)),
                pending.Any(p => p.UnitId == c.Id || p.ParentId == c.Id))).ToList());
    }

    /// The standards with stored results that a unit's page can show for a year: the national one, then the
    /// province's local ones.
    public static async Task<List<(string Id, string Name)>> StandardsForAsync(RegistryDb db, PovertyStandards standards, long unitId, int year, CancellationToken ct = default)
    {
        var list = new List<(string, string)>();
        if (standards.National(year) is { } national) list.Add((national.Id, national.Name));
        list.AddRange((await LocalStandards.ForUnitAsync(db, unitId, year, ct)).Select(s => (s.Id, $"{s.Name} (chuẩn địa phương)")));
        return list;
    }
}
