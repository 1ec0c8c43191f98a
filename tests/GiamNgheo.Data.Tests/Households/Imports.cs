using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Households;
using GiamNgheo.Files.Exchange;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Tests.Households;

/// The import as the data tests run it: every import is followed by the registry's invariant check over the whole
/// database, and a snapshot of everything the registry holds compares before and after.
public static class Imports
{
    public static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    public static async Task<ImportReport> Import(RegistryDb db, List<RawRow> rows, int year = 2024, bool dryRun = false,
        IReadOnlyList<string>? headers = null, TimeSpan? writeLockWait = null, DateTime? at = null, string fileName = "test.csv")
    {
        var report = await HouseholdImport.RunAsync(db, headers ?? Sample.Headers, rows, year, dryRun, "test", fileName, at ?? Now, writeLockWait: writeLockWait);
        Assert.Empty(await RegistryInvariants.BrokenAsync(db, null, null));
        return report;
    }

    /// The rows without the named columns, and the header row that goes with them (a partial file).
    public static (IReadOnlyList<string> Headers, List<RawRow> Rows) Without(List<RawRow> rows, params string[] headers)
    {
        var keep = Sample.Headers.Select((h, i) => (h, i)).Where(x => !headers.Contains(x.h)).Select(x => x.i).ToArray();
        return (keep.Select(i => Sample.Headers[i]).ToList(), rows.Select(r => r with { Cells = keep.Select(i => r.Cells[i]).ToArray() }).ToList());
    }

    /// Everything the registry holds, as text, to compare before and after.
    public static async Task<string> Snapshot(RegistryDb db)
    {
        var households = await db.Set<Household>().OrderBy(h => h.Id).Select(h => h.Id + h.Code).ToListAsync();
        var years = await db.Set<HouseholdYear>().OrderBy(y => y.HouseholdId).ThenBy(y => y.Year)
            .Select(y => $"{y.HouseholdId}/{y.Year}/{y.UnitId}/{EF.Property<string>(y, "Hamlet")}/{EF.Property<long?>(y, "Income12Months")}/{EF.Property<double?>(y, "HousingAreaM2")}/{EF.Property<WaterSource?>(y, "Water")}/{y.MemberCount}/{y.HeadName}").ToListAsync();
        var people = await db.Set<Person>().OrderBy(p => p.Id)
            .Select(p => $"{p.Id}/{EF.Property<string>(p, "FullName")}/{EF.Property<DateOnly>(p, "DateOfBirth")}/{EF.Property<string?>(p, "CitizenId")}").ToListAsync();
        var members = await db.Set<Membership>().OrderBy(m => m.PersonId).ThenBy(m => m.Year)
            .Select(m => $"{m.PersonId}/{m.Year}/{m.HouseholdId}/{m.Position}/{EF.Property<Relation>(m, "Relation")}/{EF.Property<Education?>(m, "Education")}").ToListAsync();
        return string.Join("\n", households.Concat(years).Concat(people).Concat(members));
    }
}
