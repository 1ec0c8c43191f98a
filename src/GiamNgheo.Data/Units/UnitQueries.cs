using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Units;

public sealed record UnitView(long Id, string Code, string Name, string Type, UnitLevel Level, long? ParentId,
    DateOnly? ValidFrom, DateOnly? ValidTo, Area Area);

public sealed record UnitWithCount(UnitView Unit, int Households, bool HasChildren);

/// Reads of the unit tree shared by the CLI, the pages and the API. Every lookup by code takes a date.
public static class UnitQueries
{
    public static IQueryable<Unit> On(this IQueryable<Unit> units, DateOnly date) =>
        units.Where(u => (u.ValidFrom == null || u.ValidFrom <= date) && (u.ValidTo == null || u.ValidTo >= date));

    public static IQueryable<UnitView> Views(this IQueryable<Unit> units) =>
        units.Select(u => new UnitView(u.Id, u.Code, u.Name, u.Type, u.Level, u.ParentId, u.ValidFrom, u.ValidTo, u.Area));

    public static Task<UnitView?> ByCodeAsync(RegistryDb db, string code, DateOnly date, CancellationToken ct = default) =>
        db.Set<Unit>().AsNoTracking().On(date).Where(u => u.Code == code).Views().FirstOrDefaultAsync(ct);

    public static Task<UnitView?> ByIdAsync(RegistryDb db, long id, CancellationToken ct = default) =>
        db.Set<Unit>().AsNoTracking().Where(u => u.Id == id).Views().FirstOrDefaultAsync(ct);

    /// Children of a unit (or the provinces) standing on the date, ordered by code.
    public static Task<List<UnitView>> ChildrenAsync(RegistryDb db, long? parentId, DateOnly date, CancellationToken ct = default) =>
        db.Set<Unit>().AsNoTracking().On(date).Where(u => parentId == null ? u.Level == UnitLevel.Province : u.ParentId == parentId)
            .OrderBy(u => u.Code).Views().ToListAsync(ct);

    /// Name search with or without diacritics ("luc nam" finds "Huyện Lục Nam").
    public static Task<List<UnitView>> SearchAsync(RegistryDb db, string text, DateOnly date, int limit = 50, CancellationToken ct = default)
    {
        var folded = VietnameseText.Fold(text);
        return db.Set<Unit>().AsNoTracking().On(date).Where(u => u.FoldedName.Contains(folded))
            .OrderBy(u => u.Level).ThenBy(u => u.Code).Take(limit).Views().ToListAsync(ct);
    }

    /// Units standing on the date whose name is the text, with or without its type ("Lục Nam", "huyen luc nam" and
    /// "Huyện Lục Nam" all name the district), without regard to case or diacritics.
    public static async Task<List<UnitView>> NamedAsync(RegistryDb db, string text, DateOnly date, int limit = 10, CancellationToken ct = default)
    {
        var folded = VietnameseText.Fold(text);
        var types = await db.Set<Unit>().Select(u => u.Type).Distinct().ToListAsync(ct);
        var names = types.Select(t => VietnameseText.Fold(t) + " " + folded).Append(folded).ToList();
        return await db.Set<Unit>().AsNoTracking().On(date).Where(u => names.Contains(u.FoldedName))
            .OrderBy(u => u.Level).ThenBy(u => u.Code).Take(limit).Views().ToListAsync(ct);
    }

    /// The chain province → … → unit, for breadcrumbs.
    public static async Task<List<UnitView>> PathAsync(RegistryDb db, long id, CancellationToken ct = default)
    {
        var path = new List<UnitView>();
        for (long? current = id; current is { } c;)
        {
            var u = await ByIdAsync(db, c, ct);
            if (u is null) break;
            path.Insert(0, u);
            current = u.ParentId;
        }
        return path;
    }

    /// Ids of the communes below (or equal to) a unit: the unit scope every household query takes. The bulk reads,
    /// written in SQL, take the same scope as <see cref="CommunesUnderSql"/>.
    public static IQueryable<long> CommuneIdsUnder(RegistryDb db, long unitId) =>
        db.Set<Unit>().Where(u => u.Level == UnitLevel.Commune &&
            (u.Id == unitId || u.ParentId == unitId || db.Set<Unit>().Any(d => d.Id == u.ParentId && d.ParentId == unitId)))
            .Select(u => u.Id);

    /// <see cref="CommuneIdsUnder"/> as a SQL subquery of the unit @unit (a commune, a district or a province), for the
    /// statements of the bulk paths.
    public const string CommunesUnderSql = """
        (SELECT c.id FROM units c WHERE c.level = 3 AND (c.id = @unit OR c.parent_id = @unit
            OR c.parent_id IN (SELECT d.id FROM units d WHERE d.parent_id = @unit)))
        """;

    /// Children with the number of households registered in the review year, one grouped query.
    public static async Task<List<UnitWithCount>> ChildrenWithCountsAsync(RegistryDb db, long? parentId, DateOnly date, int year, CancellationToken ct = default)
    {
        var children = await ChildrenAsync(db, parentId, date, ct);
        var ids = children.Select(c => c.Id).ToList();
        var communeCounts = db.Set<HouseholdYear>().Where(y => y.Year == year).GroupBy(y => y.UnitId).Select(g => new { UnitId = g.Key, N = g.Count() });
        var rows = await (from u in db.Set<Unit>()
                          join c in communeCounts on u.Id equals c.UnitId
                          join d in db.Set<Unit>() on u.ParentId equals d.Id into parents
                          from d in parents.DefaultIfEmpty()
                          select new { u.Id, u.ParentId, GrandParentId = d == null ? null : d.ParentId, c.N }).ToListAsync(ct);
        var withChildren = await db.Set<Unit>().Where(u => u.ParentId != null && ids.Contains(u.ParentId.Value)).Select(u => u.ParentId!.Value).Distinct().ToListAsync(ct);
        return children.Select(c => new UnitWithCount(c,
            rows.Where(r => r.Id == c.Id || r.ParentId == c.Id || r.GrandParentId == c.Id).Sum(r => r.N),
            withChildren.Contains(c.Id))).ToList();
    }
}
