using GiamNgheo.App.Tests.Cli;

namespace GiamNgheo.App.Tests.Features.Standards;

/// `giamngheo standards`. Each test on its own SQLite file, output captured.
public sealed class StandardsCommandTests : IDisposable
{
    private readonly CliRunner Cli = new();

    [Fact]
    public async Task StandardsAdd_AProvinceStandard_IsListed_ClassifiesTheProvince_AndALowerOneIsRefused()
    {
        await Cli.Run("units", "import");
        await Cli.Run("demo", "--province", "24", "--year", "2024", "--households", "300", "--seed", "3");
        var example = Path.Combine(CliRunner.RepoRoot(), "examples", "chuan-dia-phuong-vi-du.json");

        var added = await Cli.Run("standards", "add", example, "--province", "24");
        Assert.Equal(0, added.Code);
        Assert.Contains("Đã nạp chuẩn địa phương VD-TINH-2022 cho Tỉnh Bắc Giang, năm 2022–2025.", added.Out);
        Assert.Matches(@"Năm 2024: Phân loại lại: ([\d.]+) hộ theo ND07-2021, 0 kết quả mới hoặc thay đổi; \1 hộ theo VD-TINH-2022, \1 kết quả mới", added.Out);
        Assert.Contains("Chuẩn VD-TINH-2022 đã có, không thay đổi.", (await Cli.Run("standards", "add", example, "--province", "24")).Out);
        var list = await Cli.Run("standards", "list");
        Assert.Contains("ND07-2021        quốc gia   2022–2026", list.Out);
        Assert.Contains("VD-TINH-2022     địa phương 2022–2025", list.Out);
        Assert.Matches("chuẩn VD-TINH-2022: [\\d.]+ hộ, ghi mới/thay đổi 0", (await Cli.Run("classify", "--unit", "24", "--year", "2024")).Out);

        var lower = Path.Combine(Cli.Dir, "thap.json");
        await File.WriteAllTextAsync(lower, (await File.ReadAllTextAsync(example)).Replace("\"id\": \"VD-TINH-2022\"", "\"id\": \"THAP\"").Replace("1800000", "1200000"));
        var refused = await Cli.Run("standards", "add", lower, "--province", "24");
        Assert.Equal(2, refused.Code);
        Assert.Contains("Chuẩn nghèo nông thôn 1.200.000 đồng thấp hơn chuẩn quốc gia 1.500.000 đồng của năm 2022–2025 (ND07-2021)", refused.Err);
        Assert.DoesNotContain("THAP", (await Cli.Run("standards", "list")).Out);
    }

    public void Dispose() => Cli.Dispose();
}
