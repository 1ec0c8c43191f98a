using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Json;

namespace GiamNgheo.Domain.Tests.Classification;

/// Standards from reference-data/standards and households built to a specification.
public static class Samples
{
    public static readonly PovertyStandards OnRecord = new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "standards"), "*.json")
        .Select(f => StandardFile.ReadValid(File.ReadAllText(f))));

    public static PovertyStandard Decree07 => OnRecord.ForYear(2024);
    public static PovertyStandard Decision59 => OnRecord.ForYear(2018);
    public static readonly DateOnly Review2024 = new(2024, 9, 1);

    public static MemberFacts Adult(string name, int age, Sex sex = Sex.Male) => new()
    {
        FullName = name, Sex = sex, DateOfBirth = Review2024.AddYears(-age).AddDays(-10), Relation = Relation.Head, EthnicCode = "01",
        Education = Education.UpperSecondary, InSchool = false, HealthInsurance = true, Employment = Employment.Stable,
        Disability = false, Meritorious = false, SocialProtection = false, Malnourished = false,
    };

    /// Two working adults in a durable 60 m² house with clean water, a septic latrine, a phone and a TV: no deprivation.
    public static HouseholdSnapshot Comfortable(decimal incomePerPersonMonth, Area area = Area.Rural) => new(new HouseholdFacts
    {
        Hamlet = "Thôn 1", Income12Months = incomePerPersonMonth * 12 * 2, HousingAreaM2 = 60, DurableWalls = true, DurableFrame = true,
        DurableRoof = true, Water = WaterSource.Piped, Latrine = LatrineType.Septic, UsesTelecom = true, HasTv = true,
        HasRadio = false, HasComputer = false, HasInternetPhone = true, LoudspeakerReach = true,
    }, area, [Adult("Nguyễn Văn A", 40), Adult("Trần Thị B", 38, Sex.Female) with { Relation = Relation.Spouse }], Review2024);

    /// Deprivations that leave the other indicators alone, in the order they are switched on.
    public static readonly Func<HouseholdSnapshot, HouseholdSnapshot>[] Deprive =
    [
        h => h with { Facts = h.Facts with { Water = WaterSource.Unprotected } },
        h => h with { Facts = h.Facts with { Latrine = LatrineType.None } },
        h => h with { Facts = h.Facts with { UsesTelecom = false } },
        h => h with { Facts = h.Facts with { HousingAreaM2 = 10 } },
        h => h with { Facts = h.Facts with { DurableWalls = false, DurableRoof = false } },
        h => h with { Members = [h.Members[0] with { HealthInsurance = false }, .. h.Members.Skip(1)] },
    ];

    public static HouseholdSnapshot WithDeprivations(HouseholdSnapshot h, int count) => Deprive.Take(count).Aggregate(h, (x, f) => f(x));
}
