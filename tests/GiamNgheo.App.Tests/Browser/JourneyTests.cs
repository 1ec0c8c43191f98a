using GiamNgheo.Domain.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using GiamNgheo.Files.Exchange;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Classification;

[assembly: AssemblyFixture(typeof(GiamNgheo.App.Tests.Browser.ChromiumFixture))]

namespace GiamNgheo.App.Tests.Browser;

/// What an official does in a real browser: browse the tree, open a household, edit a member, import a file.
public sealed class JourneyTests(AppFixture app, ChromiumFixture chromium)
{
    public static readonly string ScreenshotDir = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// What the browser refused under the content security policy, by page (SecurityHeaders): checked at every shot.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> Refused = [];

    private async Task<IPage> OpenAsync(int width = 1366, int height = 768)
    {
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var refused = Refused.GetOrCreateValue(page);
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) lock (refused) refused.Add(message.Text); };
        return page;
    }

    private static Task Shot(IPage page, string name)
    {
        if (Refused.TryGetValue(page, out var refused)) Assert.Empty(refused);
        Directory.CreateDirectory(ScreenshotDir);
        return page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task Browse_BacGiang_LucNam_Commune_Household_EditMember_Saved()
    {
        var page = await OpenAsync();
        await page.GotoAsync(app.BaseUrl + "/units?year=2024");
        await Shot(page, "01-provinces");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tỉnh Bắc Giang", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Huyện Lục Nam", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Huyện Lục Nam");
        await Shot(page, "02-luc-nam");

        // The first commune of Lục Nam that has demo households.
        await page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Xem hộ" }) }).First
            .GetByRole(AriaRole.Link).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Danh sách hộ năm 2024" }).ClickAsync();
        await Shot(page, "03-household-list");
        await page.Locator("table tbody tr td a").First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Hộ ");
        await Shot(page, "04-household");
        await page.GetByRole(AriaRole.Link, new() { Name = "Phân loại theo chuẩn nghèo — vì sao?" }).ClickAsync();
        await Assertions.Expect(page.Locator("#indicators tbody tr")).ToHaveCountAsync(12);
        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("Nghị định 07/2021/NĐ-CP");
        await Shot(page, "04b-explain");
        await page.GoBackAsync();

        var code = (await page.Locator("h1").InnerTextAsync()).Split(' ')[1];
        var personBefore = (await app.HouseholdAsync(code, 2024))!.Members[0].PersonId;
        await page.Locator("table").GetByRole(AriaRole.Link, new() { Name = "Sửa" }).First.ClickAsync();
        await page.GetByLabel("Ngày sinh *").FillAsync("31/02/1980");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-for='date_of_birth']")).ToContainTextAsync("không tồn tại");
        await Shot(page, "05-edit-error");

        await page.GetByLabel("Ngày sinh *").FillAsync("15/03/1980");
        await page.GetByLabel("Số CCCD").FillAsync("");
        await page.GetByLabel("Họ và tên *").FillAsync("Nguyễn Văn Đã Sửa");
        await page.GetByLabel("Trình độ học vấn").SelectOptionAsync(new SelectOptionValue { Label = "Đại học trở lên" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu thông tin của Nguyễn Văn Đã Sửa");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Nguyễn Văn Đã Sửa");

        // The corrected member is the same person, with her new facts.
        var saved = (await app.HouseholdAsync(code, 2024))!.Members[0];
        Assert.Equal(("Nguyễn Văn Đã Sửa", new DateOnly(1980, 3, 15), Education.University, personBefore),
            (saved.Facts.FullName, saved.Facts.DateOfBirth, saved.Facts.Education!.Value, saved.PersonId));

        // A new member joins the household, then leaves it again (the page asks before removing).
        var before = (await app.HouseholdAsync(code, 2024))!.Members.Count;
        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm thành viên" }).ClickAsync();
        await page.GetByLabel("Họ và tên *").FillAsync("Nguyễn Thị Mới Sinh");
        await page.GetByLabel("Giới tính *").SelectOptionAsync(new SelectOptionValue { Label = "Nữ" });
        await page.GetByLabel("Ngày sinh *").FillAsync("01/06/2024");
        await page.GetByLabel("Quan hệ với chủ hộ *").SelectOptionAsync(new SelectOptionValue { Label = "Con" });
        await page.GetByLabel("Dân tộc *").SelectOptionAsync(new SelectOptionValue { Label = "Kinh" });
        await Shot(page, "05b-add-member");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã thêm Nguyễn Thị Mới Sinh vào hộ.");
        Assert.Equal(before + 1, (await app.HouseholdAsync(code, 2024))!.Members.Count);

        await page.GetByRole(AriaRole.Link, new() { Name = "Sửa Nguyễn Thị Mới Sinh" }).ClickAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bỏ Nguyễn Thị Mới Sinh khỏi hộ năm 2024" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã bỏ Nguyễn Thị Mới Sinh khỏi hộ năm 2024.");
        await Shot(page, "05c-member-removed");
        Assert.Equal(before, (await app.HouseholdAsync(code, 2024))!.Members.Count);
    }

    [Fact]
    public async Task Import_FileWithBadRows_ShowsErrors_AndSavesNothing()
    {
        await using var db = app.CreateDb();
        var households = await db.Set<Household>().CountAsync();
        var path = Path.Combine(Path.GetTempPath(), $"nhap-loi-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, string.Join("\n",
            string.Join(",", HouseholdFile.Columns.Select(c => c.Header)),
            Web.PageClient.Row("B-1", "07444", "Hoàng Văn Tốt", "01/01/1970", "Chủ hộ"),
            Web.PageClient.Row("B-2", "99999", "Vũ Thị Sai", "01/01/1975", "Chủ hộ"),
            Web.PageClient.Row("B-3", "07444", "Đỗ Văn Sai", "01/01/1975", "Cháu")));

        var page = await OpenAsync();
        await page.GotoAsync(app.BaseUrl + "/import");
        await page.GetByLabel("Tệp").SetInputFilesAsync(path);
        await page.GetByLabel("Năm rà soát").FillAsync("2024");
        // While the server works the page says so and a second press sends nothing. Seen with the sending held back: a
        // listener after the page's own stops the navigation and records whether the page let each submit through.
        await page.EvaluateAsync("() => { window.submits = []; document.addEventListener('submit', e => { window.submits.push(e.defaultPrevented); e.preventDefault(); }); }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra tệp" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra tệp" })).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("form p.busy")).ToContainTextAsync("Đang kiểm tra tệp, xin chờ");
        await page.EvaluateAsync("() => document.querySelector('form[data-busy]').requestSubmit()");
        var submits = await page.EvaluateAsync<bool[]>("() => window.submits");
        Assert.Equal(new[] { false, true }, submits);
        await Shot(page, "06a-import-working");

        await page.ReloadAsync();
        await page.GetByLabel("Tệp").SetInputFilesAsync(path);
        await page.GetByLabel("Năm rà soát").FillAsync("2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra tệp" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Tệp bị từ chối: 2 lỗi");
        var errors = page.Locator("#import-errors tbody tr");
        await Assertions.Expect(errors).ToHaveCountAsync(2);
        await Assertions.Expect(errors.Nth(0)).ToContainTextAsync("Mã xã");
        await Assertions.Expect(errors.Nth(0)).ToContainTextAsync("99999");
        await Assertions.Expect(errors.Nth(1)).ToContainTextAsync("Chủ hộ");
        await Shot(page, "06-import-errors");
        Assert.Equal(households, await db.Set<Household>().CountAsync());
    }

    /// A good file is checked first: the page lists what writing it would change (a member left out, a column the file
    /// lacks, a header it does not know) and writes only when the officer confirms.
    [Fact]
    public async Task Import_ShowsTheCheckFirst_AndWritesOnlyWhenConfirmed()
    {
        await using var db = app.CreateDb();
        await app.ImportAsync(2024,
            Web.PageClient.Row("00004-XN-1", "00004", "Hà Văn Xác", "01/01/1970", "Chủ hộ", ("income12_months", "50000000")),
            Web.PageClient.Row("00004-XN-1", "00004", "Hà Thị Nhận", "01/01/1972", "Vợ/chồng"));
        // The same household without its income column, a misspelt header, and without Hà Thị Nhận.
        var columns = HouseholdFile.Columns.Where(c => c.Key != "income12_months").ToList();
        var cells = Web.PageClient.Row("00004-XN-1", "00004", "Hà Văn Xác", "01/01/1970", "Chủ hộ").Split(',')
            .Where((_, i) => HouseholdFile.Columns[i].Key != "income12_months");
        var path = Path.Combine(Path.GetTempPath(), $"nhap-xac-nhan-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, string.Join(",", columns.Select(c => c.Header).Append("Ghi chu dac biet")) + "\n" + string.Join(",", cells.Append("x")));

        var page = await OpenAsync();
        await page.GotoAsync(app.BaseUrl + "/import");
        await page.GetByLabel("Tệp").SetInputFilesAsync(path);
        await page.GetByLabel("Năm rà soát").FillAsync("2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra tệp" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("Kiểm tra xong, không có lỗi: 1 hộ, 1 thành viên cho năm 2024 (chưa ghi).");
        await Assertions.Expect(page.Locator("#import-removals")).ToContainTextAsync("Hà Thị Nhận");
        await Assertions.Expect(page.Locator("#import-absent")).ToContainTextAsync("«Thu nhập 12 tháng (đồng)»");
        await Assertions.Expect(page.Locator("#import-unknown")).ToContainTextAsync("«Ghi chu dac biet»");
        await Shot(page, "06b-import-check");
        Assert.Equal(2, (await app.HouseholdAsync("00004-XN-1", 2024))!.Members.Count);

        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi vào hệ thống" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("Đã nhập 1 hộ, 1 thành viên cho năm 2024.");
        await Shot(page, "06c-import-written");
        var written = (await app.HouseholdAsync("00004-XN-1", 2024))!;
        Assert.Equal((1, 50_000_000m), (written.Members.Count, written.Facts.Income12Months));
    }

    [Fact]
    public async Task CreateHousehold_ErrorsNextToFields_ThenSaved_ThenEdited()
    {
        await using var db = app.CreateDb();
        var page = await OpenAsync();
        // In Hà Nội, where no test counts households.
        await page.GotoAsync($"{app.BaseUrl}/households?unit=00004&year=2024");
        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm hộ vào Phường Trúc Bạch" }).ClickAsync();

        await page.GetByLabel("Mã hộ *").FillAsync("00004-TEST-1");
        await page.GetByLabel("Thôn/tổ dân phố *").FillAsync("Thôn Thử Nghiệm");
        await page.GetByLabel("Điện thoại", new() { Exact = true }).FillAsync("12345");
        await page.GetByLabel("Họ và tên *").FillAsync("Đinh Thị Mới");
        await page.GetByLabel("Giới tính *").SelectOptionAsync(new SelectOptionValue { Label = "Nữ" });
        await page.GetByLabel("Ngày sinh *").FillAsync("02/09/1990");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-for='phone']")).ToContainTextAsync("10–11 chữ số");
        Assert.False(await db.Set<Household>().AnyAsync(h => h.Code == "00004-TEST-1"));
        await Shot(page, "08-create-error");

        await page.GetByLabel("Điện thoại", new() { Exact = true }).FillAsync("0912 000 111");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã thêm hộ");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("00004-TEST-1");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sửa thông tin hộ" }).ClickAsync();
        await page.GetByLabel("Thôn/tổ dân phố *").FillAsync("Thôn Đã Đổi");
        await page.GetByLabel("Nguồn nước sinh hoạt").SelectOptionAsync(new SelectOptionValue { Label = "Nước mưa" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu thông tin hộ");
        await Assertions.Expect(page.Locator("dl.facts").First).ToContainTextAsync("Thôn Đã Đổi");
        await Shot(page, "09-household-edited");

        var year = (await app.HouseholdAsync("00004-TEST-1", 2024))!;
        Assert.Equal(("Thôn Đã Đổi", WaterSource.RainWater, "0912000111"), (year.Facts.Hamlet, year.Facts.Water!.Value, year.Facts.Phone!));
        Assert.Equal("Đinh Thị Mới", Assert.Single(year.Members).Facts.FullName);
    }

    [Fact]
    public async Task Simulate_RaisingTheRuralLine_ShowsMorePoorHouseholds_AndSavesNothing()
    {
        await using var db = app.CreateDb();
        var page = await OpenAsync();
        await page.GotoAsync(app.BaseUrl + "/units?year=2024");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tỉnh Bắc Giang", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mô phỏng chuẩn nghèo mới cho Tỉnh Bắc Giang" }).ClickAsync();
        await page.GetByLabel("Chuẩn nghèo nông thôn (đồng/người/tháng)").FillAsync("2500000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mô phỏng" }).ClickAsync();
        var summary = await page.Locator("#sim-summary").InnerTextAsync();
        var counts = System.Text.RegularExpressions.Regex.Match(summary, @"Hộ nghèo (\d+(?:\.\d{3})*) → (\d+(?:\.\d{3})*)");
        Assert.True(counts.Success, summary);
        Assert.True(int.Parse(counts.Groups[2].Value.Replace(".", "")) > int.Parse(counts.Groups[1].Value.Replace(".", "")), summary);
        await Assertions.Expect(page.Locator("#transitions tbody tr")).ToHaveCountAsync(5);
        await Shot(page, "10-simulate");

        // The workbook holds the same totals as the page.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#sim-xlsx").ClickAsync());
        Assert.Equal("mo-phong-24-2024.xlsx", download.SuggestedFilename);
        using (var reader = GiamNgheo.Files.Tabular.TabularFile.Open(File.OpenRead(await download.PathAsync()), GiamNgheo.Files.Tabular.FileFormat.Xlsx))
        {
            var total = reader.Rows().First(r => r.Cells[0] == "Cộng Tỉnh Bắc Giang").Cells;
            Assert.Equal((counts.Groups[1].Value.Replace(".", ""), counts.Groups[2].Value.Replace(".", "")), (total[2], total[3]));
        }

        await page.GetByLabel("Chuẩn nghèo nông thôn (đồng/người/tháng)").FillAsync("1500000");
        await page.Locator("input[name=off][value='D07-08']").CheckAsync();
        await page.GetByLabel("Số chỉ số thiếu hụt để là hộ nghèo").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mô phỏng" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ngưỡng thiếu hụt phải từ 1 đến 11");
        // Nothing of the simulation is stored (other tests write results of their own meanwhile, so the total is no measure).
        Assert.Equal(0, await db.Set<ClassificationResult>().CountAsync(r => r.StandardId == "MO-PHONG"));
    }

    [Fact]
    public async Task Results_FromTheUnitTree_Recompute_ThenTheIndexWithAnotherCutoff()
    {
        var page = await OpenAsync();
        await page.GotoAsync(app.BaseUrl + "/units?year=2024");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tỉnh Bắc Giang", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Kết quả phân loại năm 2024" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Kết quả phân loại hộ — Tỉnh Bắc Giang");
        // One row per district with demo households; the total row adds them up.
        var rows = await page.Locator("#results tbody tr td:nth-child(2)").AllInnerTextsAsync();
        var total = await page.Locator("#results tfoot td").First.InnerTextAsync();
        Assert.Equal(int.Parse(total.Replace(".", "")), rows.Sum(r => int.Parse(r.Replace(".", ""))));
        await Shot(page, "11-results");

        await page.GetByRole(AriaRole.Button, new() { Name = "Tính lại cho Tỉnh Bắc Giang" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Phân loại lại: {total} hộ theo ND07-2021, 0 kết quả mới hoặc thay đổi.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Huyện Sơn Động" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Huyện Sơn Động");
        await page.GetByRole(AriaRole.Link, new() { Name = "Chỉ số nghèo đa chiều" }).ClickAsync();
        var third = await page.Locator("#mpi-summary").InnerTextAsync();
        await page.GetByLabel("Ngưỡng k (% tổng trọng số thiếu hụt)").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tính" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Ngưỡng k (% tổng trọng số thiếu hụt)")).ToHaveValueAsync("20");
        // A lower cut-off counts at least as many households as multidimensionally poor.
        int Poor(string summary) => int.Parse(System.Text.RegularExpressions.Regex.Match(summary, @"\((\d+(?:\.\d{3})*) hộ\)").Groups[1].Value.Replace(".", ""));
        Assert.True(Poor(await page.Locator("#mpi-summary").InnerTextAsync()) >= Poor(third));
        await Shot(page, "12-mpi");
    }

    [Fact]
    public async Task PhoneWidth_HouseholdList_IsReadable()
    {
        var page = await OpenAsync(390, 844);
        await page.GotoAsync(app.BaseUrl + "/households?year=2024");
        await Assertions.Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"page is {scrollWidth}px wide on a 390px screen");
        await Shot(page, "07-phone-households");
    }

    [Fact]
    public async Task Keyboard_SearchUnitByTypingAndEnter()
    {
        var page = await OpenAsync();
        await page.GotoAsync(app.BaseUrl + "/units?year=2024");
        await page.Keyboard.PressAsync("Tab"); // skip past the header links until the search box has focus
        for (var i = 0; i < 10 && await page.EvaluateAsync<string>("document.activeElement.name") != "q"; i++)
            await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("luc nam");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Huyện Lục Nam" })).ToBeVisibleAsync();
    }
}
