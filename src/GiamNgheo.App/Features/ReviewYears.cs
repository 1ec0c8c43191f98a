using System.Globalization;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Features;

/// The review years of the registry, one rule for every feature: which year a page shows when none is asked for, which
/// years are on record, and which years a request may name.
public sealed class ReviewYears(RegistryDb db, TimeProvider clock)
{
    /// Decision 59/2015/QĐ-TTg, the earliest standard the registry knows, applies from review year 2016.
    public const int First = 2016;
    public const int Last = 2035;

    /// The review in progress or last opened (UnitEras.CurrentReviewYear), for forms that write a year.
    public int Current => UnitEras.CurrentReviewYear(DateOnly.FromDateTime(clock.GetLocalNow().DateTime));

    /// The year a page shows when none is asked for: the latest review year on record, else the current one.
    public async Task<int> DefaultAsync(CancellationToken ct) =>
        await db.Set<HouseholdYear>().MaxAsync(y => (int?)y.Year, ct) ?? Current;

    public async Task<List<int>> OnRecordAsync(CancellationToken ct) =>
        await db.Set<HouseholdYear>().Select(y => y.Year).Distinct().OrderBy(y => y).ToListAsync(ct);

    /// Null when the year can be used; else why not.
    public static Failure? Check(int year) =>
        year is < First or > Last ? Invalid(year.ToString(CultureInfo.InvariantCulture)) : null;

    /// A year as typed (a command's option, an address's parameter): digits only, then <see cref="Check(int)"/>. Text that
    /// is no year at all («abc», «2147483648») gets the same message as a year out of range.
    public static Failure? Check(string text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) ? Check(year) : Invalid(text);

    private static Failure Invalid(string text) => Failure.Invalid($"Năm rà soát «{text}» không hợp lệ: từ {First} đến {Last}.");
}
