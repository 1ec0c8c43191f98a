using GiamNgheo.Data.Households;
using GiamNgheo.App.Tests.Cli;

namespace GiamNgheo.App.Tests.Features.Scorecards;

/// `giamngheo scorecard`. Each test on its own SQLite file, output captured.
public sealed class ScorecardCommandTests : IDisposable
{
    private readonly CliRunner Cli = new();

    [Fact]
    public async Task Scorecard_LoadListAnswersImport_ThenClassifyUsesTheScore()
    {
        await Cli.Run("units", "import");
        await Cli.Run("demo", "--province", "24", "--year", "2024", "--households", "60", "--seed", "5");
        Assert.Contains("thu nhập 12 tháng đã ghi (chưa nạp Phiếu B", (await Cli.Run("classify", "--unit", "24", "--year", "2024")).Out);
        Assert.Contains("Chưa nạp Phiếu B nào", (await Cli.Run("scorecard", "list")).Out);

        var card = Path.Combine(Cli.Dir, "example-2022.json");
        await using (var source = GiamNgheo.Data.ReferenceData.Open("scorecards/example-2022.json"))
        await using (var target = File.Create(card)) await source.CopyToAsync(target);
        var load = await Cli.Run("scorecard", "load", card);
        Assert.Equal(0, load.Code);
        Assert.Contains("Đã nạp Phiếu B mẫu", load.Out);
        Assert.Contains("12 đặc điểm (3 cần nhập câu trả lời), 7 vùng", load.Out);
        Assert.Contains("PHIẾU MẪU", load.Out);
        // The card is an input of every household of its years: all are recomputed, and none has answers yet.
        Assert.Matches(@"Năm 2024: Phân loại lại: ([\d.]+) hộ theo ND07-2021, \1 kết quả mới hoặc thay đổi\.", load.Out);
        Assert.Contains("đã được nạp trước đó, không thay đổi gì", (await Cli.Run("scorecard", "load", card)).Out);
        var list = await Cli.Run("scorecard", "list");
        Assert.Contains("PHIEU-B-MAU", list.Out);
        Assert.Contains("2022–2026  phiếu mẫu", list.Out);
        Assert.Contains("1 phiên bản", list.Out);

        var bad = Path.Combine(Cli.Dir, "bad.json");
        await File.WriteAllTextAsync(bad, (await File.ReadAllTextAsync(card)).Replace("\"household_size\"", "\"so_nguoi\""));
        var refused = await Cli.Run("scorecard", "load", bad);
        Assert.Equal(2, refused.Code);
        Assert.Contains("trường «characteristics[0].function», giá trị «so_nguoi»: hàm chưa có trong hệ thống", refused.Err);

        string code;
        await using (var db = new GiamNgheo.Data.Model.RegistryDbFactory(GiamNgheo.Data.Model.DatabaseTarget.Parse(Cli.Db)).CreateDbContext())
            code = db.Set<Household>().OrderBy(h => h.Id).First().Code;
        var answers = Path.Combine(Cli.Dir, "tra-loi.csv");
        await File.WriteAllTextAsync(answers, $"Mã hộ,Năm,Mã đặc điểm,Mã lựa chọn\n{code},2024,B10,1\n{code},2024,B11,0\n{code},2024,B12,0\n");
        var import = await Cli.Run("scorecard", "answers", "import", answers);
        Assert.Equal(0, import.Code);
        Assert.Contains("Đã nhập 3 câu trả lời Phiếu B của 1 hộ.", import.Out);
        // Only the household with answers gets a new result: its commune is reclassified.
        Assert.Matches(@"Năm 2024: Phân loại lại: [\d.]+ hộ theo ND07-2021, 1 kết quả mới hoặc thay đổi\.", import.Out);
        var badAnswers = Path.Combine(Cli.Dir, "sai.csv");
        await File.WriteAllTextAsync(badAnswers, $"Mã hộ,Năm,Mã đặc điểm,Mã lựa chọn\n{code},2024,B10,5\n");
        var rejected = await Cli.Run("scorecard", "answers", "import", badAnswers);
        Assert.Equal(2, rejected.Code);
        Assert.Contains("Dòng 2, cột «Mã lựa chọn», giá trị «5»: Không có lựa chọn này cho B10 Xe máy", rejected.Out);

        // The stored results are already up to date; those without answers cannot be scored yet.
        var classify = await Cli.Run("classify", "--unit", "24", "--year", "2024");
        Assert.Equal(0, classify.Code);
        Assert.Contains("Thu nhập ước tính theo Phiếu B: Phiếu B mẫu", classify.Out);
        Assert.Contains("(phiếu mẫu), phiên bản 2022.1-mau", classify.Out);
        Assert.Contains("Chưa xác định", classify.Out);
        Assert.Contains("ghi mới/thay đổi 0.", classify.Out);
    }

    public void Dispose() => Cli.Dispose();
}
