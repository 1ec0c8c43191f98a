using GiamNgheo.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Web;

public static class Years
{
    /// The year a page shows when none is asked for: the latest review year on record, else this year.
    public static async Task<int> DefaultAsync(RegistryDb db, TimeProvider clock, CancellationToken ct) =>
        await db.HouseholdYears.MaxAsync(y => (int?)y.Year, ct) ?? clock.GetLocalNow().Year;

    public static async Task<List<int>> OnRecordAsync(RegistryDb db, CancellationToken ct) =>
        await db.HouseholdYears.Select(y => y.Year).Distinct().OrderBy(y => y).ToListAsync(ct);
}
