using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Json;

namespace GiamNgheo.Data.Classification;

public sealed record Explanation(HouseholdYearView Household, PovertyStandard Standard, Domain.Classification.Classification Result, IReadOnlyList<string> ExitPaths)
{
    /// The category under each local standard of the household's province for the year, beside the national one.
    public IReadOnlyList<(PovertyStandard Standard, Domain.Classification.Classification Result)> Local { get; init; } = [];
}

/// A household's category for a review year under that year's standard, computed from its stored facts.
public static class HouseholdClassification
{
    private static readonly Lazy<PovertyStandards> Bundled = new(() => new PovertyStandards(
        typeof(ReferenceData).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("ReferenceData/standards/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => { using var r = new StreamReader(ReferenceData.Open(n["ReferenceData/".Length..])); return StandardFile.ReadValid(r.ReadToEnd()); })));

    /// The national standards shipped in reference-data/standards.
    public static PovertyStandards Standards => Bundled.Value;

    public static HouseholdSnapshot Snapshot(HouseholdYearView h) =>
        new(h.Facts, h.Area, h.Members.Select(m => m.Facts).ToList(), UnitEras.ReviewDate(h.Year));

    public static async Task<Explanation?> ExplainAsync(RegistryDb db, long householdId, int? year, CancellationToken ct = default)
    {
        if (await HouseholdQueries.ByIdAsync(db, householdId, year, ct) is not { } h) return null;
        var standard = Standards.ForYear(h.Year);
        var proxyMeans = await Scorecards.ProxyMeansInputs.LoadAsync(db, h.Year, h.HouseholdId, h.Commune.Id, ct);
        var snapshot = proxyMeans.Attach(h.HouseholdId, h.Commune.Id, Snapshot(h));
        var result = Classifier.Classify(standard, snapshot);
        var local = (await LocalStandards.ForUnitAsync(db, h.Commune.Id, h.Year, ct)).Select(s => (s, Classifier.Classify(s, snapshot))).ToList();
        return new Explanation(h, standard, result, Exit.Paths(standard, result)) { Local = local };
    }
}
