using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Households;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.App.Tests.Web;

namespace GiamNgheo.App.Tests.Features.Households;

/// The household list and page, and the households API.
public sealed class HouseholdsHttpTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    [Fact]
    public async Task HouseholdsApi_KeysetPages_CoverTheProvinceExactlyOnce()
    {
        var seen = new List<long>();
        long? after = null;
        do
        {
            var page = await Pages.Http.GetFromJsonAsync<HouseholdPage>($"/api/households?year=2024&unit=24&pageSize=200{(after is null ? "" : $"&after={after}")}", PageClient.Json);
            seen.AddRange(page!.Rows.Select(r => r.Id));
            after = page.NextAfter;
        } while (after is not null);
        // Bắc Giang's households: the demo's (tests that write add theirs in Hà Nội).
        await using var db = app.CreateDb();
        var province = (await UnitQueries.ByCodeAsync(db, "24", AppFixture.DemoReviewDate))!;
        var communes = UnitQueries.CommuneIdsUnder(db, province.Id);
        Assert.Equal(await db.Set<HouseholdYear>().CountAsync(y => y.Year == 2024 && communes.Contains(y.UnitId)), seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task HouseholdsApi_OneHousehold_HasItsMembers()
    {
        await using var db = app.CreateDb();
        var id = await db.Set<HouseholdYear>().Where(y => y.Year == 2024 && y.MemberCount >= 2).Select(y => y.HouseholdId).FirstAsync();
        using var doc = JsonDocument.Parse(await Pages.Http.GetStringAsync($"/api/households/{id}?year=2024"));
        var members = doc.RootElement.GetProperty("members");
        Assert.Equal(await db.Set<Membership>().CountAsync(m => m.HouseholdId == id && m.Year == 2024), members.GetArrayLength());
        Assert.Equal((int)Relation.Head, members[0].GetProperty("facts").GetProperty("relation").GetInt32());
    }

    [Fact]
    public async Task HouseholdList_FilterByTypedUnitCode_ShowsOnlyThatUnit()
    {
        await using var db = app.CreateDb();
        var lucNamCommunes = await db.Set<Unit>().Where(u => u.Parent!.Code == "218" && u.ValidTo != null).Select(u => u.Name).ToListAsync();
        var html = await Pages.Http.GetStringAsync("/households?unit=218&year=2024");
        var communes = Regex.Matches(html, "<td data-label=\"Xã/phường\">([^<]+)</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(communes);
        Assert.All(communes, c => Assert.Contains(c, lucNamCommunes));

        var (status, bad) = await Pages.GetPageAsync("/households?unit=99999&year=2024");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, status);
        Assert.Contains("Không có đơn vị mã 99999 có hiệu lực ngày 01/09/2024.", bad);
    }

    [Fact]
    public async Task HouseholdPage_ShowsFactsAndMembers()
    {
        await using var db = app.CreateDb();
        var code = await db.Set<HouseholdYear>().Where(x => x.Year == 2024).Select(x => x.Household!.Code).FirstAsync();
        var y = (await app.HouseholdAsync(code, 2024))!;
        var html = await Pages.Http.GetStringAsync($"/households/{y.HouseholdId}?year=2024");
        // Vietnamese is written as is, not as HTML entities.
        Assert.Contains(y.Code, html);
        Assert.Contains(y.Members[0].Facts.FullName, html);
        Assert.Contains(y.Facts.Hamlet, html);
    }
}
