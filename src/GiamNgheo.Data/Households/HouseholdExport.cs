using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Households;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Files.Exchange;

namespace GiamNgheo.Data.Households;

/// The households of a unit scope in a year as rows of the exchange file, streamed from the database.
/// The output imports back unchanged.
public static class HouseholdExport
{
    public static async IAsyncEnumerable<string[]> RowsAsync(RegistryDb db, long unitId, int year,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var ethnic = new EthnicGroups(await db.EthnicGroups.AsNoTracking().Select(g => new EthnicGroup(g.Code, g.Name)).ToListAsync(ct));
        var communes = UnitQueries.CommuneIdsUnder(db, unitId);
        var query = db.Memberships.AsNoTracking()
            .Where(m => m.Year == year && communes.Contains(m.HouseholdYear!.UnitId))
            .OrderBy(m => m.HouseholdId).ThenBy(m => m.Position)
            .Select(m => new { Member = m, m.Person, Year = m.HouseholdYear, Code = m.HouseholdYear!.Household!.Code, CommuneCode = m.HouseholdYear.Unit!.Code });
        long last = -1;
        await foreach (var r in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            r.Member.Person = r.Person;
            yield return HouseholdFile.ToCells(r.Code, r.CommuneCode, HouseholdQueries.ToFacts(r.Year!), HouseholdQueries.ToFacts(r.Member),
                r.Member.HouseholdId != last, ethnic);
            last = r.Member.HouseholdId;
        }
    }
}
