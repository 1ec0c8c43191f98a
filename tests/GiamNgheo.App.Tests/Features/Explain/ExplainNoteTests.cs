using System.Net;
using System.Text.RegularExpressions;
using GiamNgheo.App.Tests.Web;
using GiamNgheo.Data.Households;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Tests.Features.Explain;

public sealed class ExplainNoteTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    /// The thresholds are not yet checked against the decree's annex: said once, for the officer, not on every row.
    [Fact]
    public async Task TheUnverifiedThresholds_AreNotedOnce()
    {
        await using var db = app.CreateDb();
        var id = await db.Set<HouseholdYear>().Where(y => y.Year == 2024).Select(y => y.HouseholdId).FirstAsync();
        var html = WebUtility.HtmlDecode(await Pages.Http.GetStringAsync($"/households/{id}/explain?year=2024"));
        Assert.Equal(12, Regex.Matches(html, "<td data-label=\"Quy định\">").Count);
        Assert.DoesNotContain("(ngưỡng chưa xác minh)", html);
        Assert.Single(Regex.Matches(html, "chưa đối chiếu được với phụ lục"));
    }
}
