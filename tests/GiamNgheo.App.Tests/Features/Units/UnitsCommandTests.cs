using GiamNgheo.App.Tests.Cli;

namespace GiamNgheo.App.Tests.Features.Units;

/// `giamngheo units`. Each test on its own SQLite file, output captured.
public sealed class UnitsCommandTests : IDisposable
{
    private readonly CliRunner Cli = new();

    [Fact]
    public async Task UnitsImportTwice_ThenListBySearchAndParent_WithDates()
    {
        var first = await Cli.Run("units", "import");
        Assert.Contains("thêm 14.720", first.Out);
        Assert.Contains("thêm 0, cập nhật 0, không đổi 14.720", (await Cli.Run("units", "import")).Out);

        var lucNam = await Cli.Run("units", "list", "--search", "luc nam", "--as-of", "01/01/2024", "--format", "csv");
        Assert.Contains("218,Huyện Lục Nam,Huyện,,2025-06-30", lucNam.Out);
        var p24Before = await Cli.Run("units", "list", "--as-of", "30/06/2025", "--format", "json");
        var p24After = await Cli.Run("units", "list", "--as-of", "01/07/2025", "--format", "json");
        Assert.Contains("Tỉnh Bắc Giang", p24Before.Out);
        Assert.DoesNotContain("Tỉnh Bắc Giang", p24After.Out);
        Assert.Contains("Tỉnh Bắc Ninh", p24After.Out);
        var communes = await Cli.Run("units", "list", "--parent", "218", "--as-of", "01/01/2024");
        Assert.Contains("25 đơn vị", communes.Out);

        var bad = await Cli.Run("units", "list", "--parent", "218", "--as-of", "01/07/2025");
        Assert.Equal(2, bad.Code);
        Assert.Contains("Không có đơn vị mã 218 có hiệu lực ngày 01/07/2025", bad.Err);

        var badDate = await Cli.Run("units", "list", "--as-of", "31/02/2025");
        Assert.NotEqual(0, badDate.Code);
        Assert.Contains("Ngày «31/02/2025» không hợp lệ", badDate.Err);
    }

    [Fact]
    public async Task SetArea_OverridesTheCommuneDefault()
    {
        await Cli.Run("units", "import");
        var result = await Cli.Run("units", "set-area", "--code", "07444", "--as-of", "01/01/2024", "--area", "rural");
        Assert.Equal(0, result.Code);
        Assert.Contains("Thị trấn Đồi Ngô: khu vực Nông thôn", result.Out);
        Assert.Equal(2, (await Cli.Run("units", "set-area", "--code", "99999", "--area", "urban")).Code);
    }

    public void Dispose() => Cli.Dispose();
}
