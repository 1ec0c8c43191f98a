using System.Net;
using GiamNgheo.App.Tests.Web;

namespace GiamNgheo.App.Tests.Features.Results;

/// Pages and API take a unit by its code, read against the year's review date, and link by code.
public sealed class ResultsPageTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    [Fact]
    public async Task ThePage_TakesTheUnitCode_AsTheApiDoes()
    {
        var html = WebUtility.HtmlDecode(await Pages.Http.GetStringAsync("/results?unit=24&year=2024"));
        Assert.Contains("<h1>Kết quả phân loại hộ — Tỉnh Bắc Giang <span class=\"muted\">năm 2024</span></h1>", html);
        Assert.Contains("href=\"/results?unit=218&amp;year=2024&amp;standard=ND07-2021\"", await Pages.Http.GetStringAsync("/results?unit=24&year=2024"));
        var api = await Pages.Http.GetStringAsync("/api/results?unit=24&year=2024");
        Assert.Contains("\"unit\":\"24\",\"name\":\"Tỉnh Bắc Giang\"", api);
        // From 1 July 2025 the same code is the merged Bắc Ninh.
        var after = WebUtility.HtmlDecode(await Pages.Http.GetStringAsync("/results?unit=24&year=2025"));
        Assert.Contains("Kết quả phân loại hộ — Tỉnh Bắc Ninh", after);
    }

    [Fact]
    public async Task TheMpiPage_SaysCensoredHeadcountWithoutACensorshipWord()
    {
        var html = WebUtility.HtmlDecode(await Pages.Http.GetStringAsync("/mpi?unit=220&year=2024"));
        Assert.Contains("id=\"mpi-summary\"", html);
        Assert.DoesNotContain("kiểm duyệt", html);
        Assert.Contains("Tỷ lệ hộ nghèo đa chiều có thiếu hụt", html);
    }
}
