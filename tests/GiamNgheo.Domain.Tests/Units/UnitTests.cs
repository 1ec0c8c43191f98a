using GiamNgheo.Domain.Units;

namespace GiamNgheo.Domain.Tests.Units;

public sealed class UnitTests
{
    [Theory] // Decree 07/2021/NĐ-CP applies the urban line to phường and thị trấn, the rural line to xã.
    [InlineData("Phường", Area.Urban)]
    [InlineData("Thị trấn", Area.Urban)]
    [InlineData("Xã", Area.Rural)]
    [InlineData("Đặc khu", Area.Rural)]
    public void DefaultArea_FollowsCommuneType(string type, Area expected) => Assert.Equal(expected, UnitTypes.DefaultArea(type));

    [Theory] // Resolution 202/2025/QH15: the two-level tree from 1 July 2025.
    [InlineData(2025, 6, 30, true, false)]
    [InlineData(2025, 7, 1, false, true)]
    [InlineData(2020, 1, 1, true, false)]
    public void Eras_SplitOnFirstJuly2025(int y, int m, int d, bool before, bool after)
    {
        var date = new DateOnly(y, m, d);
        Assert.Equal(before, UnitEras.Before2025.Contains(date));
        Assert.Equal(after, UnitEras.From2025.Contains(date));
    }

    [Theory] // Decision 24/2021/QĐ-TTg: the periodic review opens on 1 September.
    [InlineData(2024, false)]
    [InlineData(2025, true)]
    public void ReviewDate_OfYear2025_FallsInTheNewTree(int year, bool newTree) =>
        Assert.Equal(newTree, UnitEras.From2025.Contains(UnitEras.ReviewDate(year)));
}
