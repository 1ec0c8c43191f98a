using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Files.Exchange;
using GiamNgheo.Data.Classification;

namespace GiamNgheo.App.Tests.Http;

public sealed partial class PageAndApiTests(AppFixture app)
{
    private readonly HttpClient _client = app.Factory.CreateClient();
    private static readonly DateOnly Review2024 = new(2024, 9, 1);

    [Fact]
    public async Task UnitTree_ShowsProvincesWithHouseholdCounts()
    {
        var html = await _client.GetStringAsync("/units?year=2024");
        Assert.Contains("Tỉnh Bắc Giang", html);
        Assert.Contains("1.5", html); // 1.5xx households of the demo, Vietnamese thousands separator
    }

    [Fact]
    public async Task UnitTree_SearchWithoutDiacritics_FindsLucNam()
    {
        var html = await _client.GetStringAsync("/units?year=2024&q=luc+nam");
        Assert.Contains("Huyện Lục Nam", html);
    }

    [Fact]
    public async Task UnitsApi_Province24AfterTheMerger_IsBacNinhWithItsCommunes()
    {
        var units = await _client.GetFromJsonAsync<List<UnitView>>("/api/units?parent=24&asOf=2025-07-01", Json);
        await using var db = app.CreateDb();
        var expected = await db.Set<Unit>().On(new DateOnly(2025, 7, 1)).CountAsync(u => u.Parent!.Code == "24");
        Assert.Equal(expected, units!.Count);
        Assert.True(expected > 50);
        var provinces = await _client.GetFromJsonAsync<List<UnitView>>("/api/units?asOf=2025-06-30", Json);
        Assert.Equal("Tỉnh Bắc Giang", provinces!.Single(p => p.Code == "24").Name);
    }

