using System.Net;
using GiamNgheo.App.Tests.Web;
using GiamNgheo.Data.Households;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Tests.Features.Households;

/// The household list: its total, a unit given by name, and a name search that ignores diacritics and case.
public sealed class HouseholdListTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    [Fact]
    public async Task TheList_ShowsTheTotalOverAllPages()
    {
        // Sơn Động (220): no test writes there, so the count stays put while it is read.
        await using var db = app.CreateDb();
        var sonDong = (await GiamNgheo.Data.Units.UnitQueries.ByCodeAsync(db, "220", new DateOnly(2024, 9, 1)))!;
        var communes = GiamNgheo.Data.Units.UnitQueries.CommuneIdsUnder(db, sonDong.Id);
        var all = await db.Set<HouseholdYear>().CountAsync(y => y.Year == 2024 && communes.Contains(y.UnitId));
        Assert.True(all > 50, $"{all} households");
        var html = WebUtility.HtmlDecode(await Pages.Http.GetStringAsync("/households?unit=220&year=2024"));
        Assert.Contains($"<strong>{Domain.Common.VnFormat.Number(all)}</strong> hộ thuộc Huyện Sơn Động, năm 2024; trang này 50 hộ.", html);
        var api = await Pages.Http.GetStringAsync("/api/households?year=2024&unit=220&pageSize=5");
        Assert.Contains($"\"total\":{all}", api);
    }

    [Fact]
    public async Task AUnitName_IsResolvedByName_OrRefused_NeverIgnored()
    {
        var byName = WebUtility.HtmlDecode(await Pages.Http.GetStringAsync("/households?unit=lục+nam&year=2024"));
        Assert.Contains("<h1>Danh sách hộ — Huyện Lục Nam", byName);
        var (status, unknown) = await Pages.GetPageAsync("/households?unit=Không+Có+Nơi+Này&year=2024");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Không có đơn vị mã hoặc tên «Không Có Nơi Này» có hiệu lực ngày 01/09/2024.", unknown);
        Assert.DoesNotContain("<td data-label=\"Mã hộ\">", unknown);
        var api = await Pages.Http.GetAsync("/api/households?year=2024&unit=Không+Có+Nơi+Này");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        // A name two units share is refused with both, so the officer can pick the code.
        var (sharedStatus, shared) = await Pages.GetPageAsync("/households?unit=Tân+Sơn&year=2024");
        Assert.Equal(HttpStatusCode.BadRequest, sharedStatus);
        Assert.Matches("«Tân Sơn» là tên của nhiều đơn vị có hiệu lực ngày 01/09/2024: .*\\(mã \\d+\\), .*\\(mã \\d+\\)", shared);
    }

    [Theory]
    [InlineData("vu van khanh")]
    [InlineData("KHANH")]
    [InlineData("Vũ Văn Khánh")]
    [InlineData("khánh")]
    public async Task AHeadsName_IsFound_WithOrWithoutDiacritics_InAnyCase(string typed)
    {
        await app.ImportAsync(2024, PageClient.Row("00004-TIM-1", "00004", "Vũ Văn Khánh", "01/01/1975", "Chủ hộ"));
        var html = WebUtility.HtmlDecode(await Pages.Http.GetStringAsync($"/households?unit=01&year=2024&q={Uri.EscapeDataString(typed)}"));
        Assert.Contains(">00004-TIM-1</a>", html);
        Assert.Contains("<td data-label=\"Chủ hộ\">Vũ Văn Khánh</td>", html);
    }
}
