using System.Net;
using System.Net.Http.Json;
using GiamNgheo.App.Tests.Web;
using GiamNgheo.Data.Units;

namespace GiamNgheo.App.Tests.Features.Units;

/// The API reads a date as the command line does: dd/MM/yyyy (or yyyy-MM-dd), never month first.
public sealed class UnitsDateTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    [Theory]
    [InlineData("01/09/2025", "Tỉnh Bắc Ninh")] // 1 September 2025: the two-level tree
    [InlineData("2025-09-01", "Tỉnh Bắc Ninh")]
    [InlineData("09/01/2025", "Tỉnh Bắc Giang")] // 9 January 2025: before the merger
    public async Task AsOf_IsDayFirst(string asOf, string expected)
    {
        var provinces = await Pages.Http.GetFromJsonAsync<List<UnitView>>($"/api/units?asOf={Uri.EscapeDataString(asOf)}", PageClient.Json);
        Assert.Equal(expected, provinces!.Single(p => p.Code == "24").Name);
    }

    [Fact]
    public async Task AnImpossibleDate_IsAProblem()
    {
        var response = await Pages.Http.GetAsync("/api/units?asOf=31/02/2025");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Ngày «31/02/2025» không hợp lệ", await response.Content.ReadAsStringAsync());
    }
}
