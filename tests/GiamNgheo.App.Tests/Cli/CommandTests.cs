using System.CommandLine;
using GiamNgheo.App.Cli;
using GiamNgheo.Files.Tabular;
using GiamNgheo.Domain.Households;
using GiamNgheo.Files.Exchange;
using GiamNgheo.Files.Json;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Classification;

namespace GiamNgheo.App.Tests.Cli;

/// The `giamngheo` commands against their own SQLite file, output captured.
public sealed class CommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("giamngheo-cli-").FullName;
    private string Db => Path.Combine(_dir, "cli.db");

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.Root().Parse([.. args, "--db", Db]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task UnitsImportTwice_ThenListBySearchAndParent_WithDates()
    {
        var first = await Run("units", "import");
        Assert.Contains("thêm 14.720", first.Out);
        Assert.Contains("thêm 0, cập nhật 0, không đổi 14.720", (await Run("units", "import")).Out);

        var lucNam = await Run("units", "list", "--search", "luc nam", "--as-of", "01/01/2024", "--format", "csv");
        Assert.Contains("218,Huyện Lục Nam,Huyện,,2025-06-30", lucNam.Out);
        var p24Before = await Run("units", "list", "--as-of", "30/06/2025", "--format", "json");
        var p24After = await Run("units", "list", "--as-of", "01/07/2025", "--format", "json");
        Assert.Contains("Tỉnh Bắc Giang", p24Before.Out);
        Assert.DoesNotContain("Tỉnh Bắc Giang", p24After.Out);
        Assert.Contains("Tỉnh Bắc Ninh", p24After.Out);
        var communes = await Run("units", "list", "--parent", "218", "--as-of", "01/01/2024");
        Assert.Contains("25 đơn vị", communes.Out);

        var bad = await Run("units", "list", "--parent", "218", "--as-of", "01/07/2025");
        Assert.Equal(2, bad.Code);
        Assert.Contains("Không có đơn vị mã 218 có hiệu lực ngày 01/07/2025", bad.Err);

        var badDate = await Run("units", "list", "--as-of", "31/02/2025");
        Assert.NotEqual(0, badDate.Code);
        Assert.Contains("Ngày «31/02/2025» không hợp lệ", badDate.Err);
    }

    [Fact]
    public async Task Template_DemoImportExport_RoundTrip_AndBadXlsxGetsAnAnnotatedCopy()
    {
        await Run("units", "import");
        var template = Path.Combine(_dir, "mau.xlsx");
        Assert.Equal(0, (await Run("households", "template", "-o", template)).Code);
        using (var reader = TabularFile.Open(File.OpenRead(template), FileFormat.Xlsx))
            Assert.Equal(HouseholdFile.Columns.Select(c => c.Header), reader.Headers);

        var demo = await Run("demo", "--province", "24", "--year", "2024", "--households", "300", "--seed", "3");
        Assert.Equal(0, demo.Code);
        Assert.Contains("Đã nhập", demo.Out);

        var csv = Path.Combine(_dir, "ho.csv");
        var export = await Run("households", "export", "--unit", "24", "--year", "2024", "--format", "csv", "-o", csv);
        Assert.Contains("Tỉnh Bắc Giang năm 2024", export.Out);
        var again = await Run("households", "import", csv, "--year", "2024");
        Assert.Equal(0, again.Code);

        // The template's example row with a bad date of birth: rejected, and the copy marks the cell.
        var xlsx = Path.Combine(_dir, "ho.xlsx");
        await using (var f = File.Create(xlsx))
        {
            var row = HouseholdFile.Columns.Select(c => c.Key == "date_of_birth" ? "30/02/1980" : c.Key == "citizen_id" ? "" : c.Example).ToArray();
            XlsxWriter.Write(f, "Danh sách hộ", HouseholdFile.Columns.Select(c => c.Header).ToList(), [row]);
        }
        var copy = Path.Combine(_dir, "ho-loi.xlsx");
        var rejected = await Run("households", "import", xlsx, "--year", "2024", "--errors-out", copy);
        Assert.Equal(2, rejected.Code);
        Assert.Contains("Dòng 2, cột «Ngày sinh», giá trị «30/02/1980»", rejected.Out);
        using var annotated = TabularFile.Open(File.OpenRead(copy), FileFormat.Xlsx);
        Assert.Equal(XlsxErrorCopy.ErrorHeader, annotated.Headers[^1]);
        var (_, cells) = Assert.Single(annotated.Rows());
        Assert.Contains("Ngày 30/02/1980 không tồn tại", cells[^1]);
    }

    [Fact]
    public async Task Classify_IsIdempotent_AndSimulateComparesStandardsWithoutSaving()
    {
        await Run("units", "import");
        await Run("demo", "--province", "24", "--year", "2024", "--households", "400", "--seed", "5");
        // The demo stored its results as it was imported, so classifying again rewrites nothing.
        var first = await Run("classify", "--unit", "24", "--year", "2024");
        Assert.Equal(0, first.Code);
        var households = System.Text.RegularExpressions.Regex.Match(first.Out, @"chuẩn ND07-2021: (\d+(?:\.\d{3})*) hộ, ghi mới/thay đổi (\d+(?:\.\d{3})*)");
        Assert.True(households.Success, first.Out);
        Assert.Equal("0", households.Groups[2].Value);
        await using (var db = new GiamNgheo.Data.Model.RegistryDbFactory(GiamNgheo.Data.Model.DatabaseTarget.Parse(Db)).CreateDbContext())
            Assert.Equal(int.Parse(households.Groups[1].Value.Replace(".", "")), db.Set<ClassificationResult>().Count(r => r.StandardId == "ND07-2021"));

        // What if the rural line were 2,500,000: nobody becomes less poor; the file is a standard like the bundled ones.
        var standard = GiamNgheo.Data.Classification.BundledStandards.Load().ForYear(2024);
        var whatIf = Path.Combine(_dir, "whatif.json");
        await File.WriteAllTextAsync(whatIf, GiamNgheo.Files.Json.StandardFile.Write(standard with { Id = "WHATIF", PovertyLine = standard.PovertyLine with { Rural = 2_500_000 } }));
        var stored = await Run("classify", "--unit", "24", "--year", "2024", "--standard", whatIf);
        Assert.Contains($"chuẩn WHATIF: {households.Groups[1].Value} hộ, ghi mới/thay đổi {households.Groups[1].Value}.", stored.Out);
        var xlsx = Path.Combine(_dir, "sim.xlsx");
        var sim = await Run("simulate", "--unit", "24", "--year", "2024", "--standard", whatIf, "-o", xlsx);
        Assert.Equal(0, sim.Code);
        var poor = System.Text.RegularExpressions.Regex.Match(sim.Out, @"hộ nghèo (\d+(?:\.\d{3})*) → (\d+(?:\.\d{3})*)");
        Assert.True(int.Parse(poor.Groups[2].Value.Replace(".", "")) >= int.Parse(poor.Groups[1].Value.Replace(".", "")), sim.Out);
        Assert.Contains("Không có thay đổi nào được ghi", sim.Out);
        using var reader = TabularFile.Open(File.OpenRead(xlsx), FileFormat.Xlsx);
        Assert.Equal("Đơn vị", reader.Headers[0]);
        // The total row carries plain numbers (written as numeric cells), the same as the printed summary.
        var totalRow = reader.Rows().First(r => r.Cells[0] == "Cộng Tỉnh Bắc Giang").Cells;
        Assert.Equal((households.Groups[1].Value.Replace(".", ""), poor.Groups[1].Value.Replace(".", ""), poor.Groups[2].Value.Replace(".", "")),
            (totalRow[1], totalRow[2], totalRow[3]));

        var mpi = await Run("mpi", "--unit", "24", "--year", "2024");
        Assert.Equal(0, mpi.Code);
        Assert.Matches(@"Cộng\s+[\d.]+ hộ\s+H\s+[\d,]+%\s+A\s+[\d,]+%\s+M0 0,\d{4}", mpi.Out);
        Assert.Contains("Nhà tiêu hợp vệ sinh", mpi.Out);
        // k is a percent, as on the page; a share typed out of habit is refused, not read as a tiny percent.
        var badK = await Run("mpi", "--unit", "24", "--year", "2024", "--k", "0");
        Assert.Equal(2, badK.Code);
        Assert.Contains("Ngưỡng k «0» không hợp lệ: nhập phần trăm từ 1 đến 100", badK.Err);
        var share = await Run("mpi", "--unit", "24", "--year", "2024", "--k", "0,333");
        Assert.Equal(2, share.Code);
        Assert.Contains("nếu ý bạn là 33,3%, hãy nhập 33,3", share.Err);

        var bad = await Run("simulate", "--unit", "24", "--year", "2024", "--standard", Path.Combine(_dir, "khong-co.json"));
        Assert.Equal(2, bad.Code);
        Assert.Contains("Không tìm thấy tệp", bad.Err);
        Assert.Contains("khong-co.json", bad.Err);
    }

    [Fact]
    public async Task StandardsAdd_AProvinceStandard_IsListed_ClassifiesTheProvince_AndALowerOneIsRefused()
    {
        await Run("units", "import");
        await Run("demo", "--province", "24", "--year", "2024", "--households", "300", "--seed", "3");
        var example = Path.Combine(RepoRoot(), "examples", "chuan-dia-phuong-vi-du.json");

        var added = await Run("standards", "add", example, "--province", "24");
        Assert.Equal(0, added.Code);
        Assert.Contains("Đã nạp chuẩn địa phương VD-TINH-2022 cho Tỉnh Bắc Giang, năm 2022–2025.", added.Out);
        Assert.Matches(@"Năm 2024: Phân loại lại: ([\d.]+) hộ theo ND07-2021, 0 kết quả mới hoặc thay đổi; \1 hộ theo VD-TINH-2022, \1 kết quả mới", added.Out);
        Assert.Contains("Chuẩn VD-TINH-2022 đã có, không thay đổi.", (await Run("standards", "add", example, "--province", "24")).Out);
        var list = await Run("standards", "list");
        Assert.Contains("ND07-2021        quốc gia   2022–2026", list.Out);
        Assert.Contains("VD-TINH-2022     địa phương 2022–2025", list.Out);
        Assert.Matches("chuẩn VD-TINH-2022: [\\d.]+ hộ, ghi mới/thay đổi 0", (await Run("classify", "--unit", "24", "--year", "2024")).Out);

        var lower = Path.Combine(_dir, "thap.json");
        await File.WriteAllTextAsync(lower, (await File.ReadAllTextAsync(example)).Replace("\"id\": \"VD-TINH-2022\"", "\"id\": \"THAP\"").Replace("1800000", "1200000"));
        var refused = await Run("standards", "add", lower, "--province", "24");
        Assert.Equal(2, refused.Code);
        Assert.Contains("Chuẩn nghèo nông thôn 1.200.000 đồng thấp hơn chuẩn quốc gia 1.500.000 đồng của năm 2022–2025 (ND07-2021)", refused.Err);
        Assert.DoesNotContain("THAP", (await Run("standards", "list")).Out);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GiamNgheo.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public async Task Scorecard_LoadListAnswersImport_ThenClassifyUsesTheScore()
    {
        await Run("units", "import");
        await Run("demo", "--province", "24", "--year", "2024", "--households", "60", "--seed", "5");
        Assert.Contains("thu nhập 12 tháng đã ghi (chưa nạp Phiếu B", (await Run("classify", "--unit", "24", "--year", "2024")).Out);
        Assert.Contains("Chưa nạp Phiếu B nào", (await Run("scorecard", "list")).Out);

        var card = Path.Combine(_dir, "example-2022.json");
        await using (var source = GiamNgheo.Data.ReferenceData.Open("scorecards/example-2022.json"))
        await using (var target = File.Create(card)) await source.CopyToAsync(target);
        var load = await Run("scorecard", "load", card);
        Assert.Equal(0, load.Code);
        Assert.Contains("Đã nạp Phiếu B mẫu", load.Out);
        Assert.Contains("12 đặc điểm (3 cần nhập câu trả lời), 7 vùng", load.Out);
        Assert.Contains("PHIẾU MẪU", load.Out);
        // The card is an input of every household of its years: all are recomputed, and none has answers yet.
        Assert.Matches(@"Năm 2024: Phân loại lại: ([\d.]+) hộ theo ND07-2021, \1 kết quả mới hoặc thay đổi\.", load.Out);
        Assert.Contains("đã được nạp trước đó, không thay đổi gì", (await Run("scorecard", "load", card)).Out);
        var list = await Run("scorecard", "list");
        Assert.Contains("PHIEU-B-MAU", list.Out);
        Assert.Contains("2022–2026  phiếu mẫu", list.Out);
        Assert.Contains("1 phiên bản", list.Out);

        var bad = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(bad, (await File.ReadAllTextAsync(card)).Replace("\"household_size\"", "\"so_nguoi\""));
        var refused = await Run("scorecard", "load", bad);
        Assert.Equal(2, refused.Code);
        Assert.Contains("trường «characteristics[0].function», giá trị «so_nguoi»: hàm chưa có trong hệ thống", refused.Err);

        string code;
        await using (var db = new GiamNgheo.Data.Model.RegistryDbFactory(GiamNgheo.Data.Model.DatabaseTarget.Parse(Db)).CreateDbContext())
            code = db.Set<Household>().OrderBy(h => h.Id).First().Code;
        var answers = Path.Combine(_dir, "tra-loi.csv");
        await File.WriteAllTextAsync(answers, $"Mã hộ,Năm,Mã đặc điểm,Mã lựa chọn\n{code},2024,B10,1\n{code},2024,B11,0\n{code},2024,B12,0\n");
        var import = await Run("scorecard", "answers", "import", answers);
        Assert.Equal(0, import.Code);
        Assert.Contains("Đã nhập 3 câu trả lời Phiếu B của 1 hộ.", import.Out);
        // Only the household with answers gets a new result: its commune is reclassified.
        Assert.Matches(@"Năm 2024: Phân loại lại: [\d.]+ hộ theo ND07-2021, 1 kết quả mới hoặc thay đổi\.", import.Out);
        var badAnswers = Path.Combine(_dir, "sai.csv");
        await File.WriteAllTextAsync(badAnswers, $"Mã hộ,Năm,Mã đặc điểm,Mã lựa chọn\n{code},2024,B10,5\n");
        var rejected = await Run("scorecard", "answers", "import", badAnswers);
        Assert.Equal(2, rejected.Code);
        Assert.Contains("Dòng 2, cột «Mã lựa chọn», giá trị «5»: Không có lựa chọn này cho B10 Xe máy", rejected.Out);

        // The stored results are already up to date; those without answers cannot be scored yet.
        var classify = await Run("classify", "--unit", "24", "--year", "2024");
        Assert.Equal(0, classify.Code);
        Assert.Contains("Thu nhập ước tính theo Phiếu B: Phiếu B mẫu", classify.Out);
        Assert.Contains("(phiếu mẫu), phiên bản 2022.1-mau", classify.Out);
        Assert.Contains("Chưa xác định", classify.Out);
        Assert.Contains("ghi mới/thay đổi 0.", classify.Out);
    }

    [Fact]
    public async Task SetArea_OverridesTheCommuneDefault()
    {
        await Run("units", "import");
        var result = await Run("units", "set-area", "--code", "07444", "--as-of", "01/01/2024", "--area", "rural");
        Assert.Equal(0, result.Code);
        Assert.Contains("Thị trấn Đồi Ngô: khu vực Nông thôn", result.Out);
        Assert.Equal(2, (await Run("units", "set-area", "--code", "99999", "--area", "urban")).Code);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
