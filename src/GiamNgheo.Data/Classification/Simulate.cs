using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Standards;

namespace GiamNgheo.Data.Classification;

public static class Simulate
{
    /// Classifies the scope's households of the year under the year's standard and under the proposed one; writes nothing.
    public static async Task<Simulation> RunAsync(DatabaseTarget target, long unitId, int year, PovertyStandard proposed, CancellationToken ct = default)
    {
        var simulation = new Simulation(HouseholdClassification.Standards.ForYear(year), proposed);
        await foreach (var (_, communeId, snapshot) in BatchClassification.SnapshotsAsync(target, unitId, year, ct))
            simulation.Add(communeId, snapshot);
        return simulation;
    }
}
