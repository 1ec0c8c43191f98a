using GiamNgheo.Domain.Standards;
using GiamNgheo.Files.Json;

namespace GiamNgheo.Data.Classification;

/// The national standards shipped in reference-data/standards (embedded in this assembly). Read once, at start-up,
/// into the catalogue that DI hands to every use case.
public static class BundledStandards
{
    public static PovertyStandards Load() => new(
        typeof(ReferenceData).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("ReferenceData/standards/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n =>
            {
                using var r = new StreamReader(ReferenceData.Open(n["ReferenceData/".Length..]));
                return StandardFile.ReadValid(r.ReadToEnd());
            }));
}
