using GiamNgheo.Data.Model;
using GiamNgheo.Files.Exchange;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Households;

/// The households of a unit scope in a year as rows of the exchange file, streamed from the database.
/// The output imports back unchanged.
public static class HouseholdExport
{
    public static async IAsyncEnumerable<string[]> RowsAsync(IDbContextFactory<RegistryDb> contexts, long unitId, int year,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        Domain.Households.EthnicGroups ethnic;
        await using (var db = await contexts.CreateDbContextAsync(ct)) ethnic = await HouseholdImport.EthnicGroupsAsync(db, ct);
        await foreach (var h in HouseholdReads.ReadAsync(contexts, HouseholdSelection.Scope(unitId), year, withCodes: true, ct: ct))
            for (var i = 0; i < h.Snapshot.Members.Count; i++)
                yield return HouseholdFile.ToCells(h.Code!, h.CommuneCode!, h.Snapshot.Facts, h.Snapshot.Members[i], i == 0, ethnic);
    }
}
