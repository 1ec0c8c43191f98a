using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Classification;

/// Keeps the stored results in step with the facts: the year's national standard and the province's local
/// standards, over a unit scope. Every use case that writes classification inputs (an import, a form, the demo, a
/// local standard, a Phiếu B card or its answers) calls it after committing; results whose inputs did not change are
/// not rewritten.
public sealed class Reclassification(IDbContextFactory<RegistryDb> contexts, BatchClassification batch, PovertyStandards standards)
{
    /// Above this many communes a file is classified province by province rather than commune by commune.
    private const int CommunesOneByOne = 20;

    public async Task<List<ClassifyReport>> RunAsync(long unitId, int year, DateTime nowUtc, CancellationToken ct = default)
    {
        var reports = new List<ClassifyReport>();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (standards.National(year) is not null)
        {
            reports.Add(await batch.RunAsync(unitId, year, null, nowUtc, ct));
            foreach (var local in await LocalStandards.ForUnitAsync(db, unitId, year, ct))
                reports.Add(await batch.RunAsync(unitId, year, local, nowUtc, ct));
        }
        // The unit's communes are up to date with every change recorded before this run started.
        var communes = UnitQueries.CommuneIdsUnder(db, unitId);
        await db.Set<PendingReclassification>().Where(p => p.Year == year && p.Since <= nowUtc && communes.Contains(p.UnitId)).ExecuteDeleteAsync(ct);
        return reports;
    }

    /// The reclassifications that writes recorded but did not complete (the process died after committing): run at
    /// the server's start.
    public async Task<List<ClassifyReport>> CompletePendingAsync(DateTime nowUtc, CancellationToken ct = default)
    {
        List<(long UnitId, int Year)> pending;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            pending = (await db.Set<PendingReclassification>().Select(p => new { p.UnitId, p.Year }).ToListAsync(ct)).Select(p => (p.UnitId, p.Year)).ToList();
        var reports = new List<ClassifyReport>();
        foreach (var year in pending.GroupBy(p => p.Year))
            reports.AddRange(await CommunesAsync(year.Key, year.Select(p => p.UnitId).ToList(), nowUtc, ct));
        return reports;
    }

    /// After the inputs of a whole year changed (a Phiếu B card loaded): every commune with households that year.
    public async Task<List<ClassifyReport>> YearAsync(int year, DateTime nowUtc, CancellationToken ct = default)
    {
        List<long> communes;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            communes = await db.Set<HouseholdYear>().Where(y => y.Year == year).Select(y => y.UnitId).Distinct().ToListAsync(ct);
        return await CommunesAsync(year, communes, nowUtc, ct);
    }

    /// The given communes of a year, one by one when few, else province by province.
    public async Task<List<ClassifyReport>> CommunesAsync(int year, IReadOnlyCollection<long> communeIds, DateTime nowUtc, CancellationToken ct = default)
    {
        if (communeIds.Count == 0) return [];
        var scopes = communeIds.ToList();
        if (scopes.Count > CommunesOneByOne)
            await using (var db = await contexts.CreateDbContextAsync(ct))
                scopes = await (from c in db.Set<Unit>()
                                where communeIds.Contains(c.Id)
                                join d in db.Set<Unit>() on c.ParentId equals d.Id
                                select d.Level == UnitLevel.Province ? d.Id : d.ParentId!.Value).Distinct().ToListAsync(ct);
        var reports = new List<ClassifyReport>();
        foreach (var scope in scopes) reports.AddRange(await RunAsync(scope, year, nowUtc, ct));
        return reports;
    }
}