    [Fact]
    public async Task UnitsApi_BadDate_Is400WithVietnameseMessage()
    {
        var response = await _client.GetAsync("/api/units?asOf=hôm-qua");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("không hợp lệ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HouseholdsApi_KeysetPages_CoverTheProvinceExactlyOnce()
    {
        var seen = new List<long>();
        long? after = null;
        do
        {
            var page = await _client.GetFromJsonAsync<HouseholdPage>($"/api/households?year=2024&unit=24&pageSize=200{(after is null ? "" : $"&after={after}")}", Json);
            seen.AddRange(page!.Rows.Select(r => r.Id));
            after = page.NextAfter;
        } while (after is not null);
        await using var db = app.CreateDb();
        Assert.Equal(await db.Set<HouseholdYear>().CountAsync(y => y.Year == 2024), seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task HouseholdsApi_OneHousehold_HasItsMembers()
    {
        await using var db = app.CreateDb();
        var id = await db.Set<HouseholdYear>().Where(y => y.Year == 2024 && y.MemberCount >= 2).Select(y => y.HouseholdId).FirstAsync();
        using var doc = JsonDocument.Parse(await _client.GetStringAsync($"/api/households/{id}?year=2024"));
        var members = doc.RootElement.GetProperty("members");
        Assert.Equal(await db.Set<Membership>().CountAsync(m => m.HouseholdId == id && m.Year == 2024), members.GetArrayLength());
        Assert.Equal((int)Relation.Head, members[0].GetProperty("facts").GetProperty("relation").GetInt32());
    }

    [Fact]
    public async Task Classification_APoorDemoHousehold_IsExplainedIndicatorByIndicator()
    {
        await using var db = app.CreateDb();
        var ids = await db.Set<HouseholdYear>().Where(y => y.Year == 2024).OrderBy(y => y.HouseholdId).Select(y => y.HouseholdId).Take(400).ToListAsync();
        JsonElement? poor = null;
        foreach (var id in ids)
        {
            using var doc = JsonDocument.Parse(await _client.GetStringAsync($"/api/households/{id}/classification?year=2024"));
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
        var html = await _client.GetStringAsync($"/households/{householdId}/explain?year=2024");
        Assert.Contains($"Vì sao hộ {code} là hộ nghèo?", html);
        Assert.Equal(p.GetProperty("deprivations").GetInt32(), Regex.Matches(html, "<strong>Thiếu hụt</strong>").Count);
        Assert.Contains("Để thoát khỏi diện này", html);
    }

    [Fact]
    public async Task HouseholdList_FilterByTypedUnitCode_ShowsOnlyThatUnit()
    {
        await using var db = app.CreateDb();
        var lucNamCommunes = await db.Set<Unit>().Where(u => u.Parent!.Code == "218" && u.ValidTo != null).Select(u => u.Name).ToListAsync();
        var html = await _client.GetStringAsync("/households?unit=218&year=2024");
        var communes = Regex.Matches(html, "<td data-label=\"Xã/phường\">([^<]+)</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(communes);
        Assert.All(communes, c => Assert.Contains(c, lucNamCommunes));

        var bad = await _client.GetStringAsync("/households?unit=99999&year=2024");
        Assert.Contains("Không có đơn vị mã 99999 có hiệu lực ngày 01/09/2024.", bad);
    }

    // Sơn Động (220): no other test writes there, so the stored results stay put while these read them.
    [Fact]
    public async Task Results_ApiAndPage_ShowTheStoredResultsOfTheDemo_ByCommune()
    {
        await using var db = app.CreateDb();
        var sonDong = (await UnitQueries.ByCodeAsync(db, "220", Review2024))!;
        var communes = UnitQueries.CommuneIdsUnder(db, sonDong.Id);
        var years = db.Set<HouseholdYear>().Where(y => y.Year == 2024 && communes.Contains(y.UnitId));
        var households = await years.CountAsync();
        var poor = await db.Set<ClassificationResult>().CountAsync(r => r.Year == 2024 && r.StandardId == "ND07-2021" && r.Category == 1
            && years.Any(y => y.HouseholdId == r.HouseholdId));
        Assert.True(poor > 0 && households > poor, $"{poor} poor of {households}");

        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/api/results?unit=220&year=2024"));
        var total = doc.RootElement.GetProperty("total");
        Assert.Equal("ND07-2021", doc.RootElement.GetProperty("standard").GetString());
        Assert.Equal((households, poor, 0), (total.GetProperty("households").GetInt32(), total.GetProperty("counts").GetProperty("Poor").GetInt32(), total.GetProperty("unclassified").GetInt32()));
        var children = doc.RootElement.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(households, children.Sum(c => c.GetProperty("households").GetInt32()));
        Assert.Equal(poor, children.Sum(c => c.GetProperty("counts").GetProperty("Poor").GetInt32()));

        var html = await _client.GetStringAsync("/results?unit=220&year=2024");
        Assert.Contains($"hộ nghèo <strong>{VnFormat.Number(poor)}</strong> ({VnFormat.Percent((decimal)poor / households)})", html);
        // The list of poor households behind the count: the API's filter and the page's link.
        var list = await _client.GetFromJsonAsync<HouseholdPage>("/api/households?year=2024&unit=220&category=Poor&pageSize=500", Json);
        Assert.Equal(poor, list!.Rows.Count);
        Assert.All(list.Rows, r => Assert.Equal(1, r.Category));
        Assert.Matches(@"<a href=""/households\?unit=\d+&year=2024&category=Poor&standard=ND07-2021"">", html);
        var listHtml = await _client.GetStringAsync("/households?unit=220&year=2024&category=Poor&standard=ND07-2021");
        Assert.Contains("Danh sách hộ nghèo — Huyện Sơn Động", listHtml);
        Assert.Equal(Math.Min(poor, 50), Regex.Matches(listHtml, "<td data-label=\"Phân loại\">Hộ nghèo</td>").Count);
        var badCategory = await _client.GetAsync("/api/households?year=2024&unit=220&category=Giau");
        Assert.Equal(HttpStatusCode.BadRequest, badCategory.StatusCode);
        Assert.Contains("Phân loại «Giau» không hợp lệ", await badCategory.Content.ReadAsStringAsync());

        var missing = await _client.GetAsync("/api/results?unit=220&year=2024&standard=KHONG-CO");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("không áp dụng cho Huyện Sơn Động năm 2024; có: ND07-2021", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Mpi_Page_ShowsTheIndexComputedFromTheFacts_AndRefusesABadCutoff()
    {
        await using var db = app.CreateDb();
        var sonDong = (await UnitQueries.ByCodeAsync(db, "220", Review2024))!;
        var standard = GiamNgheo.Data.Classification.BundledStandards.Load().ForYear(2024);
        var (index, _) = await GiamNgheo.Data.Classification.PovertyIndexByUnit.RunAsync(new GiamNgheo.Data.Model.RegistryDbFactory(app.Database), sonDong.Id, 2024, standard,
            GiamNgheo.Domain.Statistics.AlkireFoster.NestedWeights(standard.Indicators), 0.25m);
        Assert.True(index.Poor > 0);

        var html = await _client.GetStringAsync("/mpi?unit=220&year=2024&k=25");
        Assert.Contains($"H <strong>{VnFormat.Percent(index.H)}</strong> ({VnFormat.Number(index.Poor)} hộ) · A <strong>{VnFormat.Percent(index.A)}</strong> · M0 <strong>{index.M0.ToString("0.0000", VnFormat.Culture)}</strong>", html);
        Assert.Equal(12, Regex.Matches(Regex.Match(html, "<table class=\"responsive\" id=\"mpi-indicators\">.*?</table>", RegexOptions.Singleline).Value, "<tr><td").Count);

        var bad = await _client.GetStringAsync("/mpi?unit=220&year=2024&k=150");
        Assert.Contains("Ngưỡng k «150» không hợp lệ", bad);
        Assert.DoesNotContain("mpi-summary", bad);
    }

    [Fact]
    public async Task OpenApi_DescribesTheApi()
    {
        var doc = await _client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/households", doc);
        Assert.Contains("/api/units", doc);
    }

    [Fact]
    public async Task HouseholdPage_ShowsFactsAndMembers()
    {
        await using var db = app.CreateDb();
        var code = await db.Set<HouseholdYear>().Where(x => x.Year == 2024).Select(x => x.Household!.Code).FirstAsync();
        var y = (await app.HouseholdAsync(code, 2024))!;
        var html = await _client.GetStringAsync($"/households/{y.HouseholdId}?year=2024");
        // Vietnamese is written as is, not as HTML entities.
        Assert.Contains(y.Code, html);
        Assert.Contains(y.Members[0].Facts.FullName, html);
        Assert.Contains(y.Facts.Hamlet, html);
    }

    [Fact]
    public async Task ImportPage_BadCsv_ShowsRowErrorsAndSavesNothing()
    {
        await using var db = app.CreateDb();
        var before = await db.Set<HouseholdYear>().CountAsync();
        var headers = string.Join(",", HouseholdFile.Columns.Select(c => c.Header));
        var good = Row("T-1", "07444", "Nguyễn Văn Test", "15/03/1980", "Chủ hộ");
        var bad = Row("T-2", "07444", "Lê Thị Lỗi", "31/02/1990", "Chủ hộ");
        var csv = $"{headers}\n{good}\n{bad}\n";

        var (status, html) = await PostImportAsync(csv, "loi.csv", 2024);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Tệp bị từ chối", html);
        Assert.Matches(@"<td[^>]*>3</td>\s*<td[^>]*>Ngày sinh</td>\s*<td[^>]*>31/02/1990</td>", html);
        Assert.Equal(before, await db.Set<HouseholdYear>().CountAsync());
    }

    [Fact]
    public async Task ImportPage_BadXlsx_OffersTheUsersWorkbookBackWithErrorsMarked()
    {
        var workbook = new MemoryStream();
        var row = HouseholdFile.Columns.Select(c => c.Key switch { "relation" => "Con", "citizen_id" => "", _ => c.Example }).ToArray();
        GiamNgheo.Files.Tabular.XlsxWriter.Write(workbook, "Danh sách hộ", HouseholdFile.Columns.Select(c => c.Header).ToList(), [row]);

        var (status, html) = await PostImportAsync(workbook.ToArray(), "ho-cua-xa.xlsx", 2024);
        Assert.Equal(HttpStatusCode.OK, status);
        var link = ErrorCopyLink().Match(html);
        Assert.True(link.Success, "no link to the annotated copy");

        var copy = await _client.GetAsync(WebUtility.HtmlDecode(link.Groups[1].Value));
        Assert.Equal("ho-cua-xa-loi.xlsx", copy.Content.Headers.ContentDisposition!.FileNameStar ?? copy.Content.Headers.ContentDisposition.FileName);
        using var reader = GiamNgheo.Files.Tabular.TabularFile.Open(await copy.Content.ReadAsStreamAsync(), GiamNgheo.Files.Tabular.FileFormat.Xlsx);
        Assert.Equal("Lỗi", reader.Headers[^1]);
        var (number, cells) = Assert.Single(reader.Rows());
        Assert.Equal(2, number);
        Assert.Contains("chưa có thành viên là Chủ hộ", cells[^1]);
    }

    [Fact]
    public async Task TemplateDownload_IsAnXlsxWithTheHeaders()
    {
        var response = await _client.GetAsync("/import?handler=template&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var reader = GiamNgheo.Files.Tabular.TabularFile.Open(await response.Content.ReadAsStreamAsync(), GiamNgheo.Files.Tabular.FileFormat.Xlsx);
        Assert.Equal(HouseholdFile.Columns.Select(c => c.Header), reader.Headers);
    }

    internal static string Row(string code, string commune, string name, string dob, string relation)
    {
        var cells = HouseholdFile.Columns.Select(c => c.Key switch
        {
            "household_code" => code, "commune_code" => commune, "hamlet" => "Thôn Thử", "full_name" => name, "sex" => "Nam",
            "date_of_birth" => dob, "relation" => relation, "ethnic_code" => "Kinh", _ => "",
        });
        return string.Join(",", cells);
    }

    private Task<(HttpStatusCode, string)> PostImportAsync(string content, string fileName, int year) =>
        PostImportAsync(System.Text.Encoding.UTF8.GetBytes(content), fileName, year);

    private async Task<(HttpStatusCode, string)> PostImportAsync(byte[] content, string fileName, int year)
    {
        var form = await _client.GetStringAsync("/import");
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(year.ToString()), "Year" },
            { new ByteArrayContent(content), "file", fileName },
        };
        var response = await _client.PostAsync("/import", body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [GeneratedRegex("href=\"(/import\\?handler=errorcopy[^\"]+)\"")]
    private static partial Regex ErrorCopyLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
