using GiamNgheo.App.Features.Import;
using GiamNgheo.App.Features.Units;
using GiamNgheo.Data;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Demo;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Exchange;
using GiamNgheo.Files.Tabular;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Features.Demo;

/// Province: its 2024 code. Households: the base-year (2022) count; later years evolve the same households.
public sealed record DemoSpec(string Province, int Year, int Households, int Seed);

/// Synthetic households over the real units of one province (GiamNgheo.Demo), written through the ordinary import, so
/// they are classified as after any import. All names and ID numbers are synthetic.
public sealed class DemoProvinceSeed(RegistryDb db, UnitDirectory units, HouseholdExchange exchange)
{
    public const string DefaultProvince = "24"; // Bắc Giang (2024), part of Bắc Ninh from 01/07/2025
    public const int DefaultHouseholds = 20_000;
    public static readonly int[] DefaultYears = [2024, 2025];

    /// For `serve --demo`: units, then the demo province for 2024 and 2025, unless already there.
    public async Task EnsureAsync(Actor actor, TextWriter log, CancellationToken ct)
    {
        if (!await db.Set<Unit>().AnyAsync(ct))
        {
            var r = await units.ImportReferenceAsync(actor, ct);
            await log.WriteLineAsync($"Đã nạp {r.Added} đơn vị hành chính, {r.LineageAdded} liên kết phả hệ, {r.EthnicGroupsAdded} dân tộc.");
        }
        if (await db.Set<Household>().AnyAsync(ct)) return;
        foreach (var year in DefaultYears)
        {
            var imported = await ImportAsync(new DemoSpec(DefaultProvince, year, DefaultHouseholds, 1), actor, ct);
            await log.WriteLineAsync((imported.Value?.Message ?? imported.Failure!.Message) + " (dữ liệu mẫu)");
        }
    }

    public async Task<Outcome<ImportOutcome>> ImportAsync(DemoSpec spec, Actor actor, CancellationToken ct)
    {
        var rows = await RowsAsync(spec, ct);
        if (rows.Failure is { } f) return f;
        var n = 1;
        return await exchange.ImportRowsAsync(rows.Value!.Select(cells => new RawRow(++n, cells)), spec.Year, actor, $"demo-{spec.Province}-{spec.Year}", ct);
    }

    public async Task<Outcome<int>> WriteCsvAsync(DemoSpec spec, Stream output, CancellationToken ct)
    {
        var rows = await RowsAsync(spec, ct);
        if (rows.Failure is { } f) return f;
        var count = 0;
        await CsvWriter.WriteAsync(output, HouseholdFile.Columns.Select(c => c.Header).ToList(),
            rows.Value!.Select(r => { count++; return r; }).ToAsyncEnumerable(), ct);
        return count;
    }

    private async Task<Outcome<IEnumerable<string[]>>> RowsAsync(DemoSpec spec, CancellationToken ct)
    {
        if (ReviewYears.Check(spec.Year) is { } bad) return bad;
        if (spec.Year < DemoProvince.BaseYear) return Failure.Invalid($"Dữ liệu mẫu bắt đầu từ năm {DemoProvince.BaseYear}.");
        var communes = await CommunesAsync(spec.Province, ct);
        if (communes.Count == 0)
            return Failure.NotFound($"Không có tỉnh mã {spec.Province} trong danh mục 2024 (hãy chạy 'giamngheo units import' trước).");
        return Outcome<IEnumerable<string[]>>.Of(DemoProvince.Rows(communes, spec.Year, spec.Households, spec.Seed));
    }

    /// The province's 2024 communes with their 2025 successors and a hardship score: communes of the
    /// poor districts of Decision 353/QĐ-TTg are the poorest; rural communes of the northern mountains
    /// and the Central Highlands next.
    public async Task<List<DemoCommune>> CommunesAsync(string provinceCode, CancellationToken ct)
    {
        var date = UnitEras.ReviewDate(2024);
        var province = await UnitQueries.ByCodeAsync(db, provinceCode, date, ct);
        if (province is null || province.Level != UnitLevel.Province) return [];
        var communes = await (from c in db.Set<Unit>().On(date)
                              join d in db.Set<Unit>() on c.ParentId equals d.Id
                              where d.ParentId == province.Id && c.Level == UnitLevel.Commune
                              orderby c.Code
                              select new { c.Id, c.Code, c.Type, District = d.Code }).ToListAsync(ct);
        var ids = communes.Select(c => c.Id).ToList();
        var successors = (await (from l in db.Set<UnitLineage>()
                                 join n in db.Set<Unit>() on l.NewUnitId equals n.Id
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
