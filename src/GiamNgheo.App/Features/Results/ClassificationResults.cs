using GiamNgheo.App.Features.Units;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Scorecards;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Scorecards;
using GiamNgheo.Domain.Standards;
using GiamNgheo.App.Features.Standards;

namespace GiamNgheo.App.Features.Results;

public sealed record UnitResults(int Year, IReadOnlyList<int> Years, IReadOnlyList<UnitView> Path, IReadOnlyList<(string Id, string Name)> Standards,
    string? Standard, CategoryCounts? Total, IReadOnlyList<CategoryCounts> Children)
{
    public UnitView Unit => Path[^1];
}

public sealed record ClassifyOutcome(UnitView Unit, int Year, IReadOnlyList<ClassifyReport> Reports, Scorecard? Card);

/// The stored classification of a unit's households in a review year, by child unit, under the national standard or
/// a local one; and classifying again (only changed results are rewritten).
public sealed class ClassificationResults(RegistryDb db, UnitDirectory units, ReviewYears years, PovertyStandards standards,
    BatchClassification batch, Reclassification reclassification, TimeProvider clock)
{
    public async Task<Outcome<UnitResults>> ForUnitAsync(string unitCode, int? year, string? standard, CancellationToken ct)
    {
        var y = year ?? await years.DefaultAsync(ct);
        var unit = await units.ForYearAsync(unitCode, y, ct);
        if (unit.Failure is { } f) return f;
        var path = await units.PathAsync(unit.Value!.Id, ct);
        var available = await ResultQueries.StandardsForAsync(db, standards, unit.Value.Id, y, ct);
        if (available.Count == 0) return new UnitResults(y, await years.OnRecordAsync(ct), path, available, null, null, []);
        if (standard is not null && available.All(s => s.Id != standard))
            return Failure.NotFound($"Chuẩn {standard} không áp dụng cho {unit.Value.Name} năm {y}; có: {string.Join(", ", available.Select(s => s.Id))}.");
        var chosen = standard ?? available[0].Id;
        var (total, children) = await ResultQueries.ByChildAsync(db, unit.Value, y, chosen, ct);
        return new UnitResults(y, await years.OnRecordAsync(ct), path, available, chosen, total, children);
    }

    /// The year's national standard and the province's local ones, or one standard from a file (a what-if written to
    /// the results under its own id).
    public async Task<Outcome<ClassifyOutcome>> ClassifyAsync(string unitCode, int year, string? standardJson, Actor actor, CancellationToken ct,
        TextWriter? trace = null)
    {
        PovertyStandard? standard = null;
        if (standardJson is not null)
        {
            var read = StandardsCatalogue.ReadFile(standardJson);
            if (read.Failure is { } bad) return bad;
            standard = read.Value;
        }
        var unit = await units.ForYearAsync(unitCode, year, ct);
        if (unit.Failure is { } f) return f;
        if (standard is null && standards.National(year) is null) return Failure.Invalid($"Không có chuẩn nghèo quốc gia cho năm {year}.");
        var now = clock.GetUtcNow().UtcDateTime;
        IReadOnlyList<ClassifyReport> reports = standard is null
            ? await reclassification.RunAsync(unit.Value!.Id, year, now, ct)
            : [await batch.RunAsync(unit.Value!.Id, year, standard, now, ct, trace)];
        return new ClassifyOutcome(unit.Value, year, reports, await ScorecardStore.ForYearAsync(db, year, ct));
    }
}
