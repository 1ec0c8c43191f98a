using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Standards;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Classification;

public sealed record Explanation(HouseholdYearView Household, PovertyStandard Standard, Domain.Classification.Classification Result, IReadOnlyList<string> ExitPaths)
{
    /// The category under each local standard of the household's province for the year, beside the national one.
    public IReadOnlyList<(PovertyStandard Standard, Domain.Classification.Classification Result)> Local { get; init; } = [];
}

/// A household's category for a review year under that year's standard, computed from its stored facts (with the
/// Phiếu B input of the year, as batch classification computes it).
public static class HouseholdClassification
{
    public static async Task<Explanation?> ExplainAsync(IDbContextFactory<RegistryDb> contexts, RegistryDb db, PovertyStandards standards,
        long householdId, int? year, CancellationToken ct = default)
    {
        if (await HouseholdQueries.ByIdAsync(contexts, db, householdId, year, ct) is not { } h || standards.National(h.Year) is not { } standard) return null;
        var snapshot = h.Snapshot;
        var result = Classifier.Classify(standard, snapshot);
        var local = (await LocalStandards.ForUnitAsync(db, h.Commune.Id, h.Year, ct)).Select(s => (s, Classifier.Classify(s, snapshot))).ToList();
        return new Explanation(h, standard, result, Exit.Paths(standard, result)) { Local = local };
    }
}
