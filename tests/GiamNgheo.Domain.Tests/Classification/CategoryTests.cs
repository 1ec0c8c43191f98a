using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Units;
using static GiamNgheo.Domain.Tests.Classification.Samples;
using GiamNgheo.Files.Json;

namespace GiamNgheo.Domain.Tests.Classification;

public sealed class CategoryTests
{
    public static TheoryData<Area, int, int, Category> Decree07Cases => new()
    {   // Decree 07/2021/NĐ-CP: lines from Art. 3 cl. 1(a) (read); the categories of Art. 3 cl. 2 (secondary sources)
        { Area.Rural, 1_500_000, 3, Category.Poor },          // poor: ≤ 1,500,000 and ≥ 3 deprivations; on the line counts
        { Area.Rural, 1_500_000, 2, Category.NearPoor },      // near-poor: ≤ 1,500,000 and < 3
        { Area.Rural, 800_000, 0, Category.NearPoor },        // low income alone is near-poor
        { Area.Rural, 0, 6, Category.Poor },
        { Area.Rural, 1_500_001, 6, Category.AverageLiving }, // average living: above the line, deprivations no longer count
        { Area.Rural, 2_250_000, 0, Category.AverageLiving }, // … up to 2,250,000
        { Area.Rural, 2_250_001, 0, Category.NotPoor },
        { Area.Urban, 2_000_000, 3, Category.Poor },          // urban: ≤ 2,000,000 and ≥ 3
        { Area.Urban, 2_000_000, 2, Category.NearPoor },
        { Area.Urban, 1_500_001, 3, Category.Poor },          // the rural line does not apply in towns
        { Area.Urban, 2_000_001, 4, Category.AverageLiving }, // up to 3,000,000
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

    public static TheoryData<Area, int, int, Category> Decision59Cases => new()
    {   // Decision 59/2015/QĐ-TTg: lines from Art. 1 cl. 1(a) and (b) (read); the categories of Art. 2 (secondary sources)
        { Area.Rural, 700_000, 0, Category.Poor },            // income ≤ 700,000 is poor whatever the deprivations
        { Area.Rural, 700_001, 3, Category.Poor },            // above the line up to 1,000,000 with ≥ 3 deprivations
        { Area.Rural, 700_001, 1, Category.NearPoor },        // … with fewer, even if the indicator the registry cannot record
        { Area.Rural, 1_000_000, 3, Category.Poor },          // (QD59-01, access to health services) were a deprivation
        { Area.Rural, 1_000_000, 1, Category.NearPoor },
        // 2 deprivations known and QD59-01 not recorded: a third would make it poor, so the category is not known.
        { Area.Rural, 700_001, 2, Category.Undetermined },
        { Area.Rural, 1_000_000, 2, Category.Undetermined },
        { Area.Rural, 1_000_001, 6, Category.AverageLiving }, // above the near-poor line, up to 1,500,000
        { Area.Rural, 1_500_000, 0, Category.AverageLiving },
        { Area.Rural, 1_500_001, 0, Category.NotPoor },
        { Area.Urban, 900_000, 0, Category.Poor },            // urban: 900,000
        { Area.Urban, 900_001, 3, Category.Poor },            // … up to 1,300,000 with ≥ 3
        { Area.Urban, 900_001, 1, Category.NearPoor },
        { Area.Urban, 900_001, 2, Category.Undetermined },
        { Area.Urban, 1_300_000, 1, Category.NearPoor },
        { Area.Urban, 1_300_001, 3, Category.AverageLiving }, // up to 1,950,000
        { Area.Urban, 1_950_000, 0, Category.AverageLiving },
        { Area.Urban, 1_950_001, 0, Category.NotPoor },
    };

    [Theory, MemberData(nameof(Decision59Cases))]
    public void Decision59_IncomeBandAndDeprivations_DecideTheCategory(Area area, int income, int deprivations, Category expected)
    {
        var result = Classifier.Classify(Decision59, WithDeprivations(Comfortable(income, area), deprivations));
        Assert.Equal(deprivations, result.Deprivations);
        Assert.Equal(expected, result.Category);
        Assert.Equal("QD59-2015", result.StandardId);
    }

    public static TheoryData<Area, int, int, Category> Decree351Cases => new()
    {   // Decree 351/2025/NĐ-CP from 2027 (news reports of the decree): poor ≤ line and ≥ 3; near-poor ≤ line and < 3;
        // no average-living band is known yet, so above the line is "not poor"
        { Area.Rural, 2_200_000, 3, Category.Poor },
        { Area.Rural, 2_200_000, 1, Category.NearPoor },
        // Household waste (D351-12) is not recorded: with 2 known deprivations it could make a third, so not known yet.
        { Area.Rural, 2_200_000, 2, Category.Undetermined },
        { Area.Rural, 2_200_001, 6, Category.NotPoor },
        { Area.Urban, 2_800_000, 3, Category.Poor },
        { Area.Urban, 2_800_000, 1, Category.NearPoor },
        { Area.Urban, 2_800_000, 2, Category.Undetermined },
        { Area.Urban, 2_200_001, 3, Category.Poor },
        { Area.Urban, 2_800_001, 3, Category.NotPoor },
    };

    [Theory, MemberData(nameof(Decree351Cases))]
    public void Decree351_IncomeAndDeprivations_DecideTheCategory(Area area, int income, int deprivations, Category expected)
    {
        var standard = OnRecord.ForYear(2027);
        var result = Classifier.Classify(standard, WithDeprivations(Comfortable(income, area), deprivations));
        Assert.Equal(deprivations, result.Deprivations);
        Assert.Equal(expected, result.Category);
        Assert.Equal("ND351-2025", result.StandardId);
    }

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
        Assert.Equal("thu nhập bình quân 1.200.000 đồng/người/tháng không vượt chuẩn 1.500.000 đồng (nông thôn; điểm a khoản 1 Điều 3 Nghị định 07/2021/NĐ-CP) và 3 chỉ số thiếu hụt (từ 3)", result.Reason);
    }

