using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Units;
using static GiamNgheo.Domain.Tests.Classification.Samples;

namespace GiamNgheo.Domain.Tests.Classification;

/// Income per person per month is compared with the line exactly (12-month income ≤ line × 12 × members); it is rounded
/// only to be shown, once, to the whole đồng with halves away from zero.
public sealed class IncomeRoundingTests
{
    public static TheoryData<decimal, int, Category> Cases => new()
    {   // 12-month income of a 2-person rural household (line 1,500,000 a person a month: 36,000,000 a year), deprivations, category
        { 36_000_000m, 0, Category.NearPoor },      // exactly on the line: not above it (Decree 07/2021/NĐ-CP Art. 3 cl. 1(a))
        { 36_000_012m, 0, Category.AverageLiving }, // 1,500,000.5 a person a month: half a đồng above the line is above it
        { 36_000_001m, 3, Category.AverageLiving }, // 1/24 đồng above: above, whatever the deprivations
        { 35_999_999m, 3, Category.Poor },
    };

    [Theory, MemberData(nameof(Cases))]
    public void TheLine_IsComparedWithTheExactIncome(decimal income12Months, int deprivations, Category expected)
    {
        var h = WithDeprivations(Comfortable(1_000_000), deprivations);
        h = h with { Facts = h.Facts with { Income12Months = income12Months } };
        Assert.Equal(expected, Classifier.Classify(Decree07, h).Category);
    }

    [Theory]
    [InlineData(15_732_750, 1, 1_311_063)] // 1,311,062.5: halves away from zero, as shown on every page
    [InlineData(15_732_738, 1, 1_311_062)] // 1,311,061.5
    [InlineData(36_000_012, 2, 1_500_001)]
    public void ShownIncome_IsRoundedOnce_HalvesAwayFromZero(long income12Months, int members, long shown)
    {
        var exact = HouseholdIncome.PerPersonMonth(income12Months, members);
        Assert.Equal(shown, HouseholdIncome.Rounded(exact));
        Assert.Equal(VnFormat.Number(shown), VnFormat.Money(exact));
    }

    [Fact]
    public void TheExitPath_IsTheSmallestWholeIncreaseAboveTheLine()
    {
        // 1,499,999.5 a person a month, rural: 1 đồng more is 1,500,000.5, above the line.
        var h = Comfortable(1_000_000, Area.Rural);
        h = h with { Facts = h.Facts with { Income12Months = 35_999_988m } };
        var c = Classifier.Classify(Decree07, h);
        Assert.Equal(Category.NearPoor, c.Category);
        Assert.StartsWith("Thu nhập bình quân tăng thêm 1 đồng/người/tháng", Exit.Paths(Decree07, c)[0]);
    }
}
