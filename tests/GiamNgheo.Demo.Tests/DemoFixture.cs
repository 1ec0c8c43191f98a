using GiamNgheo.Demo;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Exchange;

namespace GiamNgheo.Domain.Tests.Demo;

/// Test communes: real 2024 codes of Hà Giang (city wards, a lowland commune, Đồng Văn highland) with their
/// 2025 successors from reference-data/admin-units/lineage-2025.csv; 00883 is given no successor on purpose.
internal static class DemoFixture
{
    public static readonly IReadOnlyList<DemoCommune> Communes =
    [
        new("00688", "Phường", ["00694", "00691"], 0.05),
        new("00691", "Phường", ["00691"], 0.1),
        new("00700", "Xã", ["00700"], 0.45),
        new("00712", "Thị trấn", ["00745"], 0.75),
        new("00715", "Xã", ["00715"], 1.0),
        new("00724", "Xã", ["00715"], 0.9),
        new("00883", "Xã", [], 0.85),
    ];

    private static readonly Dictionary<string, string> Types2025 = new()
    {
        ["00694"] = "Phường", ["00691"] = "Phường", ["00700"] = "Xã", ["00745"] = "Xã", ["00715"] = "Xã",
    };

    public static IReadOnlyList<DemoCommune> WithHardship(double hardship) =>
        Communes.Select(c => c with { Hardship = hardship }).ToList();

    /// The units standing on the review date of the year: 2024 codes until 2024, 2025 codes after.
    public static Func<string, CommuneRef?> FindCommune(int year, IReadOnlyList<DemoCommune> communes)
    {
        var units = year <= 2024
            ? communes.ToDictionary(c => c.Code2024, c => c.Type2024)
            : communes.SelectMany(c => c.Successors2025).Distinct().ToDictionary(code => code, code => Types2025[code]);
        return code => units.TryGetValue(code, out var type)
            ? new CommuneRef(long.Parse(code), code, $"{type} {code}", UnitTypes.DefaultArea(type))
            : null;
    }

    /// The 54 groups, read from the vendored reference list (code,name,other_names).
    public static readonly EthnicGroups Ethnic = new(
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "ethnic-groups.csv")).Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split(',', 3))
            .Select(p => new EthnicGroup(p[0], p[1])));

    public static int Col(string key) => HouseholdFile.IndexOf(key);

    public static IEnumerable<RawRow> Numbered(IEnumerable<string[]> rows) =>
        rows.Select((cells, k) => new RawRow(k + 2, cells));

    public static int Age(string[] row, int year)
    {
        var dob = DateOnly.ParseExact(row[Col("date_of_birth")], "dd/MM/yyyy");
        var review = UnitEras.ReviewDate(year);
        var age = review.Year - dob.Year;
        if (review < dob.AddYears(age)) age--;
        return age;
    }
}
