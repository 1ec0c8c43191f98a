using System.Text.Json;
using GiamNgheo.App.Features;
using GiamNgheo.App.Features.Demo;
using GiamNgheo.App.Features.Scorecards;
using GiamNgheo.App.Features.Units;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Scorecards;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Tests.Features.Explain;

/// The explanation page and API with the example Phiếu B loaded. Its own database: a loaded card changes every
/// 2024 result, which the shared fixture's tests must not see.
public sealed class ScorecardExplainTests : IAsyncLifetime
{
    private readonly DatabaseTarget _database = DatabaseTarget.Parse(Path.Combine(Path.GetTempPath(), $"giamngheo-card-{Guid.NewGuid():N}.db"));
    private WebApplicationFactory<Program> _factory = null!;
    private List<long> _households = [];

    public async ValueTask InitializeAsync()
    {
        await new RegistryDbFactory(_database).MigrateAsync();
        await using var services = new ServiceCollection().AddLogging().AddGiamNgheo(_database).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var actor = new Actor("test");
        await scope.ServiceProvider.GetRequiredService<UnitDirectory>().ImportReferenceAsync(actor, CancellationToken.None);
        Assert.True((await scope.ServiceProvider.GetRequiredService<DemoProvinceSeed>().ImportAsync(new DemoSpec("24", 2024, 40, 11), actor, CancellationToken.None)).Value!.Report.Applied);
        var cards = scope.ServiceProvider.GetRequiredService<ScorecardCards>();
        using var card = new StreamReader(GiamNgheo.Data.ReferenceData.Open("scorecards/example-2022.json"));
        Assert.Equal(LoadOutcome.Loaded, (await cards.LoadAsync(await card.ReadToEndAsync(), "example-2022.json", actor, CancellationToken.None)).Report.Outcome);
        var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
        var households = await db.Set<HouseholdYear>().Where(y => y.Year == 2024).OrderBy(y => y.HouseholdId).Select(y => new { y.HouseholdId, y.Household!.Code }).ToListAsync();
        _households = households.Select(h => h.HouseholdId).ToList();
        // Every household but the last answers: one motorbike, no fridge, no air conditioner.
        var csv = "Mã hộ,Năm,Mã đặc điểm,Mã lựa chọn\n" + string.Concat(households.SkipLast(1)
            .SelectMany(h => new[] { ("B10", "1"), ("B11", "0"), ("B12", "0") }.Select(a => $"{h.Code},2024,{a.Item1},{a.Item2}\n")));
        using var answers = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        Assert.True((await cards.ImportAnswersAsync(answers, "tra-loi.csv", false, actor, CancellationToken.None)).Report.Applied);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Database", _database.ConnectionString));
    }

    [Fact]
    public async Task Explanation_ShowsTheScore_PointsPerCharacteristic_AndTheExampleMark()
    {
        var client = _factory.CreateClient();
        // The first household whose facts are all recorded, so the card gives an estimate.
        foreach (var id in _households.SkipLast(1))
        {
            using var doc = JsonDocument.Parse(await client.GetStringAsync($"/api/households/{id}/classification?year=2024"));
            var root = doc.RootElement;
            Assert.Equal("scorecard:PHIEU-B-MAU@2022.1-mau", root.GetProperty("incomeSource").GetString());
            var card = root.GetProperty("scorecard");
            if (card.GetProperty("estimatedIncome").ValueKind == JsonValueKind.Null) continue;

            var total = card.GetProperty("total").GetInt32();
            var items = card.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(12, items.Count);
            Assert.Equal(total, items.Sum(i => i.GetProperty("points").GetInt32()));
            Assert.Equal("1", items.Single(i => i.GetProperty("code").GetString() == "B10").GetProperty("option").GetString());
            Assert.True(card.GetProperty("example").GetBoolean());
            Assert.Equal(card.GetProperty("estimatedIncome").GetDecimal(), root.GetProperty("incomePerPersonMonth").GetDecimal());
            Assert.StartsWith($"Thu nhập ước tính theo Phiếu B: {total} điểm → ", root.GetProperty("reason").GetString());

            var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/households/{id}/explain?year=2024"));
            Assert.Contains($"Phiếu B: {total} điểm", html);
            Assert.Contains("(phiếu mẫu)", html);
            Assert.Contains("Đây là phiếu mẫu", html);
            Assert.Contains("<td data-label=\"Đặc điểm\">Xe máy</td>", html);
            Assert.Contains("<td data-label=\"Lựa chọn\">1 chiếc</td>", html);
            Assert.Matches(@"Từ \d+ điểm trở lên thì thu nhập ước tính vượt chuẩn", html);
            return;
        }
        Assert.Fail("no household of the demo had complete facts");
    }

    [Fact]
    public async Task Explanation_WithoutAnswers_SaysWhatIsMissing()
    {
        var client = _factory.CreateClient();
        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/households/{_households[^1]}/explain?year=2024"));
        Assert.Contains("Chưa xác định", html);
        Assert.Contains("Phiếu B chưa đủ thông tin", html);
        Assert.Contains("B10 Xe máy, B11 Tủ lạnh, B12 Điều hòa nhiệt độ", html);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database.ConnectionString["Data Source=".Length..]);
    }
}
