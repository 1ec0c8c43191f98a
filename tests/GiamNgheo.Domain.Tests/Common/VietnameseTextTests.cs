using GiamNgheo.Domain.Common;

namespace GiamNgheo.Domain.Tests.Common;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("Huyện Lục Nam", "huyen luc nam")]
    [InlineData("Đồi Ngô", "doi ngo")]
    [InlineData("  Xã   Bảo Đài ", "xa bao dai")]
    [InlineData("LỤC NGẠN", "luc ngan")]
    [InlineData("Thừa Thiên Huế", "thua thien hue")]
    public void Fold_RemovesDiacriticsCaseAndExtraSpaces(string text, string expected) =>
        Assert.Equal(expected, VietnameseText.Fold(text));

    [Fact]
    public void Fold_TypedWithoutDiacritics_MatchesName() =>
        Assert.Contains(VietnameseText.Fold("luc nam"), VietnameseText.Fold("Huyện Lục Nam"));
}

public sealed class VnFormatTests
{
    [Fact]
    public void Number_UsesDotForThousands() => Assert.Equal("28.773", VnFormat.Number(28_773));

    [Fact]
    public void Percent_UsesCommaAndTwoDecimals() => Assert.Equal("6,03%", VnFormat.Percent(0.0603m));

    [Fact]
    public void Date_IsDayMonthYear() => Assert.Equal("01/09/2025", VnFormat.Date(new DateOnly(2025, 9, 1)));

    [Theory]
    [InlineData("15/03/1980", 1980, 3, 15)]
    [InlineData("5/3/1980", 1980, 3, 5)]
    [InlineData("1980-03-15", 1980, 3, 15)]
    public void TryParseDate_AcceptsOfficialForms(string text, int y, int m, int d)
    {
        Assert.True(VnFormat.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("31/02/1980")]
    [InlineData("03/15/1980")]
    [InlineData("hôm qua")]
    public void TryParseDate_RejectsImpossibleDates(string text) => Assert.False(VnFormat.TryParseDate(text, out _));
}
