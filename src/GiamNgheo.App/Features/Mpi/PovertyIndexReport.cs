using GiamNgheo.App.Features.Units;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Statistics;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Features.Mpi;

public sealed record MpiView(IReadOnlyList<UnitView> Path, int Year, PovertyStandard Standard, IReadOnlyDictionary<string, decimal> Weights, decimal K,
    PovertyIndex Total, IReadOnlyList<(string Name, PovertyIndex Index)> Communes)
{
    public UnitView Unit => Path[^1];
}

/// The Alkire–Foster index of a unit's households in a review year: H, A, M0 = H × A and each indicator's contribution,
/// over the indicators of the year's standard with nested equal weights, and per commune. The cut-off k is a percent
/// everywhere (AlkireFoster.ParseCutoff).
public sealed class PovertyIndexReport(RegistryDb db, IDbContextFactory<RegistryDb> contexts, UnitDirectory units, ReviewYears years, PovertyStandards standards)
{
    public async Task<Outcome<MpiView>> ComputeAsync(string unitCode, int? year, string? kPercent, CancellationToken ct)
    {
        var y = year ?? await years.DefaultAsync(ct);
        var unit = await units.ForYearAsync(unitCode, y, ct);
        if (unit.Failure is { } f) return f;
        if (standards.National(y) is not { } standard) return Failure.Invalid($"Năm {y} chưa có chuẩn nghèo quốc gia nên chưa có danh mục chỉ số.");
        var (k, problem) = AlkireFoster.ParseCutoff(kPercent);
        if (problem is not null) return Failure.Invalid(problem);
        var weights = AlkireFoster.NestedWeights(standard.Indicators);
        var (total, byCommune) = await PovertyIndexByUnit.RunAsync(contexts, unit.Value!.Id, y, standard, weights, k, ct);
        var names = await db.Set<Unit>().Where(u => byCommune.Keys.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var communes = byCommune.Select(x => (names[x.Key], x.Value)).OrderByDescending(x => x.Value.M0).ThenBy(x => x.Item1).ToList();
        return new MpiView(await units.PathAsync(unit.Value.Id, ct), y, standard, weights, k, total, communes);
    }
}
