using System.Text.Json;
using System.Text.RegularExpressions;
using GiamNgheo.Data.Households;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.App.Tests.Web;

namespace GiamNgheo.App.Tests.Features.Explain;

/// The explanation page and API.
public sealed class ExplainHttpTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    [Fact]
    public async Task Classification_APoorDemoHousehold_IsExplainedIndicatorByIndicator()
    {
        await using var db = app.CreateDb();
        var ids = await db.Set<HouseholdYear>().Where(y => y.Year == 2024).OrderBy(y => y.HouseholdId).Select(y => y.HouseholdId).Take(400).ToListAsync();
        JsonElement? poor = null;
        foreach (var id in ids)
        {
            using var doc = JsonDocument.Parse(await Pages.Http.GetStringAsync($"/api/households/{id}/classification?year=2024"));
            if (doc.RootElement.GetProperty("category").GetString() == "Poor") { poor = doc.RootElement.Clone(); break; }
        }
        Assert.True(poor is not null, "no poor household among the first 400 demo households");
        var p = poor!.Value;
        Assert.Equal("ND07-2021", p.GetProperty("standard").GetString());
        Assert.True(p.GetProperty("deprivations").GetInt32() >= 3);
        Assert.True(p.GetProperty("incomePerPersonMonth").GetDecimal() <= p.GetProperty("povertyLine").GetDecimal());
        Assert.Equal(12, p.GetProperty("indicators").GetArrayLength());
        Assert.Contains("Nghị định 07/2021/NĐ-CP", p.GetProperty("reason").GetString());

        var code = p.GetProperty("household").GetString()!;
        var householdId = await db.Set<Household>().Where(h => h.Code == code).Select(h => h.Id).SingleAsync();
        var html = await Pages.Http.GetStringAsync($"/households/{householdId}/explain?year=2024");
        Assert.Contains($"Vì sao hộ {code} là hộ nghèo?", html);
        Assert.Equal(p.GetProperty("deprivations").GetInt32(), Regex.Matches(html, "<strong>Thiếu hụt</strong>").Count);
        Assert.Contains("Để thoát khỏi diện này", html);
    }
}
