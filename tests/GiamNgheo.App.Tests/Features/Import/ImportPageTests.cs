using System.Net;
using GiamNgheo.App.Tests.Web;
using Microsoft.AspNetCore.TestHost;

namespace GiamNgheo.App.Tests.Features.Import;

/// The import page as an officer meets it: the year of the review in progress, a message that says what was written, and
/// a household written as one block whose later rows leave Mã hộ empty.
public sealed class ImportPageTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    /// A clock stopped at one local date.
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.CreateCustomTimeZone("ICT", TimeSpan.FromHours(7), "ICT", "ICT");
    }

    [Theory]
    [InlineData("2027-03-15", 2026)] // before 1 September the latest review opened is last year's (Decision 24/2021/QĐ-TTg)
    [InlineData("2026-12-01", 2026)]
    [InlineData("2027-09-01", 2027)] // the review opens on 1 September
    public async Task TheYear_DefaultsToTheReviewInProgress(string today, int expected)
    {
        await using var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<TimeProvider>(new FixedClock(DateTimeOffset.Parse(today + "T10:00:00+07:00")))));
        var html = await factory.CreateClient().GetStringAsync("/import");
        Assert.Matches($"<input type=\"number\" min=\"2016\" max=\"2035\" data-val=\"true\"[^>]*name=\"Year\" value=\"{expected}\"", html);
    }

    [Fact]
    public async Task ASuccessfulImport_NamesTheYearTheCommunesAndTheCounts()
    {
        var csv = string.Join("\n", string.Join(",", Files.Exchange.HouseholdFile.Columns.Select(c => c.Header)),
            PageClient.Row("00004-NHAP-1", "00004", "Mạc Văn Một", "01/01/1970", "Chủ hộ"),
            PageClient.Row("00004-NHAP-1", "00004", "Mạc Thị Hai", "01/01/1971", "Vợ/chồng"));
        var (status, html) = await Pages.PostImportAsync(csv, "nhap.csv", 2024);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Đã nhập 1 hộ, 2 thành viên cho năm 2024. Xã/phường: Phường Trúc Bạch. Phân loại lại:", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task AFileOfManyCommunes_CountsThemInsteadOfListingThem()
    {
        string[] communes = ["00001", "00004", "00006", "00007", "00008", "00010"]; // Hà Nội wards before 1 July 2025
        var csv = string.Join("\n", communes.Select(c => PageClient.Row($"{c}-NHIEU-1", c, "Mạc Văn Nhiều", "01/01/1970", "Chủ hộ"))
            .Prepend(string.Join(",", Files.Exchange.HouseholdFile.Columns.Select(c => c.Header))));
        var (_, html) = await Pages.PostImportAsync(csv, "nhieu.csv", 2024);
        Assert.Contains("Đã nhập 6 hộ, 6 thành viên cho năm 2024. Ở 6 xã/phường. Phân loại lại:", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task AHouseholdBlock_WhoseLaterRowsLeaveMãHộEmpty_IsOneHousehold()
    {
        var later = PageClient.Row("", "", "Mạc Thị Khối", "01/01/1973", "Vợ/chồng");
        var csv = string.Join("\n", string.Join(",", Files.Exchange.HouseholdFile.Columns.Select(c => c.Header)),
            PageClient.Row("00004-KHOI-1", "00004", "Mạc Văn Khối", "01/01/1970", "Chủ hộ"), later,
            PageClient.Row("00004-KHOI-2", "00004", "Mạc Văn Sau", "01/01/1980", "Chủ hộ"));
        var (_, html) = await Pages.PostImportAsync(csv, "khoi.csv", 2024);
        Assert.Contains("Đã nhập 2 hộ, 3 thành viên cho năm 2024.", WebUtility.HtmlDecode(html));
        Assert.Equal(["Mạc Văn Khối", "Mạc Thị Khối"], (await app.HouseholdAsync("00004-KHOI-1", 2024))!.Members.Select(m => m.Facts.FullName));
    }

    [Fact]
    public async Task TheTemplatesGuide_SaysLaterRowsMayLeaveTheHouseholdColumnsEmpty()
    {
        var response = await Pages.Http.GetAsync("/import?handler=template&format=xlsx");
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(await response.Content.ReadAsStreamAsync(), false);
        var strings = workbook.WorkbookPart!.SharedStringTablePart?.SharedStringTable.InnerText ?? "";
        var guide = string.Concat(workbook.WorkbookPart.WorksheetParts.Select(p => p.Worksheet.InnerText)) + strings;
        Assert.Contains("các dòng sau của hộ để trống", guide);
        Assert.DoesNotContain("Thông tin hộ, ghi ở dòng đầu của hộ. ", guide);
    }
}
