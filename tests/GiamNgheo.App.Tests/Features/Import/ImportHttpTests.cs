using System.Net;
using GiamNgheo.Data.Households;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Files.Exchange;
using GiamNgheo.App.Tests.Web;

namespace GiamNgheo.App.Tests.Features.Import;

/// The import page: errors by row and column, the annotated copy, the template.
public sealed class ImportHttpTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    [Fact]
    public async Task ImportPage_BadCsv_ShowsRowErrorsAndSavesNothing()
    {
        await using var db = app.CreateDb();
        var before = await db.Set<HouseholdYear>().CountAsync();
        var headers = string.Join(",", HouseholdFile.Columns.Select(c => c.Header));
        var good = PageClient.Row("T-1", "07444", "Nguyễn Văn Test", "15/03/1980", "Chủ hộ");
        var bad = PageClient.Row("T-2", "07444", "Lê Thị Lỗi", "31/02/1990", "Chủ hộ");
        var csv = $"{headers}\n{good}\n{bad}\n";

        var (status, html) = await Pages.PostImportAsync(csv, "loi.csv", 2024);
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

        var (status, html) = await Pages.PostImportAsync(workbook.ToArray(), "ho-cua-xa.xlsx", 2024);
        Assert.Equal(HttpStatusCode.OK, status);
        var link = PageClient.ErrorCopyLink().Match(html);
        Assert.True(link.Success, "no link to the annotated copy");

        var copy = await Pages.Http.GetAsync(WebUtility.HtmlDecode(link.Groups[1].Value));
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
        var response = await Pages.Http.GetAsync("/import?handler=template&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var reader = GiamNgheo.Files.Tabular.TabularFile.Open(await response.Content.ReadAsStreamAsync(), GiamNgheo.Files.Tabular.FileFormat.Xlsx);
        Assert.Equal(HouseholdFile.Columns.Select(c => c.Header), reader.Headers);
    }
}
