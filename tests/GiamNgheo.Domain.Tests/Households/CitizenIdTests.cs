using GiamNgheo.Domain.Households;

namespace GiamNgheo.Domain.Tests.Households;

/// Circular 59/2021/TT-BCA, Art. 7 (structure of the 12-digit personal identification number).
public sealed class CitizenIdTests
{
    [Theory]
    [InlineData("024080001234", Sex.Male, 1980, null)]                 // 024 Bắc Giang, 0 = 20th century male, 80
    [InlineData("024183001234", Sex.Female, 1983, null)]               // 1 = 20th century female
    [InlineData("001205001234", Sex.Male, 2005, null)]                 // 2 = 21st century male
    [InlineData("001310001234", Sex.Female, 2010, null)]               // 3 = 21st century female
    [InlineData("02408000123", Sex.Male, 1980, "đúng 12 chữ số")]
    [InlineData("02408000123A", Sex.Male, 1980, "đúng 12 chữ số")]
    // Every number starts with 0 (province 001–096): fewer digits without it are a number Excel took the zeros from.
    [InlineData("24080001234", Sex.Male, 1980, "Số CCCD phải gồm đúng 12 chữ số, ô có 11 chữ số. Excel có thể đã bỏ số 0 đầu (có phải 024080001234?).")]
    [InlineData("1205001234", Sex.Male, 2005, "Số CCCD phải gồm đúng 12 chữ số, ô có 10 chữ số. Excel có thể đã bỏ số 0 đầu (có phải 001205001234?).")]
    [InlineData("000080001234", Sex.Male, 1980, "từ 001 đến 096")]
    [InlineData("097080001234", Sex.Male, 1980, "từ 001 đến 096")]
    [InlineData("024081001234", Sex.Male, 1980, "năm sinh 1981")]
    [InlineData("024180001234", Sex.Male, 1980, "giới tính Nữ")]
    public void Check_FollowsTheNumberStructure(string id, Sex sex, int birthYear, string? expected)
    {
        var error = CitizenId.Check(id, sex, new DateOnly(birthYear, 6, 1));
        if (expected is null) Assert.Null(error);
        else Assert.Contains(expected, error);
    }
}
