using GiamNgheo.Domain.Classification;
using static GiamNgheo.Domain.Tests.Classification.Samples;

namespace GiamNgheo.Domain.Tests.Classification;

/// An indicator whose fact is not recorded is neither deprived nor not deprived. Below the line it decides poor or
/// near-poor only by the count of deprivations (Decree 07/2021/NĐ-CP Art. 3 cl. 2: poor from 3, near-poor below 3), so the
/// household is "Chưa xác định" exactly when the unknown ones could bring the count to 3; otherwise its category is certain.
public sealed class UnknownIndicatorTests
{
    /// Not recorded: the housing area (D07-08) and the head's work (D07-01).
    private static HouseholdSnapshot WithUnknown(HouseholdSnapshot h, int unknown) => unknown switch
    {
        0 => h,
        1 => h with { Facts = h.Facts with { HousingAreaM2 = null } },
        _ => h with { Facts = h.Facts with { HousingAreaM2 = null }, Members = [h.Members[0] with { Employment = null }, .. h.Members.Skip(1)] },
    };

    public static TheoryData<int, int, int, Category> Cases => new()
    {   // income per person per month (rural line 1,500,000), known deprivations, indicators not recorded, category
        { 1_200_000, 2, 1, Category.Undetermined }, // a third deprivation would make it poor: not known
        { 1_200_000, 1, 2, Category.Undetermined },
        { 1_200_000, 0, 1, Category.NearPoor },     // even if the unknown one were deprived: 1 < 3, certainly near-poor
        { 1_200_000, 1, 1, Category.NearPoor },
        { 1_200_000, 3, 1, Category.Poor },         // already 3: poor whatever the unknown one is
        { 1_200_000, 2, 0, Category.NearPoor },
        { 1_600_000, 2, 1, Category.AverageLiving }, // above the line the deprivations do not decide
    };

    [Theory, MemberData(nameof(Cases))]
    public void BelowTheLine_AnUnknownIndicator_DecidesOnlyWhenItCannotChangeTheCategory(int income, int deprived, int unknown, Category expected)
    {
        var result = Classifier.Classify(Decree07, WithUnknown(WithDeprivations(Comfortable(income), deprived), unknown));
        Assert.Equal((deprived, unknown), (result.Deprivations, result.Unknown));
        Assert.Equal(expected, result.Category);
    }

    [Fact]
    public void Undetermined_NamesTheMissingFacts()
    {
        var result = Classifier.Classify(Decree07, WithUnknown(WithDeprivations(Comfortable(1_200_000), 2), 2));
        Assert.Equal(Category.Undetermined, result.Category);
        Assert.Contains("2 chỉ số thiếu hụt đã biết, chưa đủ thông tin cho việc làm, diện tích nhà ở bình quân đầu người", result.Reason);
        Assert.Contains("nếu thiếu hụt thêm 1 chỉ số thì là hộ nghèo", result.Reason);
    }

    [Fact]
    public void CertainlyNearPoor_SaysTheUnknownCouldNotChangeIt()
    {
        var result = Classifier.Classify(Decree07, WithUnknown(WithDeprivations(Comfortable(1_200_000), 1), 1));
        Assert.Equal(Category.NearPoor, result.Category);
        Assert.Contains("1 chỉ số thiếu hụt (dưới 3, kể cả khi 1 chỉ số chưa đủ thông tin đều thiếu hụt)", result.Reason);
    }
}
