using System.Text.Json;
using GiamNgheo.App.Features.Import;
using GiamNgheo.App.Features.Results;
using GiamNgheo.App.Tests.Web;
using GiamNgheo.Data.Model;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GiamNgheo.App.Tests.Cli;

/// Issue 8, point 7: the reclassification an import needs is recorded with its facts. A process killed between the
/// commit and the reclassification leaves the commune «đang tính lại» (never its stale figures) until the next start
/// of the server completes it.
public sealed class CrashSafeResultsTests
{
    /// SQLite (a file of the test's own) or a fresh database on the PostgreSQL server scripts/test.sh starts.
    private static async Task<CliRunner> CliOnAsync(DatabaseKind kind)
    {
        if (kind == DatabaseKind.Sqlite) return new CliRunner();
        var server = Environment.GetEnvironmentVariable("GIAMNGHEO_TEST_PG");
        if (string.IsNullOrEmpty(server)) Assert.Skip("GIAMNGHEO_TEST_PG is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");
        var name = $"t_{Guid.NewGuid():N}";
        await using (var c = new Npgsql.NpgsqlConnection(server))
        {
            await c.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", c);
            await create.ExecuteNonQueryAsync();
        }
        return new CliRunner { Database = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString };
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AProcessKilledAfterTheCommit_LeavesTheCommuneRecomputing_AndTheNextStartCompletesIt(DatabaseKind kind)
    {
        using var Cli = await CliOnAsync(kind);
        Assert.Equal(0, (await Cli.Run("units", "import")).Code);
        var file = Path.Combine(Cli.Dir, "ho.csv");
        await File.WriteAllLinesAsync(file, [string.Join(",", GiamNgheo.Files.Exchange.HouseholdFile.Columns.Select(c => c.Header)),
            PageClient.Row("07444-90001", "07444", "Nguyễn Văn An", "20/05/1980", "Chủ hộ", ("income12_months", "12000000")),
            PageClient.Row("07444-90002", "07444", "Lê Văn Bình", "20/05/1975", "Chủ hộ", ("income12_months", "240000000"))]);

        var start = new System.Diagnostics.ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "giamngheo.dll"), "households", "import", file, "--year", "2024", "--db", Cli.Db])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment[HouseholdExchange.FaultVariable] = "after-commit";
        using (var process = System.Diagnostics.Process.Start(start)!)
        {
            var err = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains("GIAMNGHEO_FAULT=after-commit", await err);
        }

        await using (var services = new ServiceCollection().AddLogging().AddGiamNgheo(DatabaseTarget.Parse(Cli.Db)).BuildServiceProvider())
        await using (var scope = services.CreateAsyncScope())
        {
            var results = (await scope.ServiceProvider.GetRequiredService<ClassificationResults>().ForUnitAsync("07444", 2024, null, CancellationToken.None)).Value!;
            Assert.Equal((2, true), (results.Total!.Households, results.Total.Recomputing));
        }

        // The next start of the server.
        await using var server = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Database", DatabaseTarget.Parse(Cli.Db).ConnectionString));
        using var http = server.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement total;
        do
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/results?unit=07444&year=2024", TestContext.Current.CancellationToken));
            total = doc.RootElement.GetProperty("total").Clone();
            if (!total.GetProperty("recomputing").GetBoolean()) break;
            await Task.Delay(200, TestContext.Current.CancellationToken);
        } while (DateTime.UtcNow < deadline);
        Assert.False(total.GetProperty("recomputing").GetBoolean(), "the server's start did not complete the pending reclassification");
        // Both households classified (the one with 240 million a year is not poor).
        var counts = total.GetProperty("counts");
        Assert.Equal((0, 2, 1), (total.GetProperty("unclassified").GetInt32(), counts.EnumerateObject().Sum(c => c.Value.GetInt32()),
            counts.GetProperty("NotPoor").GetInt32()));
    }
}
