using GiamNgheo.Files.Tabular;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Demo;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Files.Exchange;

namespace GiamNgheo.Data.Demo;

/// Province: its 2024 code. Households: the base-year (2022) count; later years evolve the same households.
public sealed record DemoSpec(string Province, int Year, int Households, int Seed);

/// Synthetic households over the real units of one province, written through the ordinary import path.
public static class DemoSeed
{
    public const string DefaultProvince = "24"; // Bắc Giang (2024), part of Bắc Ninh from 01/07/2025
    public const int DefaultHouseholds = 20_000;
    public static readonly int[] DefaultYears = [2024, 2025];

    /// For `serve --demo`: units, then the demo province for 2024 and 2025, unless already there.
    public static async Task EnsureAsync(DatabaseTarget target, TextWriter log, CancellationToken ct)
    {
        await using var db = target.CreateContext();
        if (!await db.Units.AnyAsync(ct))
        {
            var r = await UnitImport.RunAsync(db, ct);
            await log.WriteLineAsync($"Đã nạp {r.Added} đơn vị hành chính, {r.LineageAdded} liên kết phả hệ, {r.EthnicGroupsAdded} dân tộc.");
        }
        if (await db.Households.AnyAsync(ct)) return;
        foreach (var year in DefaultYears)
        {
            var report = await ImportAsync(db, new DemoSpec(DefaultProvince, year, DefaultHouseholds, 1), ct);
            await log.WriteLineAsync(HouseholdFiles.Describe(report) + " (dữ liệu mẫu)");
        }
    }

    public static async Task<ImportReport> ImportAsync(RegistryDb db, DemoSpec spec, CancellationToken ct)
    {
        var rows = await RowsAsync(db, spec, ct);
        var n = 1;
        var report = await HouseholdImport.RunAsync(db, HouseholdFile.Columns.Select(c => c.Header).ToList(),
            rows.Select(cells => new RawRow(++n, cells)), spec.Year, dryRun: false, actor: "demo",
            fileName: $"demo-{spec.Province}-{spec.Year}", DateTime.UtcNow, ct);
        // A demo shows stored results straight away, as after any import.
        await Reclassification.AfterImportAsync(db, report, DateTime.UtcNow, ct);
        return report;
    }

    public static async Task<int> WriteCsvAsync(RegistryDb db, DemoSpec spec, Stream output, CancellationToken ct)
    {
        var rows = await RowsAsync(db, spec, ct);
        var count = 0;
        await CsvWriter.WriteAsync(output, HouseholdFile.Columns.Select(c => c.Header).ToList(),
            rows.Select(r => { count++; return r; }).ToAsyncEnumerable(), ct);
        return count;
    }

    private static async Task<IEnumerable<string[]>> RowsAsync(RegistryDb db, DemoSpec spec, CancellationToken ct)
    {
        var communes = await CommunesAsync(db, spec.Province, ct);
        if (communes.Count == 0)
            throw new ArgumentException($"Không có tỉnh mã {spec.Province} trong danh mục 2024 (hãy chạy 'giamngheo units import' trước).");
        return DemoProvince.Rows(communes, spec.Year, spec.Households, spec.Seed);
    }

    /// The province's 2024 communes with their 2025 successors and a hardship score: communes of the
    /// poor districts of Decision 353/QĐ-TTg are the poorest; rural communes of the northern mountains
    /// and the Central Highlands next.
    public static async Task<List<DemoCommune>> CommunesAsync(RegistryDb db, string provinceCode, CancellationToken ct)
    {
        var date = UnitEras.ReviewDate(2024);
        var province = await UnitQueries.ByCodeAsync(db, provinceCode, date, ct);
        if (province is null || province.Level != UnitLevel.Province) return [];
        var communes = await (from c in db.Units.On(date)
                              join d in db.Units on c.ParentId equals d.Id
                              where d.ParentId == province.Id && c.Level == UnitLevel.Commune
                              orderby c.Code
                              select new { c.Id, c.Code, c.Type, District = d.Code }).ToListAsync(ct);
        var ids = communes.Select(c => c.Id).ToList();
        var successors = (await (from l in db.UnitLineages
                                 join n in db.Units on l.NewUnitId equals n.Id
                                 where ids.Contains(l.OldUnitId)
                                 select new { l.OldUnitId, n.Code }).ToListAsync(ct))
            .GroupBy(x => x.OldUnitId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Code).Order().ToList());
        var poorDistricts = ReferenceData.ReadCsv("reference/poor-districts-2021-2025.csv").Select(r => r["district_code"]).ToHashSet();
        var mountainRegion = ReferenceData.ReadCsv("reference/regions.csv")
            .Any(r => r["province_code"] == provinceCode && r["valid"] == "2024" && r["region_code"] is "1" or "4");
        return communes.Select(c => new DemoCommune(c.Code, c.Type, successors.GetValueOrDefault(c.Id, []),
            poorDistricts.Contains(c.District) ? 0.85
            : c.Type != "Xã" ? 0.05
            : mountainRegion ? 0.4 : 0.15)).ToList();
    }
}
