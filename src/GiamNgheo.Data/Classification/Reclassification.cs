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
        if (!HouseholdClassification.Standards.HasYear(year)) return [];
        var reports = new List<ClassifyReport> { await BatchClassification.RunAsync(target, unitId, year, null, nowUtc, ct) };
        await using var db = target.CreateContext();
        foreach (var local in await LocalStandards.ForUnitAsync(db, unitId, year, ct))
            reports.Add(await BatchClassification.RunAsync(target, unitId, year, local, nowUtc, ct));
        return reports;
    }

    /// After an applied import or form: the communes it wrote, one by one when few, else by province.
    public static async Task<List<ClassifyReport>> AfterImportAsync(RegistryDb db, ImportReport import, DateTime nowUtc, CancellationToken ct = default)
    {
        if (!import.Applied || import.CommuneIds.Count == 0) return [];
        var scopes = import.CommuneIds.ToList();
        if (scopes.Count > CommunesOneByOne)
            scopes = await (from c in db.Units
                            where import.CommuneIds.Contains(c.Id)
                            join d in db.Units on c.ParentId equals d.Id
                            select d.Level == UnitLevel.Province ? d.Id : d.ParentId!.Value).Distinct().ToListAsync(ct);
        var target = DatabaseTarget.Of(db);
        var reports = new List<ClassifyReport>();
        foreach (var scope in scopes) reports.AddRange(await RunAsync(target, scope, import.Year, nowUtc, ct));
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
