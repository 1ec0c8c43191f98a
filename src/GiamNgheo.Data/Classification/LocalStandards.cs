using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Json;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Data.Changes;

namespace GiamNgheo.Data.Classification;

public sealed record LocalStandardView(string Id, string Name, UnitView Province, int FromYear, int ToYear, DateTime LoadedAt, string LoadedBy)
{
    /// The standard itself (lines, indicators), when listed.
    public PovertyStandard? Standard { get; init; }
}

public sealed record AddLocalStandardResult(LocalStandardView? Saved, bool Changed, IReadOnlyList<string> Problems);

/// A province's higher standard beside the national one: stored in the database, applied to the households of
/// that province, its results kept under its own id.
public static class LocalStandards
{
    /// Stores (or replaces, by id) a province's standard from its JSON file. Nothing is stored when it has a problem.
    public static async Task<AddLocalStandardResult> AddAsync(RegistryDb db, PovertyStandards standards, string json, string provinceCode, string actor, DateTime nowUtc,
        CancellationToken ct = default)
    {
        var (standard, fileProblems) = StandardFile.Read(json);
        if (standard is null) return new(null, false, fileProblems);
        var problems = standards.LocalProblems(standard).ToList();
        var province = await db.Set<Unit>().AsNoTracking().On(UnitEras.ReviewDate(standard.FromYear))
            .Where(u => u.Code == provinceCode && u.Level == UnitLevel.Province).Views().FirstOrDefaultAsync(ct);
        if (province is null)
            problems.Add($"Không có tỉnh mã {provinceCode} có hiệu lực ngày {VnFormat.Date(UnitEras.ReviewDate(standard.FromYear))} (ngày rà soát của năm đầu {standard.FromYear}).");
        if (problems.Count > 0) return new(null, false, problems);

        var row = await db.Set<LocalStandard>().FindAsync([standard.Id], ct);
        var changed = row is null || row.Json != json || row.ProvinceId != province!.Id;
        if (changed)
        {
            if (row is null) db.Set<LocalStandard>().Add(row = new LocalStandard { Id = standard.Id, Name = "", Json = "", LoadedBy = "" });
            row.Name = standard.Name; row.ProvinceId = province!.Id; row.FromYear = standard.FromYear; row.ToYear = standard.ToYear;
            row.Json = json; row.LoadedAt = nowUtc; row.LoadedBy = actor;
            db.Set<Changes.ChangeRecord>().Add(new ChangeRecord
            {
                At = nowUtc, Actor = actor, Action = "standard.local", Subject = standard.Id,
                Summary = $"Nạp chuẩn địa phương {standard.Id} ({standard.Name}) của {province.Name}, năm {standard.FromYear}–{standard.ToYear}.",
            });
            await db.SaveChangesAsync(ct);
        }
        return new(new LocalStandardView(row!.Id, row.Name, province!, row.FromYear, row.ToYear, row.LoadedAt, row.LoadedBy), changed, []);
    }

    public static async Task<List<LocalStandardView>> ListAsync(RegistryDb db, CancellationToken ct = default) =>
        (await db.Set<LocalStandard>().AsNoTracking().Include(s => s.Province).OrderBy(s => s.Id).ToListAsync(ct))
        .Select(s => new LocalStandardView(s.Id, s.Name, ToView(s.Province!), s.FromYear, s.ToYear, s.LoadedAt, s.LoadedBy) { Standard = StandardFile.ReadValid(s.Json) }).ToList();

    /// The local standards of the year that apply to a unit: those of the province it lies in (a unit at province
    /// level or below; the province is the first unit of its path).
    public static async Task<List<PovertyStandard>> ForUnitAsync(RegistryDb db, long unitId, int year, CancellationToken ct = default)
    {
        var path = await UnitQueries.PathAsync(db, unitId, ct);
        if (path.Count == 0) return [];
        var provinceId = path[0].Id;
        return (await db.Set<LocalStandard>().AsNoTracking()
                .Where(s => s.ProvinceId == provinceId && s.FromYear <= year && year <= s.ToYear).OrderBy(s => s.Id).Select(s => s.Json).ToListAsync(ct))
            .Select(StandardFile.ReadValid).ToList();
    }

    private static UnitView ToView(Unit u) => new(u.Id, u.Code, u.Name, u.Type, u.Level, u.ParentId, u.ValidFrom, u.ValidTo, u.Area);
}
