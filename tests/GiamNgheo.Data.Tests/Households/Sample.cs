using GiamNgheo.Domain.Households;
using GiamNgheo.Files.Exchange;

namespace GiamNgheo.Data.Tests.Households;

/// Synthetic households written as exchange-file rows (through HouseholdFile.ToCells, the export path).
public static class Sample
{
    public static readonly EthnicGroups Ethnic = new([new("01", "Kinh"), new("02", "Tày"), new("07", "Nùng")]);
    public static readonly IReadOnlyList<string> Headers = HouseholdFile.Columns.Select(c => c.Header).ToList();

    public static HouseholdFacts Facts(string hamlet = "Thôn Đồng Mạ", long income = 30_000_000) => new()
    {
        Hamlet = hamlet, Income12Months = income, HousingAreaM2 = 40, DurableWalls = true, DurableFrame = true, DurableRoof = false,
        Water = WaterSource.DrilledWell, Latrine = LatrineType.Septic, UsesTelecom = true, HasInternetPhone = true,
    };

    public static MemberFacts Person(string name, int year, Relation relation, Sex sex = Sex.Male, string? citizenId = null) => new()
    {
        FullName = name, Sex = sex, DateOfBirth = new DateOnly(year, 5, 20), Relation = relation, EthnicCode = "01",
        CitizenId = citizenId, HealthInsurance = true, Employment = Employment.Stable, Education = Education.LowerSecondary,
    };

    public sealed record H(string Code, string Commune, HouseholdFacts Facts, params MemberFacts[] Members);

    public static List<RawRow> Rows(params H[] households)
    {
        var rows = new List<RawRow>();
        foreach (var h in households)
            for (var i = 0; i < h.Members.Length; i++)
                rows.Add(new RawRow(rows.Count + 2, HouseholdFile.ToCells(h.Code, h.Commune, h.Facts, h.Members[i], i == 0, Ethnic)));
        return rows;
    }

    /// Six digits that differ between household codes (a citizen ID is one person's: two sample heads never share one).
    private static string SerialOf(string code)
    {
        var hash = 2166136261u;
        foreach (var c in code) hash = (hash ^ c) * 16777619u;
        return (hash % 1_000_000).ToString("D6");
    }

    public static H Family(string code, string commune = "07444", string head = "Nguyễn Văn An", long income = 30_000_000) =>
        new(code, commune, Facts(income: income),
            Person(head, 1980, Relation.Head, citizenId: "024080" + SerialOf(code)),
            Person("Trần Thị Bình", 1983, Relation.Spouse, Sex.Female),
            Person(head.Split(' ')[0] + " Văn Cường", 2010, Relation.Child));
}
