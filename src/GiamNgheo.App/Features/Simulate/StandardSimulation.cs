using GiamNgheo.App.Features.Units;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Standards;
using GiamNgheo.App.Features.Standards;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Features.Simulate;

/// A planner's changes to the year's standard: other lines, another cut-off, indicators left out.
public sealed record ProposedChanges(decimal? Rural, decimal? Urban, int? Cutoff, IReadOnlyCollection<string> Off);

public sealed record SimulationSetup(UnitView Unit, int Year, PovertyStandard Current, PovertyStandard Proposed, IReadOnlyList<string> Problems);

/// What a new standard would do to a unit's households of a year, before anything is saved: counts per commune under the
/// current and the proposed standard, and the moves between categories. Writes nothing.
public sealed class StandardSimulation(IDbContextFactory<RegistryDb> contexts, UnitDirectory units, ReviewYears years, PovertyStandards standards)
{
    /// The proposed standard from a planner's changes: the year's standard with its lines, cut-off and indicators changed.
    public async Task<Outcome<SimulationSetup>> SetUpAsync(string unitCode, int? year, ProposedChanges changes, CancellationToken ct)
    {
        var y = year ?? await years.DefaultAsync(ct);
        var unit = await units.ForYearAsync(unitCode, y, ct);
        if (unit.Failure is { } f) return f;
        if (standards.National(y) is not { } current) return NoStandardToCompare(y);
        var problems = new List<string>();
        var rural = changes.Rural ?? current.PovertyLine.Rural;
        var urban = changes.Urban ?? current.PovertyLine.Urban;
        if (rural is < 0 or > 100_000_000) problems.Add("Chuẩn nông thôn phải từ 0 đến 100.000.000 đồng.");
        if (urban is < 0 or > 100_000_000) problems.Add("Chuẩn thành thị phải từ 0 đến 100.000.000 đồng.");
        var kept = current.Indicators.Where(i => !changes.Off.Contains(i.Code)).ToList();
        var cutoff = changes.Cutoff ?? current.DeprivationCutoff;
        if (cutoff < 1 || cutoff > Math.Max(kept.Count, 1)) problems.Add($"Ngưỡng thiếu hụt phải từ 1 đến {kept.Count} (số chỉ số đang dùng).");
        var proposed = current with
        {
            Id = "MO-PHONG", Name = "Chuẩn đề xuất (mô phỏng)", PovertyLine = new IncomeLine(rural, urban), DeprivationCutoff = cutoff, Indicators = kept,
        };
        return new SimulationSetup(unit.Value!, y, current, proposed, problems);
    }

    public async Task<SimulationReport> RunAsync(SimulationSetup setup, CancellationToken ct) =>
        await Data.Classification.Simulate.RunAsync(contexts, setup.Unit.Id, setup.Year, setup.Current, setup.Proposed, ct);

    /// A proposed standard written as a file (the format of reference-data/standards).
    public async Task<Outcome<SimulationReport>> RunFileAsync(string unitCode, int year, string standardJson, CancellationToken ct)
    {
        var proposed = StandardsCatalogue.ReadFile(standardJson);
        if (proposed.Failure is { } bad) return bad;
        var unit = await units.ForYearAsync(unitCode, year, ct);
        if (unit.Failure is { } f) return f;
        if (standards.National(year) is not { } current) return NoStandardToCompare(year);
        return await RunAsync(new SimulationSetup(unit.Value!, year, current, proposed.Value!, []), ct);
    }

    private static Failure NoStandardToCompare(int year) => Failure.Invalid($"Năm {year} chưa có chuẩn nghèo quốc gia để so sánh.");
}
