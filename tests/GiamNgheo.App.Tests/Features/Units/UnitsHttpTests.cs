using System.Net;
using System.Net.Http.Json;
using GiamNgheo.Data.Units;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.App.Tests.Web;

namespace GiamNgheo.App.Tests.Features.Units;

/// The unit tree page and the units API.
public sealed class UnitsHttpTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    [Fact]
    public async Task UnitTree_ShowsProvincesWithHouseholdCounts()
    {
        var html = await Pages.Http.GetStringAsync("/units?year=2024");
        Assert.Contains("Tỉnh Bắc Giang", html);
        Assert.Contains("1.5", html); // 1.5xx households of the demo, Vietnamese thousands separator
    }

    [Fact]
    public async Task UnitTree_SearchWithoutDiacritics_FindsLucNam()
    {
        var html = await Pages.Http.GetStringAsync("/units?year=2024&q=luc+nam");
        Assert.Contains("Huyện Lục Nam", html);
    }

    [Fact]
    public async Task UnitsApi_Province24AfterTheMerger_IsBacNinhWithItsCommunes()
    {
        var units = await Pages.Http.GetFromJsonAsync<List<UnitView>>("/api/units?parent=24&asOf=2025-07-01", PageClient.Json);
        await using var db = app.CreateDb();
        var expected = await db.Set<Unit>().On(new DateOnly(2025, 7, 1)).CountAsync(u => u.Parent!.Code == "24");
        Assert.Equal(expected, units!.Count);
        Assert.True(expected > 50);
        var provinces = await Pages.Http.GetFromJsonAsync<List<UnitView>>("/api/units?asOf=2025-06-30", PageClient.Json);
        Assert.Equal("Tỉnh Bắc Giang", provinces!.Single(p => p.Code == "24").Name);
    }

    [Fact]
    public async Task UnitsApi_BadDate_Is400WithVietnameseMessage()
    {
        var response = await Pages.Http.GetAsync("/api/units?asOf=hôm-qua");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("không hợp lệ", await response.Content.ReadAsStringAsync());
    }
}
