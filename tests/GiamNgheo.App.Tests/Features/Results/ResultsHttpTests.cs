using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Common;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Data.Classification;
using GiamNgheo.App.Tests.Web;

namespace GiamNgheo.App.Tests.Features.Results;

/// The results page and API.
public sealed class ResultsHttpTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    [Fact]
    public async Task Results_ApiAndPage_ShowTheStoredResultsOfTheDemo_ByCommune()
    {
        await using var db = app.CreateDb();
        var sonDong = (await UnitQueries.ByCodeAsync(db, "220", AppFixture.DemoReviewDate))!;
        var communes = UnitQueries.CommuneIdsUnder(db, sonDong.Id);
        var years = db.Set<HouseholdYear>().Where(y => y.Year == 2024 && communes.Contains(y.UnitId));
        var households = await years.CountAsync();
        var poor = await db.Set<ClassificationResult>().CountAsync(r => r.Year == 2024 && r.StandardId == "ND07-2021" && r.Category == 1
            && years.Any(y => y.HouseholdId == r.HouseholdId));
        Assert.True(poor > 0 && households > poor, $"{poor} poor of {households}");

        using var doc = JsonDocument.Parse(await Pages.Http.GetStringAsync("/api/results?unit=220&year=2024"));
        var total = doc.RootElement.GetProperty("total");
        Assert.Equal("ND07-2021", doc.RootElement.GetProperty("standard").GetString());
        Assert.Equal((households, poor, 0), (total.GetProperty("households").GetInt32(), total.GetProperty("counts").GetProperty("Poor").GetInt32(), total.GetProperty("unclassified").GetInt32()));
        var children = doc.RootElement.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(households, children.Sum(c => c.GetProperty("households").GetInt32()));
        Assert.Equal(poor, children.Sum(c => c.GetProperty("counts").GetProperty("Poor").GetInt32()));

        var html = await Pages.Http.GetStringAsync("/results?unit=220&year=2024");
        Assert.Contains($"hộ nghèo <strong>{VnFormat.Number(poor)}</strong> ({VnFormat.Percent((decimal)poor / households)})", html);
        // The list of poor households behind the count: the API's filter and the page's link.
        var list = await Pages.Http.GetFromJsonAsync<HouseholdPage>("/api/households?year=2024&unit=220&category=Poor&pageSize=500", PageClient.Json);
        Assert.Equal(poor, list!.Rows.Count);
        Assert.All(list.Rows, r => Assert.Equal(1, r.Category));
        Assert.Matches(@"<a href=""/households\?unit=\d+&year=2024&category=Poor&standard=ND07-2021"">", html);
        var listHtml = await Pages.Http.GetStringAsync("/households?unit=220&year=2024&category=Poor&standard=ND07-2021");
        Assert.Contains("Danh sách hộ nghèo — Huyện Sơn Động", listHtml);
        Assert.Equal(Math.Min(poor, 50), Regex.Matches(listHtml, "<td data-label=\"Phân loại\">Hộ nghèo</td>").Count);
        var badCategory = await Pages.Http.GetAsync("/api/households?year=2024&unit=220&category=Giau");
        Assert.Equal(HttpStatusCode.BadRequest, badCategory.StatusCode);
        Assert.Contains("Phân loại «Giau» không hợp lệ", await badCategory.Content.ReadAsStringAsync());

        var missing = await Pages.Http.GetAsync("/api/results?unit=220&year=2024&standard=KHONG-CO");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("không áp dụng cho Huyện Sơn Động năm 2024; có: ND07-2021", await missing.Content.ReadAsStringAsync());
    }
}
