namespace GiamNgheo.Domain.Units;

public enum UnitLevel { Province = 1, District = 2, Commune = 3 }

public enum Area { Rural = 0, Urban = 1 }

/// An administrative unit as it stood in one period. A code alone is not a unit: province 24 is
/// Bắc Giang until 30/06/2025 and the merged Bắc Ninh from 01/07/2025 (Decision 19/2025/QĐ-TTg),
/// so identity is the code plus the validity period.
public sealed record UnitPeriod(DateOnly? ValidFrom, DateOnly? ValidTo)
{
    public bool Contains(DateOnly date) =>
        (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);
}

public static class UnitEras
{
    /// The three-level tree (province → district → commune). The bundled list is the GSO list of
    /// early February 2024; its start date is not known, so the period is open at the start.
    public static readonly UnitPeriod Before2025 = new(null, new DateOnly(2025, 6, 30));

    /// The two-level tree from 1 July 2025 (Resolution 202/2025/QH15; 1654–1687/NQ-UBTVQH15).
    public static readonly UnitPeriod From2025 = new(new DateOnly(2025, 7, 1), null);

    /// A review year is read against the units standing when the periodic review opens,
    /// 1 September (Decision 24/2021/QĐ-TTg: periodic review 1 September – 14 December).
    public static DateOnly ReviewDate(int year) => new(year, 9, 1);

    /// The review year in progress on a date, or the last one opened: the year's periodic review opens on 1 September
    /// (Decision 24/2021/QĐ-TTg), so until then the latest review is the previous year's.
    public static int CurrentReviewYear(DateOnly today) => today >= ReviewDate(today.Year) ? today.Year : today.Year - 1;
}

public static class UnitTypes
{
    /// Phường and thị trấn are urban, xã rural (Decree 07/2021/NĐ-CP applies the urban line to
    /// phường/thị trấn). Đặc khu is not settled in the texts we have read; it defaults to rural and,
    /// like every commune, can be overridden.
    public static Area DefaultArea(string type) => type switch
    {
        "Phường" or "Thị trấn" => Area.Urban,
        _ => Area.Rural,
    };

    public static string AreaName(Area area) => area == Area.Urban ? "Thành thị" : "Nông thôn";
}
