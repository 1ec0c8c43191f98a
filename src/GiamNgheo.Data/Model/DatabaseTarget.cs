using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Model;

/// Where the registry lives: a SQLite file (default data/giamngheo.db) or a PostgreSQL database.
/// `--db` / GIAMNGHEO_DB take a file path, `Data Source=…`, or a PostgreSQL string (`Host=…`).
public sealed record DatabaseTarget(DatabaseKind Kind, string ConnectionString)
{
    public const string DefaultPath = "data/giamngheo.db";
    public const string EnvironmentVariable = "GIAMNGHEO_DB";

    public static DatabaseTarget Resolve(string? option) =>
        Parse(option ?? Environment.GetEnvironmentVariable(EnvironmentVariable) ?? DefaultPath);

    public static DatabaseTarget Parse(string text)
    {
        var t = text.Trim();
        if (t.Contains("Host=", StringComparison.OrdinalIgnoreCase) || t.Contains("Server=", StringComparison.OrdinalIgnoreCase))
            return new(DatabaseKind.Postgres, t);
        if (t.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)) return new(DatabaseKind.Sqlite, t);
        return new(DatabaseKind.Sqlite, $"Data Source={t}");
    }

    /// The database a context is connected to, for work that opens its own connections (batch classification).
    public static DatabaseTarget Of(RegistryDb db) =>
        new(db.Kind, db.Database.GetConnectionString() ?? throw new InvalidOperationException("The context has no connection string."));

    public RegistryDb CreateContext()
    {
        if (Kind == DatabaseKind.Postgres)
        {
            var o = new DbContextOptionsBuilder<PostgresRegistryDb>().UseNpgsql(ConnectionString).Options;
            return new PostgresRegistryDb(o);
        }
        var s = new DbContextOptionsBuilder<SqliteRegistryDb>().UseSqlite(ConnectionString).Options;
        return new SqliteRegistryDb(s);
    }

    /// Creates the SQLite folder if needed and applies pending migrations.
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        if (Kind == DatabaseKind.Sqlite)
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        await using var db = CreateContext();
        await db.Database.MigrateAsync(ct);
    }

    public override string ToString() => Kind == DatabaseKind.Sqlite
        ? $"SQLite {new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource}"
        : $"PostgreSQL {new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ToString()}";
}
