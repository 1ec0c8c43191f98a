using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Units;
using static GiamNgheo.Domain.Tests.Classification.Samples;

namespace GiamNgheo.Domain.Tests.Classification;

public sealed class CategoryTests
{
    public static TheoryData<Area, int, int, Category> Decree07Cases => new()
    {   // area,      income/person/month, deprivations, expected      — Decree 07/2021/NĐ-CP, Art. 3
        { Area.Rural, 1_500_000, 3, Category.Poor },          // cl. 1(a): ≤ 1,500,000 and ≥ 3 deprivations; on the line counts
        { Area.Rural, 1_500_000, 2, Category.NearPoor },      // cl. 2(a): ≤ 1,500,000 and < 3
        { Area.Rural, 800_000, 0, Category.NearPoor },        // cl. 2(a): low income alone is near-poor
        { Area.Rural, 1_500_001, 6, Category.AverageLiving }, // cl. 3(a): above the line, deprivations no longer count
        { Area.Rural, 2_250_000, 0, Category.AverageLiving }, // cl. 3(a): up to 2,250,000
        { Area.Rural, 2_250_001, 0, Category.NotPoor },
        { Area.Urban, 2_000_000, 3, Category.Poor },          // cl. 1(b): ≤ 2,000,000 and ≥ 3
        { Area.Urban, 2_000_000, 2, Category.NearPoor },      // cl. 2(b)
        { Area.Urban, 2_000_001, 4, Category.AverageLiving }, // cl. 3(b): up to 3,000,000
        { Area.Urban, 3_000_000, 0, Category.AverageLiving },
        { Area.Urban, 3_000_001, 0, Category.NotPoor },
    };

    [Theory, MemberData(nameof(Decree07Cases))]
    public void Decree07_IncomeAndDeprivations_DecideTheCategory(Area area, int income, int deprivations, Category expected)
    {
        var result = Classifier.Classify(Decree07, WithDeprivations(Comfortable(income, area), deprivations));
        Assert.Equal(deprivations, result.Deprivations);
        Assert.Equal(expected, result.Category);
        Assert.Equal("ND07-2021", result.StandardId);
    }

    public static TheoryData<int, int, Category> Decision59Cases => new()
    {   // rural income/person/month, deprivations, expected — Decision 59/2015/QĐ-TTg (structure verified; amounts recalled)
        { 700_000, 0, Category.Poor },         // income ≤ 700,000 is poor whatever the deprivations
        { 700_001, 3, Category.Poor },         // above the line up to 1,000,000 with ≥ 3 deprivations
        { 700_001, 2, Category.NearPoor },     // … with fewer
        { 1_000_000, 2, Category.NearPoor },
        { 1_000_001, 6, Category.NotPoor },
    };

    [Theory, MemberData(nameof(Decision59Cases))]
    public void Decision59_IncomeBandAndDeprivations_DecideTheCategory(int income, int deprivations, Category expected) =>
        Assert.Equal(expected, Classifier.Classify(Decision59, WithDeprivations(Comfortable(income), deprivations)).Category);

    [Fact]
    public void NoIncomeRecorded_IsUndetermined()
    {
        var h = Comfortable(1_000_000);
        var result = Classifier.Classify(Decree07, h with { Facts = h.Facts with { Income12Months = null } });
        Assert.Equal(Category.Undetermined, result.Category);
        Assert.Contains("chưa ghi thu nhập", result.Reason);
    }

    [Fact]
    public void Reason_QuotesIncomeLineAndClause()
    {
        var result = Classifier.Classify(Decree07, WithDeprivations(Comfortable(1_200_000), 3));
        Assert.Equal("thu nhập bình quân 1.200.000 đồng/người/tháng không vượt chuẩn 1.500.000 đồng (nông thôn; khoản 1 Điều 3 Nghị định 07/2021/NĐ-CP) và 3 chỉ số thiếu hụt (từ 3)", result.Reason);
    }

    [Theory] // Standards are chosen by review year; 2026 is a transition year under Decree 07 (Decree 351/2025).
    [InlineData(2016, "QD59-2015")]
    [InlineData(2021, "QD59-2015")]
    [InlineData(2022, "ND07-2021")]
    [InlineData(2026, "ND07-2021")]
    [InlineData(2027, "ND351-2025")]
    [InlineData(2030, "ND351-2025")]
    public void Standard_ForReviewYear(int year, string id) => Assert.Equal(id, OnRecord.ForYear(year).Id);

    [Fact]
    public void Standard_Decree351_HasItsNewLinesAndSaysItsIndicatorsAreBorrowed()
    {
        var s = OnRecord.ForYear(2027);
        Assert.Equal((2_200_000m, 2_800_000m), (s.PovertyLine.Rural, s.PovertyLine.Urban));
        Assert.Contains("chưa được xác minh", s.Note);
        Assert.Equal(12, s.Indicators.Count);
    }

    [Fact]
    public void Standard_NoYear_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => OnRecord.ForYear(2031));

    [Fact]
    public void Standard_JsonRoundTrip_KeepsEveryRule()
    {
        var again = OnRecord.All.Select(s => GiamNgheo.Domain.Standards.PovertyStandard.FromJson(s.ToJson())).ToList();
        Assert.Equal(OnRecord.All.Select(s => s.ToJson()), again.Select(s => s.ToJson()));
    }
}

public sealed class ExitTests
{
    [Fact]
    public void Poor_CanLeaveByIncomeOrFixingDeprivations()
    {
        var c = Classifier.Classify(Decree07, WithDeprivations(Comfortable(1_200_000), 4));
        var paths = Exit.Paths(Decree07, c);
        Assert.Equal("Thu nhập bình quân tăng thêm 300.001 đồng/người/tháng (lên trên 1.500.000 đồng) thì ra khỏi diện nghèo và cận nghèo.", paths[0]);
        Assert.Equal("Khắc phục ít nhất 2 trong 4 chỉ số thiếu hụt (diện tích nhà ở bình quân đầu người, nguồn nước sinh hoạt, nhà tiêu hợp vệ sinh, sử dụng dịch vụ viễn thông) thì chuyển từ hộ nghèo sang hộ cận nghèo.", paths[1]);
    }

    [Fact]
    public void NearPoor_LeavesByIncomeOnly() =>
        Assert.Single(Exit.Paths(Decree07, Classifier.Classify(Decree07, Comfortable(1_400_000))));

    [Fact]
    public void NotPoor_HasNothingToChange() =>
        Assert.Empty(Exit.Paths(Decree07, Classifier.Classify(Decree07, Comfortable(5_000_000))));
}
