using FsCheck.Xunit;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using static GiamNgheo.Domain.Tests.Classification.Samples;

namespace GiamNgheo.Domain.Tests.Classification;

/// Decree 07/2021/NĐ-CP, Art. 2(2)(b): the 12 indicators (names verified; age limits and thresholds from
/// secondary sources, kept as parameters of the standard's data).
public sealed class IndicatorTests
{
    private static IndicatorResult Evaluate(string code, HouseholdSnapshot h) =>
        Indicators.Evaluate(Decree07.Indicators.Single(i => i.Code == code), h);

    private static HouseholdSnapshot WithMember(MemberFacts m) { var h = Comfortable(3_000_000); return h with { Members = [.. h.Members, m] }; }

    [Fact]
    public void Comfortable_HasNoDeprivationAndNothingUnknown()
    {
        var results = Decree07.Indicators.Select(i => Indicators.Evaluate(i, Comfortable(3_000_000))).ToList();
        Assert.All(results, r => Assert.Equal(IndicatorStatus.NotDeprived, r.Status));
    }

    [Theory] // D07-04: a person aged 6 or over without health insurance
    [InlineData(5, IndicatorStatus.NotDeprived)]
    [InlineData(6, IndicatorStatus.Deprived)]
    public void HealthInsurance_FromAgeSix(int age, IndicatorStatus expected) =>
        Assert.Equal(expected, Evaluate("D07-04", WithMember(Adult("Cháu", age) with { HealthInsurance = false, Relation = Relation.Grandchild })).Status);

    [Theory] // D07-06: a child aged 3 to under 16 not attending school
    [InlineData(2, IndicatorStatus.NotDeprived)]
    [InlineData(3, IndicatorStatus.Deprived)]
    [InlineData(15, IndicatorStatus.Deprived)]
    [InlineData(16, IndicatorStatus.NotDeprived)]
    public void SchoolAttendance_ThreeToUnderSixteen(int age, IndicatorStatus expected) =>
        Assert.Equal(expected, Evaluate("D07-06", WithMember(Adult("Con", age) with { InSchool = false, Education = Education.None, Employment = Employment.NotWorkingAge })).Status);

    [Theory] // D07-05: 16–under 18 need lower secondary, 18–30 upper secondary or vocational, unless in school
    [InlineData(17, Education.Primary, false, IndicatorStatus.Deprived)]
    [InlineData(17, Education.LowerSecondary, false, IndicatorStatus.NotDeprived)]
    [InlineData(17, Education.Primary, true, IndicatorStatus.NotDeprived)]
    [InlineData(20, Education.LowerSecondary, false, IndicatorStatus.Deprived)]
    [InlineData(20, Education.Vocational, false, IndicatorStatus.NotDeprived)]
    [InlineData(31, Education.None, false, IndicatorStatus.NotDeprived)]
    public void AdultEducation_ByAge(int age, Education education, bool inSchool, IndicatorStatus expected) =>
        Assert.Equal(expected, Evaluate("D07-05", WithMember(Adult("Con", age) with { Education = education, InSchool = inSchool })).Status);

    [Theory] // D07-08: average floor area below 8 m² per person
    [InlineData(16, IndicatorStatus.NotDeprived)]   // 8 m² per person is not below 8
    [InlineData(15.9, IndicatorStatus.Deprived)]
    public void HousingArea_BelowEightSquareMetresPerPerson(double area, IndicatorStatus expected)
    {
        var h = Comfortable(3_000_000);
        var result = Evaluate("D07-08", h with { Facts = h.Facts with { HousingAreaM2 = (decimal)area } });
        Assert.Equal(expected, result.Status);
    }

    [Theory] // D07-07: at least 2 of the 3 main parts (walls, frame, roof) not durable
    [InlineData(true, true, false, IndicatorStatus.NotDeprived)]
    [InlineData(false, true, false, IndicatorStatus.Deprived)]
    [InlineData(false, null, true, IndicatorStatus.Unknown)]
    public void HousingQuality_TwoOfThreeParts(bool? walls, bool? frame, bool? roof, IndicatorStatus expected)
    {
        var h = Comfortable(3_000_000);
        Assert.Equal(expected, Evaluate("D07-07", h with { Facts = h.Facts with { DurableWalls = walls, DurableFrame = frame, DurableRoof = roof } }).Status);
    }