    [Theory] // Standards are chosen by review year: 2021 stays under Decision 59 (Decree 07/2021 Art. 2 cl. 1); 2026 is a
             // transition year under Decree 07 (Decree 351/2025, as reported).
    [InlineData(2016, "QD59-2015")]
    [InlineData(2021, "QD59-2015")]
    [InlineData(2022, "ND07-2021")]
    [InlineData(2026, "ND07-2021")]
    [InlineData(2027, "ND351-2025")]
    [InlineData(2030, "ND351-2025")]
    public void Standard_ForReviewYear(int year, string id) => Assert.Equal(id, OnRecord.ForYear(year).Id);

    [Fact]
    public void Standard_Decree351_HasItsNewLinesAndItsOwnIndicators()
    {
        var s = OnRecord.ForYear(2027);
        Assert.Equal((2_200_000m, 2_800_000m), (s.PovertyLine.Rural, s.PovertyLine.Urban));
        Assert.Null(s.AverageLivingCeiling);
        Assert.Contains("chưa được xác minh", s.Note);
        Assert.Equal(12, s.Indicators.Count);
        // The decree drops the information-assets indicator and adds household waste, which the registry does not record.
        Assert.DoesNotContain(s.Indicators, i => i.Function == "information_assets");
        Assert.Equal("Xử lý rác thải sinh hoạt", s.Indicators.Single(i => i.Function == "not_recorded").Name);
        Assert.All(s.Indicators, i => Assert.False(i.Verified));
    }

    [Fact]
    public void Decision59_AverageLiving_QuotesItsArticle()
    {
        var result = Classifier.Classify(Decision59, Comfortable(1_200_000));
        Assert.Equal("thu nhập bình quân 1.200.000 đồng/người/tháng trên chuẩn 700.000 đồng (nông thôn; điểm a khoản 1 Điều 1 Quyết định 59/2015/QĐ-TTg), trên 1.000.000 đồng, không vượt 1.500.000 đồng (Điều 2 Quyết định 59/2015/QĐ-TTg)", result.Reason);
    }

    [Fact]
    public void Standard_NoYear_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => OnRecord.ForYear(2031));

    [Fact]
    public void Standard_JsonRoundTrip_KeepsEveryRule()
    {
        var again = OnRecord.All.Select(s => StandardFile.ReadValid(StandardFile.Write(s))).ToList();
        Assert.Equal(OnRecord.All.Select(StandardFile.Write), again.Select(StandardFile.Write));
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
