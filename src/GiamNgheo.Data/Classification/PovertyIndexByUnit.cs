using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Statistics;

namespace GiamNgheo.Data.Classification;

/// The Alkire–Foster index per commune of a scope and for the whole scope, from the year's facts under a standard's indicators.
public static class PovertyIndexByUnit
{
    public static async Task<(PovertyIndex Total, Dictionary<long, PovertyIndex> ByCommune)> RunAsync(IDbContextFactory<RegistryDb> contexts, long unitId, int year,
        PovertyStandard standard, IReadOnlyDictionary<string, decimal> weights, decimal k, CancellationToken ct = default)
    {
        var all = new List<IReadOnlyCollection<string>>();
        var byCommune = new Dictionary<long, List<IReadOnlyCollection<string>>>();
        await foreach (var h in HouseholdReads.ReadAsync(contexts, HouseholdSelection.Scope(unitId), year, ct: ct))
        {
            IReadOnlyCollection<string> deprived = standard.Indicators.Where(r => Indicators.Evaluate(r, h.Snapshot).Deprived).Select(r => r.Code).ToList();
            all.Add(deprived);
            if (!byCommune.TryGetValue(h.UnitId, out var list)) byCommune[h.UnitId] = list = [];
            list.Add(deprived);
        }
        return (AlkireFoster.Compute(all, weights, k), byCommune.ToDictionary(x => x.Key, x => AlkireFoster.Compute(x.Value, weights, k)));
    }
}
