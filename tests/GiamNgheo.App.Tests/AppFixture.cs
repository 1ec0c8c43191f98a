using GiamNgheo.Data.Demo;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using Microsoft.AspNetCore.Mvc.Testing;

[assembly: AssemblyFixture(typeof(GiamNgheo.App.Tests.AppFixture))]

namespace GiamNgheo.App.Tests;

/// The real app on a real port over a SQLite file with the real units and a small demo of Bắc Giang (2024).
public sealed class AppFixture : IAsyncLifetime
{
    public const int DemoYear = 2024;
    public DatabaseTarget Database { get; } = DatabaseTarget.Parse(Path.Combine(Path.GetTempPath(), $"giamngheo-app-{Guid.NewGuid():N}.db"));
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        await Database.MigrateAsync();
        await using (var db = Database.CreateContext())
        {
            await UnitImport.RunAsync(db);
            var report = await DemoSeed.ImportAsync(db, new DemoSpec("24", DemoYear, 1_500, 7), CancellationToken.None);
            if (!report.Applied) throw new InvalidOperationException("demo import failed: " + string.Join("; ", report.Errors.Take(5)));
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

    public RegistryDb CreateDb() => Database.CreateContext();

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
