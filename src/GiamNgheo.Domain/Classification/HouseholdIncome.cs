namespace GiamNgheo.Domain.Classification;

/// Income per person per month = the household's income over the last 12 months / 12 / its members (the survey's
/// definition, Circular 07/2021/TT-BLĐTBXH). The value is exact: it is compared with a line as is, so a household a
/// fraction of a đồng above the line is above it. Pages, files and the API show it rounded to the whole đồng, halves
/// away from zero (VnFormat.Money; the stored result keeps the same rounding).
public static class HouseholdIncome
{
    public static decimal PerPersonMonth(decimal income12Months, int members) => income12Months / 12m / members;

    /// The whole đồng shown and stored for an exact amount.
    public static long Rounded(decimal amount) => (long)Math.Round(amount, 0, MidpointRounding.AwayFromZero);
}
