using GiamNgheo.Files.Tabular;
using GiamNgheo.Data.Classification;
using GiamNgheo.App.Tests.Cli;

namespace GiamNgheo.App.Tests.Features.Results;

/// `giamngheo classify`, `simulate` and `mpi` over the demo. Each test on its own SQLite file, output captured.
public sealed class ClassifyCommandTests : IDisposable
{
    private readonly CliRunner Cli = new();

    [Fact]
    public async Task Classify_IsIdempotent_AndSimulateComparesStandardsWithoutSaving()
    {
        await Cli.Run("units", "import");
        await Cli.Run("demo", "--province", "24", "--year", "2024", "--households", "400", "--seed", "5");
        // The demo stored its results as it was imported, so classifying again rewrites nothing.
        var first = await Cli.Run("classify", "--unit", "24", "--year", "2024");
        Assert.Equal(0, first.Code);
        var households = System.Text.RegularExpressions.Regex.Match(first.Out, @"chuẩn ND07-2021: (\d+(?:\.\d{3})*) hộ, ghi mới/thay đổi (\d+(?:\.\d{3})*)");
        Assert.True(households.Success, first.Out);
        Assert.Equal("0", households.Groups[2].Value);
        await using (var db = new GiamNgheo.Data.Model.RegistryDbFactory(GiamNgheo.Data.Model.DatabaseTarget.Parse(Cli.Db)).CreateDbContext())
            Assert.Equal(int.Parse(households.Groups[1].Value.Replace(".", "")), db.Set<ClassificationResult>().Count(r => r.StandardId == "ND07-2021"));

        // What if the rural line were 2,500,000: nobody becomes less poor; the file is a standard like the bundled ones.
        var standard = GiamNgheo.Data.Classification.BundledStandards.Load().ForYear(2024);
        var whatIf = Path.Combine(Cli.Dir, "whatif.json");
        await File.WriteAllTextAsync(whatIf, GiamNgheo.Files.Json.StandardFile.Write(standard with { Id = "WHATIF", PovertyLine = standard.PovertyLine with { Rural = 2_500_000 } }));
        var stored = await Cli.Run("classify", "--unit", "24", "--year", "2024", "--standard", whatIf);
        Assert.Contains($"chuẩn WHATIF: {households.Groups[1].Value} hộ, ghi mới/thay đổi {households.Groups[1].Value}.", stored.Out);
        var xlsx = Path.Combine(Cli.Dir, "sim.xlsx");
        var sim = await Cli.Run("simulate", "--unit", "24", "--year", "2024", "--standard", whatIf, "-o", xlsx);
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

        var mpi = await Cli.Run("mpi", "--unit", "24", "--year", "2024");
        Assert.Equal(0, mpi.Code);
        Assert.Matches(@"Cộng\s+[\d.]+ hộ\s+H\s+[\d,]+%\s+A\s+[\d,]+%\s+M0 0,\d{4}", mpi.Out);
        Assert.Contains("Nhà tiêu hợp vệ sinh", mpi.Out);
        // k is a percent, as on the page; a share typed out of habit is refused, not read as a tiny percent.
        var badK = await Cli.Run("mpi", "--unit", "24", "--year", "2024", "--k", "0");
        Assert.Equal(2, badK.Code);
        Assert.Contains("Ngưỡng k «0» không hợp lệ: nhập phần trăm từ 1 đến 100", badK.Err);
        var share = await Cli.Run("mpi", "--unit", "24", "--year", "2024", "--k", "0,333");
        Assert.Equal(2, share.Code);
        Assert.Contains("nếu ý bạn là 33,3%, hãy nhập 33,3", share.Err);

        var bad = await Cli.Run("simulate", "--unit", "24", "--year", "2024", "--standard", Path.Combine(Cli.Dir, "khong-co.json"));
        Assert.Equal(2, bad.Code);
        Assert.Contains("Không tìm thấy tệp", bad.Err);
        Assert.Contains("khong-co.json", bad.Err);
    }

    public void Dispose() => Cli.Dispose();
}
