using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using Npgsql;

namespace GiamNgheo.Data.Tests;

/// Fresh databases with the real units loaded: the units are imported once per provider into a
/// template, then each test gets its own copy (SQLite: a file copy; PostgreSQL: CREATE DATABASE … TEMPLATE).
public static class TestDatabases
{
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
            await template.MigrateAsync();
            await using (var db = template.CreateContext()) await UnitImport.RunAsync(db);
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
            await template.MigrateAsync();
            await using (var db = template.CreateContext()) await UnitImport.RunAsync(db);
            NpgsqlConnection.ClearAllPools();
            _postgresTemplate = name;
        }
        var copy = $"t_{Guid.NewGuid():N}";
        await ExecAsync(server, $"CREATE DATABASE {copy} TEMPLATE {_postgresTemplate}");
        return DatabaseTarget.Parse(WithDatabase(server, copy));
    }

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
