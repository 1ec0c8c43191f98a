using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Statistics;

namespace GiamNgheo.Data.Classification;

/// The Alkire–Foster index per commune of a scope and for the whole scope, from the year's facts under a standard's indicators.
public static class PovertyIndexByUnit
{
    public static async Task<(PovertyIndex Total, Dictionary<long, PovertyIndex> ByCommune)> RunAsync(DatabaseTarget target, long unitId, int year,
        PovertyStandard standard, IReadOnlyDictionary<string, decimal> weights, decimal k, CancellationToken ct = default)
    {
        var all = new List<IReadOnlyCollection<string>>();
        var byCommune = new Dictionary<long, List<IReadOnlyCollection<string>>>();
        await foreach (var (_, communeId, snapshot) in BatchClassification.SnapshotsAsync(target, unitId, year, ct))
        {
            IReadOnlyCollection<string> deprived = standard.Indicators.Where(r => Indicators.Evaluate(r, snapshot).Deprived).Select(r => r.Code).ToList();
            all.Add(deprived);
            if (!byCommune.TryGetValue(communeId, out var list)) byCommune[communeId] = list = [];
            list.Add(deprived);
        }
        return (AlkireFoster.Compute(all, weights, k), byCommune.ToDictionary(x => x.Key, x => AlkireFoster.Compute(x.Value, weights, k)));
    }
}