    [Theory] // D07-12: no TV, radio, computer, internet phone; the loudspeaker counts only in rural areas
    [InlineData(Area.Rural, IndicatorStatus.NotDeprived)]
    [InlineData(Area.Urban, IndicatorStatus.Deprived)]
    public void InformationAssets_LoudspeakerOnlyRural(Area area, IndicatorStatus expected)
    {
        var h = Comfortable(3_000_000, area);
        var onlyLoudspeaker = h.Facts with { HasTv = false, HasRadio = false, HasComputer = false, HasInternetPhone = false, LoudspeakerReach = true };
        Assert.Equal(expected, Evaluate("D07-12", h with { Facts = onlyLoudspeaker }).Status);
    }

    [Fact] // D07-02: dependants (under 16, 60 and over, unable to work) more than half of the members
    public void Dependants_MoreThanHalf()
    {
        var h = Comfortable(3_000_000);
        var halfDependent = h with { Members = [.. h.Members, Adult("Con", 10), Adult("Bà", 70)] };
        Assert.Equal(IndicatorStatus.NotDeprived, Evaluate("D07-02", halfDependent).Status);
        var moreThanHalf = halfDependent with { Members = [.. halfDependent.Members, Adult("Ông", 75)] };
        Assert.Equal(IndicatorStatus.Deprived, Evaluate("D07-02", moreThanHalf).Status);
    }

    [Fact] // D07-01: a working-age member unemployed or without stable work
    public void Employment_UnstableWorkingAgeMember()
    {
        var result = Evaluate("D07-01", WithMember(Adult("Con", 25) with { Employment = Employment.Unstable }));
        Assert.Equal(IndicatorStatus.Deprived, result.Status);
        Assert.Contains("Con (25 tuổi)", result.Reason);
    }

    [Fact]
    public void NotRecorded_IsUnknown_NotDeprived()
    {
        var h = Comfortable(1_000_000);
        var result = Evaluate("D07-09", h with { Facts = h.Facts with { Water = null } });
        Assert.Equal(IndicatorStatus.Unknown, result.Status);
        Assert.Equal(1, Classifier.Classify(Decree07, h with { Facts = h.Facts with { Water = null } }).Unknown);
    }
}

/// Invariants of the classification, over generated households.
public sealed class ClassificationProperties
{
    private static int Rank(Category c) => c switch { Category.Poor => 0, Category.NearPoor => 1, Category.AverageLiving => 2, _ => 3 };

    [Property(MaxTest = 300)]
    public bool MoreIncome_NeverMakesAHouseholdPoorer(ushort income, ushort extra, byte deprivations, bool urban)
    {
        var h = WithDeprivations(Comfortable(income * 100m, urban ? Area.Urban : Area.Rural), deprivations % 7);
        var richer = WithDeprivations(Comfortable((income + extra) * 100m, urban ? Area.Urban : Area.Rural), deprivations % 7);
        return OnRecord.All.All(s => Rank(Classifier.Classify(s, richer).Category) >= Rank(Classifier.Classify(s, h).Category));
    }

    [Property(MaxTest = 300)]
    public bool OneMoreDeprivation_NeverMakesAHouseholdLessPoor(ushort income, byte deprivations, bool urban)
    {
        var n = deprivations % 6;
        var h = WithDeprivations(Comfortable(income * 100m, urban ? Area.Urban : Area.Rural), n);
        var worse = Deprive[n](h);
        return OnRecord.All.All(s => Rank(Classifier.Classify(s, worse).Category) <= Rank(Classifier.Classify(s, h).Category));
    }

    [Property(MaxTest = 100)]
    public bool Classification_IsDeterministic(ushort income, byte deprivations) =>
        OnRecord.All.All(s => Classifier.Classify(s, WithDeprivations(Comfortable(income * 100m), deprivations % 7)).Reason
            == Classifier.Classify(s, WithDeprivations(Comfortable(income * 100m), deprivations % 7)).Reason);
}

public sealed class StandardProblemsTests
{
    [Fact]
    public void BundledStandards_HaveNoProblems() =>
        Assert.All(Samples.OnRecord.All, s => Assert.Empty(Indicators.Problems(s)));

    [Fact]
    public void UnknownFunctionOrMissingParameter_IsNamed()
    {
        var s = Samples.Decree07;
        var broken = s with
        {
            Indicators = [s.Indicators[0] with { Function = "magic" }, s.Indicators[3] with { Parameters = new Dictionary<string, decimal>() }],
        };
        Assert.Equal(["Chỉ số D07-01 (Việc làm): hàm «magic» chưa có trong hệ thống.", "Chỉ số D07-04 (Bảo hiểm y tế): thiếu tham số «min_age»."],
            Indicators.Problems(broken));
    }
}
