using GiamNgheo.App.Features;
using GiamNgheo.App.Features.Demo;
using GiamNgheo.App.Features.Units;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using Microsoft.AspNetCore.Mvc.Testing;

[assembly: AssemblyFixture(typeof(GiamNgheo.App.Tests.AppFixture))]

namespace GiamNgheo.App.Tests;

/// The real app on a real port over a SQLite file with the real units and a small demo of Bắc Giang (2024).
public sealed class AppFixture : IAsyncLifetime
{
    public const int DemoYear = 2024;
    /// The review date of the demo year (1 September): the date lookups by code take.
    public static readonly DateOnly DemoReviewDate = GiamNgheo.Domain.Units.UnitEras.ReviewDate(DemoYear);
    public DatabaseTarget Database { get; } = DatabaseTarget.Parse(Path.Combine(Path.GetTempPath(), $"giamngheo-app-{Guid.NewGuid():N}.db"));
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    /// The app's services over the same database, as the command line builds them.
    public ServiceProvider Services { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await new RegistryDbFactory(Database).MigrateAsync();
        Services = new ServiceCollection().AddLogging().AddGiamNgheo(Database).BuildServiceProvider();
        await using (var scope = Services.CreateAsyncScope())
        {
            var actor = new Actor("test");
            await scope.ServiceProvider.GetRequiredService<UnitDirectory>().ImportReferenceAsync(actor, CancellationToken.None);
            var report = await scope.ServiceProvider.GetRequiredService<DemoProvinceSeed>().ImportAsync(new DemoSpec("24", DemoYear, 1_500, 7), actor, CancellationToken.None);
            if (report.Value is not { Report.Applied: true })
                throw new InvalidOperationException("demo import failed: " + (report.Failure?.Message ?? string.Join("; ", report.Value!.Report.Errors.Take(5))));
        }
        // A free port for both the factory's Kestrel and the app's own default (http://localhost:5000), so that
        // two test runs on one machine do not collide.
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Database", Database.ConnectionString)
            .UseSetting("urls", "http://127.0.0.1:0"));
        Factory.UseKestrel(0);
        Factory.StartServer();
        BaseUrl = Factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    public RegistryDb CreateDb() => new RegistryDbFactory(Database).CreateDbContext();

    /// A household's year as the registry reads it (the field list's read, as the pages and the API show it).
    public async Task<HouseholdYearView?> HouseholdAsync(string code, int year)
    {
        var contexts = new RegistryDbFactory(Database);
        await using var db = contexts.CreateDbContext();
        return await HouseholdQueries.IdByCodeAsync(db, code) is { } id ? await HouseholdQueries.ByIdAsync(contexts, db, id, year) : null;
    }

    /// Imports CSV rows of the exchange file (PageClient.Row) through the app's import, as an officer's file would.
    public async Task<GiamNgheo.App.Features.Import.ImportOutcome> ImportAsync(int year, params string[] rows)
    {
        var csv = string.Join("\n", [string.Join(",", GiamNgheo.Files.Exchange.HouseholdFile.Columns.Select(c => c.Header)), .. rows]);
        var (scope, exchange) = UseCase<GiamNgheo.App.Features.Import.HouseholdExchange>();
        await using (scope)
        {
            var outcome = await exchange.ImportFileAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "test.csv", year, false, new Actor("test"), CancellationToken.None);
            if (outcome.Value is not { Report.Applied: true } r)
                throw new InvalidOperationException("import failed: " + (outcome.Failure?.Message ?? string.Join("; ", outcome.Value!.Report.Errors.Take(5))));
            // The registry's invariants after every import the tests make.
            await using var db = CreateDb();
            Assert.Empty(await RegistryInvariants.BrokenAsync(db, null, null));
            return r;
        }
    }

    /// A use case of the app, in a scope of its own (dispose the scope after use).
    public (AsyncServiceScope Scope, T UseCase) UseCase<T>() where T : notnull
    {
        var scope = Services.CreateAsyncScope();
        return (scope, scope.ServiceProvider.GetRequiredService<T>());
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Services.DisposeAsync();
    }
}
