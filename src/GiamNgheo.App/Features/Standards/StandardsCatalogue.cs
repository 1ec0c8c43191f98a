using GiamNgheo.App.Features.Units;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Files.Json;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Features.Standards;

public sealed record StandardsView(IReadOnlyList<PovertyStandard> National, IReadOnlyList<LocalStandardView> Local);

public sealed record LocalStandardAdded(LocalStandardView Standard, bool Changed, IReadOnlyList<(int Year, IReadOnlyList<ClassifyReport> Reports)> Reclassified);

/// The poverty standards: the national ones shipped with the app and the higher local ones provinces add. Adding a
/// local standard reclassifies the province's households of every year it covers.
public sealed class StandardsCatalogue(RegistryDb db, PovertyStandards standards, Reclassification reclassification, UnitDirectory units,
    TimeProvider clock)
{
    /// A standard a user gives as a file (to classify with, or to simulate), or what keeps it from being used.
    public static Outcome<PovertyStandard> ReadFile(string json)
    {
        var (standard, problems) = StandardFile.Read(json);
        if (standard is null) return Failure.Invalid("Tệp chuẩn chưa dùng được: " + string.Join("; ", problems));
        return standard;
    }

    public async Task<StandardsView> ListAsync(CancellationToken ct) => new(standards.All, await LocalStandards.ListAsync(db, ct));

    public async Task<Outcome<LocalStandardAdded>> AddLocalAsync(string json, string provinceCode, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var r = await LocalStandards.AddAsync(db, standards, json, provinceCode, actor.Name, now, ct);
        if (r.Saved is not { } saved)
            return Failure.Invalid("Tệp chuẩn không được nạp:\n  " + string.Join("\n  ", r.Problems));
        var reclassified = new List<(int, IReadOnlyList<ClassifyReport>)>();
        if (r.Changed)
            for (var year = saved.FromYear; year <= saved.ToYear; year++)
            {
                // The province as it stood in that year's review: the same code may name another unit in another tree.
                if (!await db.Set<HouseholdYear>().AnyAsync(h => h.Year == year, ct)) continue;
                if (await units.ForYearAsync(saved.Province.Code, year, ct) is { Value: { } p } && p.Id == saved.Province.Id)
                    reclassified.Add((year, await reclassification.RunAsync(p.Id, year, now, ct)));
            }
        return new LocalStandardAdded(saved, r.Changed, reclassified);
    }
}
