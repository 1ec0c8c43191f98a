using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Classification;

/// Keeps the stored results in step with the facts: the year's national standard and the province's local
/// standards, over a unit scope. Every writer of facts (import, forms, demo) calls it after committing; results
/// whose inputs did not change are not rewritten.
public static class Reclassification
{
    /// Above this many communes a file is classified province by province rather than commune by commune.
    private const int CommunesOneByOne = 20;

    public static async Task<List<ClassifyReport>> RunAsync(DatabaseTarget target, long unitId, int year, DateTime nowUtc, CancellationToken ct = default)
    {
        if (HouseholdClassification.Standards.National(year) is null) return [];
        var reports = new List<ClassifyReport> { await BatchClassification.RunAsync(target, unitId, year, null, nowUtc, ct) };
        await using var db = target.CreateContext();
        foreach (var local in await LocalStandards.ForUnitAsync(db, unitId, year, ct))
            reports.Add(await BatchClassification.RunAsync(target, unitId, year, local, nowUtc, ct));
        return reports;
    }

    /// After an applied import or form: the communes it wrote.
    public static Task<List<ClassifyReport>> AfterImportAsync(RegistryDb db, ImportReport import, DateTime nowUtc, CancellationToken ct = default) =>
        import.Applied ? CommunesAsync(db, import.Year, import.CommuneIds, nowUtc, ct) : Task.FromResult(new List<ClassifyReport>());

    /// After the inputs of a whole year changed (a Phiếu B card loaded): every commune with households that year.
    public static async Task<List<ClassifyReport>> YearAsync(RegistryDb db, int year, DateTime nowUtc, CancellationToken ct = default) =>
        await CommunesAsync(db, year, await db.HouseholdYears.Where(y => y.Year == year).Select(y => y.UnitId).Distinct().ToListAsync(ct), nowUtc, ct);

    /// The given communes of a year, one by one when few, else province by province.
    public static async Task<List<ClassifyReport>> CommunesAsync(RegistryDb db, int year, IReadOnlyCollection<long> communeIds, DateTime nowUtc,
        CancellationToken ct = default)
    {
        if (communeIds.Count == 0) return [];
        var scopes = communeIds.ToList();
        if (scopes.Count > CommunesOneByOne)
            scopes = await (from c in db.Units
                            where communeIds.Contains(c.Id)
                            join d in db.Units on c.ParentId equals d.Id
                            select d.Level == UnitLevel.Province ? d.Id : d.ParentId!.Value).Distinct().ToListAsync(ct);
        var target = DatabaseTarget.Of(db);
        var reports = new List<ClassifyReport>();
        foreach (var scope in scopes) reports.AddRange(await RunAsync(target, scope, year, nowUtc, ct));
        return reports;
    }

    /// One line for the CLI and the pages, e.g. "Phân loại lại: 20.593 hộ theo ND07-2021, 12 kết quả mới hoặc thay đổi."
    public static string Describe(IReadOnlyList<ClassifyReport> reports) =>
        reports.Count == 0
            ? "Năm này chưa có chuẩn nghèo quốc gia nên chưa phân loại."
            : "Phân loại lại: " + string.Join("; ", reports.GroupBy(r => r.StandardId).Select(g =>
                $"{Domain.Common.VnFormat.Number(g.Sum(r => r.Households))} hộ theo {g.Key}, {Domain.Common.VnFormat.Number(g.Sum(r => r.Changed))} kết quả mới hoặc thay đổi")) + ".";

    /// After one household's facts changed through a form: its commune.
    public static async Task AfterEditAsync(RegistryDb db, long householdId, int year, DateTime nowUtc, CancellationToken ct = default)
    {
        var communeId = await db.HouseholdYears.Where(y => y.HouseholdId == householdId && y.Year == year).Select(y => y.UnitId).SingleAsync(ct);
        await RunAsync(DatabaseTarget.Of(db), communeId, year, nowUtc, ct);
    }
}
