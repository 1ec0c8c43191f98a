using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Data.Units;
using Npgsql;

namespace GiamNgheo.Data.Tests;

/// Fresh databases with the real units loaded: the units are imported once per provider into a
/// template, then each test gets its own copy (SQLite: a file copy; PostgreSQL: CREATE DATABASE … TEMPLATE).
public static class TestDatabases
{
    /// The national standards as the app loads them.
    public static readonly PovertyStandards Standards = BundledStandards.Load();

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _sqliteTemplate;
    private static string? _postgresTemplate;

    public static async Task<DatabaseTarget> WithUnitsAsync(DatabaseKind kind)
    {
        await Gate.WaitAsync();
        try
        {
            return kind == DatabaseKind.Sqlite ? await SqliteCopyAsync() : await PostgresCopyAsync();
        }
        finally { Gate.Release(); }
    }

    private static async Task<DatabaseTarget> SqliteCopyAsync()
    {
        if (_sqliteTemplate is null)
        {
            var path = Path.Combine(Path.GetTempPath(), $"giamngheo-template-{Guid.NewGuid():N}.db");
            var template = DatabaseTarget.Parse(path);
            await template.Contexts().MigrateAsync();
            await using (var db = template.Db()) await UnitImport.RunAsync(db);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _sqliteTemplate = path;
        }
        var copy = Path.Combine(Path.GetTempPath(), $"giamngheo-test-{Guid.NewGuid():N}.db");
        File.Copy(_sqliteTemplate, copy);
        return DatabaseTarget.Parse(copy);
    }

    private static async Task<DatabaseTarget> PostgresCopyAsync()
    {
        var server = PostgresServer.ConnectionString;
        if (server is null)
        {
            Assert.Skip("GIAMNGHEO_TEST_PG is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");
        }
        if (_postgresTemplate is null)
        {
            var name = $"tmpl_{Guid.NewGuid():N}";
            await ExecAsync(server, $"CREATE DATABASE {name}");
            var template = DatabaseTarget.Parse(WithDatabase(server, name));
            await template.Contexts().MigrateAsync();
            await using (var db = template.Db()) await UnitImport.RunAsync(db);
            NpgsqlConnection.ClearAllPools();
            _postgresTemplate = name;
        }
        var copy = $"t_{Guid.NewGuid():N}";
        await ExecAsync(server, $"CREATE DATABASE {copy} TEMPLATE {_postgresTemplate}");
        return DatabaseTarget.Parse(WithDatabase(server, copy));
    }

    /// The data layer's services over a test database, built as the app's composition builds them.
    public static RegistryDbFactory Contexts(this DatabaseTarget target) => new(target);
    public static RegistryDb Db(this DatabaseTarget target) => target.Contexts().CreateDbContext();
    public static BatchClassification Batch(this DatabaseTarget target) => new(target.Contexts(), Standards);
    public static Reclassification Reclassify(this DatabaseTarget target) => new(target.Contexts(), target.Batch(), Standards);

    private static string WithDatabase(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    private static async Task ExecAsync(string server, string sql)
    {
        await using var c = new NpgsqlConnection(server);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }
}
