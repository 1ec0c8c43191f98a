using System.Text.RegularExpressions;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Common;
using GiamNgheo.App.Tests.Web;

namespace GiamNgheo.App.Tests.Features.Mpi;

/// The multidimensional index page.
public sealed class MpiHttpTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    [Fact]
    public async Task Mpi_Page_ShowsTheIndexComputedFromTheFacts_AndRefusesABadCutoff()
    {
        await using var db = app.CreateDb();
        var sonDong = (await UnitQueries.ByCodeAsync(db, "220", AppFixture.DemoReviewDate))!;
        var standard = GiamNgheo.Data.Classification.BundledStandards.Load().ForYear(2024);
        var (index, _) = await GiamNgheo.Data.Classification.PovertyIndexByUnit.RunAsync(new GiamNgheo.Data.Model.RegistryDbFactory(app.Database), sonDong.Id, 2024, standard,
            GiamNgheo.Domain.Statistics.AlkireFoster.NestedWeights(standard.Indicators), 0.25m);
        Assert.True(index.Poor > 0);

        var html = await Pages.Http.GetStringAsync("/mpi?unit=220&year=2024&k=25");
        Assert.Contains($"H <strong>{VnFormat.Percent(index.H)}</strong> ({VnFormat.Number(index.Poor)} hộ) · A <strong>{VnFormat.Percent(index.A)}</strong> · M0 <strong>{index.M0.ToString("0.0000", VnFormat.Culture)}</strong>", html);
        Assert.Equal(12, Regex.Matches(Regex.Match(html, "<table class=\"responsive\" id=\"mpi-indicators\">.*?</table>", RegexOptions.Singleline).Value, "<tr><td").Count);

        var (status, bad) = await Pages.GetPageAsync("/mpi?unit=220&year=2024&k=150");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
        Assert.Contains("Ngưỡng k «150» không hợp lệ", bad);
        Assert.DoesNotContain("mpi-summary", bad);
    }
}
