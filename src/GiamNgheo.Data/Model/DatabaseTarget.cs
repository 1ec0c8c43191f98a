using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

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

    /// Only <see cref="RegistryDbFactory"/> (and the design-time factories) build contexts, so that every context of
    /// the app carries the same interceptors.
    internal RegistryDb CreateContext(IReadOnlyList<IInterceptor> interceptors)
    {
        if (Kind == DatabaseKind.Postgres)
            return new PostgresRegistryDb(new DbContextOptionsBuilder<PostgresRegistryDb>().UseNpgsql(ConnectionString).AddInterceptors(interceptors).Options);
        return new SqliteRegistryDb(new DbContextOptionsBuilder<SqliteRegistryDb>().UseSqlite(ConnectionString).AddInterceptors(interceptors).Options);
    }

    public override string ToString() => Kind == DatabaseKind.Sqlite
        ? $"SQLite {new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource}"
        : $"PostgreSQL {new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ToString()}";
}
