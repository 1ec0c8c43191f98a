using GiamNgheo.Files.Tabular;
using GiamNgheo.Files.Exchange;
using GiamNgheo.App.Tests.Cli;

namespace GiamNgheo.App.Tests.Features.Import;

/// `giamngheo households template|import|export` and the demo that writes through them. Each test on its own SQLite file, output captured.
public sealed class HouseholdsCommandTests : IDisposable
{
    private readonly CliRunner Cli = new();

    [Fact]
    public async Task Template_DemoImportExport_RoundTrip_AndBadXlsxGetsAnAnnotatedCopy()
    {
        await Cli.Run("units", "import");
        var template = Path.Combine(Cli.Dir, "mau.xlsx");
        Assert.Equal(0, (await Cli.Run("households", "template", "-o", template)).Code);
        using (var reader = TabularFile.Open(File.OpenRead(template), FileFormat.Xlsx))
            Assert.Equal(HouseholdFile.Columns.Select(c => c.Header), reader.Headers);

        var demo = await Cli.Run("demo", "--province", "24", "--year", "2024", "--households", "300", "--seed", "3");
        Assert.Equal(0, demo.Code);
        Assert.Contains("Đã nhập", demo.Out);

        var csv = Path.Combine(Cli.Dir, "ho.csv");
        var export = await Cli.Run("households", "export", "--unit", "24", "--year", "2024", "--format", "csv", "-o", csv);
        Assert.Contains("Tỉnh Bắc Giang năm 2024", export.Out);
        var again = await Cli.Run("households", "import", csv, "--year", "2024");
        Assert.Equal(0, again.Code);

        // The template's example row with a bad date of birth: rejected, and the copy marks the cell.
        var xlsx = Path.Combine(Cli.Dir, "ho.xlsx");
        await using (var f = File.Create(xlsx))
        {
            var row = HouseholdFile.Columns.Select(c => c.Key == "date_of_birth" ? "30/02/1980" : c.Key == "citizen_id" ? "" : c.Example).ToArray();
            XlsxWriter.Write(f, "Danh sách hộ", HouseholdFile.Columns.Select(c => c.Header).ToList(), [row]);
        }
        var copy = Path.Combine(Cli.Dir, "ho-loi.xlsx");
        var rejected = await Cli.Run("households", "import", xlsx, "--year", "2024", "--errors-out", copy);
        Assert.Equal(2, rejected.Code);
        Assert.Contains("Dòng 2, cột «Ngày sinh», giá trị «30/02/1980»", rejected.Out);
        using var annotated = TabularFile.Open(File.OpenRead(copy), FileFormat.Xlsx);
        Assert.Equal(XlsxErrorCopy.ErrorHeader, annotated.Headers[^1]);
        var (_, cells) = Assert.Single(annotated.Rows());
        Assert.Contains("Ngày 30/02/1980 không tồn tại", cells[^1]);
    }

    public void Dispose() => Cli.Dispose();
}
