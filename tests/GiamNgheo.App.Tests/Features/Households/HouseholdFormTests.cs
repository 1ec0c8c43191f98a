using System.Net;
using GiamNgheo.App.Tests.Web;
using GiamNgheo.Data.Changes;
using GiamNgheo.Domain.Households;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Tests.Features.Households;

/// The household and member forms go through the exchange file's rules: one head, names of letters, dates that exist,
/// every message in Vietnamese next to its field. Each test works on households of its own in Phường Trúc Bạch of Hà Nội (00004), where no other test reads counts.
public sealed class HouseholdFormTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    private async Task<GiamNgheo.Data.Households.HouseholdYearView> FamilyAsync(string code, int year = 2024)
    {
        await app.ImportAsync(year,
            PageClient.Row(code, "00004", "Hoàng Văn Chủ", "01/01/1970", "Chủ hộ"),
            PageClient.Row(code, "00004", "Lò Thị Vợ", "01/01/1972", "Vợ/chồng", ("sex", "Nữ")));
        return (await app.HouseholdAsync(code, year))!;
    }

    private static string MemberPage(GiamNgheo.Data.Households.HouseholdYearView h, long? person) =>
        $"/households/{h.HouseholdId}/members/{(person is { } p ? p.ToString() : "new")}/edit?year={h.Year}";

    [Fact]
    public async Task MemberForm_DemotingTheHead_IsRefused_AndTheHouseholdKeepsItsHead()
    {
        var h = await FamilyAsync("00004-FORM-1");
        var (status, html, _) = await Pages.PostFormAsync(MemberPage(h, h.Members[0].PersonId), new Dictionary<string, string> { ["F[relation]"] = "Vợ/chồng" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Hộ chưa có thành viên là Chủ hộ; mỗi hộ đúng một chủ hộ.", WebUtility.HtmlDecode(html));
        var after = (await app.HouseholdAsync("00004-FORM-1", 2024))!;
        Assert.Equal(Relation.Head, after.Members[0].Facts.Relation);
        await using var db = app.CreateDb();
        Assert.Equal("Hoàng Văn Chủ", await db.Set<GiamNgheo.Data.Households.HouseholdYear>().Where(y => y.HouseholdId == h.HouseholdId && y.Year == 2024).Select(y => y.HeadName).SingleAsync());
    }

    [Theory]
    [InlineData("", "Họ và tên không được để trống.")]
    [InlineData("Nguyen 123", "Họ và tên chỉ gồm chữ cái, dấu cách và các dấu - ' . (không có chữ số hay ký hiệu).")]
    [InlineData("Nguyễn Văn\u001bA", "Họ và tên chỉ gồm chữ cái")]
    public async Task MemberForm_ABadName_IsAVietnameseErrorNextToTheField(string name, string expected)
    {
        var h = await FamilyAsync("00004-FORM-2");
        var (_, html, _) = await Pages.PostFormAsync(MemberPage(h, h.Members[1].PersonId), new Dictionary<string, string> { ["F[full_name]"] = name });
        var decoded = WebUtility.HtmlDecode(html);
        Assert.Contains($"<span id=\"e-full_name\" class=\"field-error\" data-for=\"full_name\">{expected}", decoded);
        Assert.DoesNotContain("field is required", decoded);
        Assert.Equal("Lò Thị Vợ", (await app.HouseholdAsync("00004-FORM-2", 2024))!.Members[1].Facts.FullName);
    }

    [Fact]
    public async Task MemberForm_ADateThatDoesNotExist_IsNamedAsSuch()
    {
        var h = await FamilyAsync("00004-FORM-3");
        var (_, html, _) = await Pages.PostFormAsync(MemberPage(h, h.Members[1].PersonId), new Dictionary<string, string> { ["F[date_of_birth]"] = "31/02/1990" });
        Assert.Contains("Ngày 31/02/1990 không tồn tại", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task Members_AreAddedAndRemoved_OtherYearsStay_AndTheRemovalIsRecorded()
    {
        await FamilyAsync("00004-FORM-4", 2023);
        var h = await FamilyAsync("00004-FORM-4", 2024);

        var (_, added, _) = await Pages.PostFormAsync(MemberPage(h, null), new Dictionary<string, string>
        {
            ["F[full_name]"] = "Hoàng Văn Con", ["F[sex]"] = "Nam", ["F[date_of_birth]"] = "05/05/2012", ["F[relation]"] = "Con", ["F[ethnic_code]"] = "Kinh",
        });
        Assert.Contains("Đã thêm Hoàng Văn Con vào hộ.", WebUtility.HtmlDecode(added));
        var withChild = (await app.HouseholdAsync("00004-FORM-4", 2024))!;
        Assert.Equal(["Hoàng Văn Chủ", "Lò Thị Vợ", "Hoàng Văn Con"], withChild.Members.Select(m => m.Facts.FullName));
        // The two adults are the same people as before.
        Assert.Equal(h.Members.Select(m => m.PersonId), withChild.Members.Take(2).Select(m => m.PersonId));

        var wife = withChild.Members[1];
        var (_, removed, _) = await Pages.PostFormAsync(MemberPage(withChild, wife.PersonId), new Dictionary<string, string>(), handler: "remove");
        Assert.Contains("Đã bỏ Lò Thị Vợ khỏi hộ năm 2024.", WebUtility.HtmlDecode(removed));
        Assert.Equal(["Hoàng Văn Chủ", "Hoàng Văn Con"], (await app.HouseholdAsync("00004-FORM-4", 2024))!.Members.Select(m => m.Facts.FullName));
        Assert.Equal(["Hoàng Văn Chủ", "Lò Thị Vợ"], (await app.HouseholdAsync("00004-FORM-4", 2023))!.Members.Select(m => m.Facts.FullName));
        await using var db = app.CreateDb();
        var record = await db.Set<ChangeRecord>().SingleAsync(c => c.Action == "member.remove" && c.Subject == $"{h.HouseholdId}/2024/{wife.PersonId}");
        Assert.Contains("Bỏ Lò Thị Vợ (sinh 01/01/1972) khỏi hộ 00004-FORM-4 năm 2024", record.Summary);

        // The head cannot be removed: another member must be made head first. The page says so instead of offering it,
        // and a removal posted anyway is refused.
        var headPage = WebUtility.HtmlDecode(await Pages.Http.GetStringAsync(MemberPage(withChild, withChild.Members[0].PersonId)));
        Assert.Contains("hãy ghi một thành viên khác là Chủ hộ trước", headPage);
        Assert.DoesNotContain("khỏi hộ năm 2024</button>", headPage);
        var (_, refused, _) = await Pages.PostFormAsync(MemberPage(withChild, withChild.Members[0].PersonId), new Dictionary<string, string>(), handler: "remove");
        Assert.Contains("là chủ hộ: hãy ghi một thành viên khác là Chủ hộ trước", WebUtility.HtmlDecode(refused));
    }

    [Fact]
    public async Task IncomePerPerson_IsTheSameOnTheListThePageAndTheApi()
    {
        // 15,732,750 đồng over 12 months for one person: 1,311,062.5 a month, shown 1.311.063 everywhere.
        await app.ImportAsync(2024, PageClient.Row("00004-FORM-5", "00004", "Đinh Văn Lẻ", "01/01/1960", "Chủ hộ", ("income12_months", "15732750")));
        var h = (await app.HouseholdAsync("00004-FORM-5", 2024))!;
        var list = WebUtility.HtmlDecode(await Pages.Http.GetStringAsync("/households?unit=00004&year=2024&q=00004-FORM-5"));
        Assert.Contains("1.311.063 đ<", list);
        var page = WebUtility.HtmlDecode(await Pages.Http.GetStringAsync($"/households/{h.HouseholdId}?year=2024"));
        Assert.Contains("<dd>1.311.063 đồng</dd>", page);
        var api = await Pages.Http.GetStringAsync($"/api/households/{h.HouseholdId}/classification?year=2024");
        Assert.Contains("\"incomePerPersonMonth\":1311063", api);
    }
}
