using System.Data.Common;
using GiamNgheo.Data.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace GiamNgheo.Data.Bulk;

public enum ColumnType { Text, Int, Long, Bool, Double, Date, Timestamp }

public sealed record StagingColumn<T>(string Name, ColumnType Type, Func<T, object?> Value);

/// A temporary table filled row by row without EF: binary COPY on PostgreSQL, one reused prepared
/// INSERT inside the caller's transaction on SQLite. The column list is written once and serves both.
public abstract class StagingTable<T> : IAsyncDisposable
{
    protected StagingTable(string name, IReadOnlyList<StagingColumn<T>> columns) { Name = name; Columns = columns; }

    public string Name { get; }
    public IReadOnlyList<StagingColumn<T>> Columns { get; }

    public abstract ValueTask WriteAsync(T row, CancellationToken ct);
    /// Flushes; on PostgreSQL finishes the COPY (without it the rows are discarded).
    public abstract ValueTask CompleteAsync(CancellationToken ct);
    public abstract ValueTask DisposeAsync();

    public static async Task<StagingTable<T>> CreateAsync(RegistryDb db, string name, IReadOnlyList<StagingColumn<T>> columns, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var kind = db.Kind;
        var ddl = $"CREATE TEMP TABLE {name} (" + string.Join(", ", columns.Select(c => $"{c.Name} {SqlType(kind, c.Type)}")) + ")"
                  + (kind == DatabaseKind.Postgres ? " ON COMMIT DROP" : "");
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = $"DROP TABLE IF EXISTS {name}";
            await cmd.ExecuteNonQueryAsync(ct);
            cmd.CommandText = ddl;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return await IntoAsync(db, name, columns, ct);
    }

    /// The same writer into an existing table (the caller's transaction on SQLite): for rows known to be new, it saves
    /// the staging table's extra write and read.
    public static async Task<StagingTable<T>> IntoAsync(RegistryDb db, string name, IReadOnlyList<StagingColumn<T>> columns, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        return db.Kind == DatabaseKind.Postgres
            ? await PostgresStaging.StartAsync((NpgsqlConnection)connection, name, columns, ct)
            : SqliteStaging.Start((SqliteConnection)connection, db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction, name, columns);
    }

    private static string SqlType(DatabaseKind kind, ColumnType t) => (kind, t) switch
    {
        (_, ColumnType.Text) => "text",
        (DatabaseKind.Postgres, ColumnType.Int) => "integer",
        (DatabaseKind.Postgres, ColumnType.Long) => "bigint",
        (DatabaseKind.Postgres, ColumnType.Bool) => "boolean",
        (DatabaseKind.Postgres, ColumnType.Double) => "double precision",
        (DatabaseKind.Postgres, ColumnType.Date) => "date",
        (DatabaseKind.Postgres, ColumnType.Timestamp) => "timestamp with time zone",
        (_, ColumnType.Timestamp) => "text",
        (_, ColumnType.Double) => "real",
        (_, ColumnType.Date) => "text",
        _ => "integer",
    };

    private sealed class PostgresStaging : StagingTable<T>
    {
        private readonly NpgsqlBinaryImporter _importer;
        private PostgresStaging(string name, IReadOnlyList<StagingColumn<T>> columns, NpgsqlBinaryImporter importer) : base(name, columns) => _importer = importer;

        public static async Task<StagingTable<T>> StartAsync(NpgsqlConnection c, string name, IReadOnlyList<StagingColumn<T>> columns, CancellationToken ct)
        {
            var importer = await c.BeginBinaryImportAsync($"COPY {name} ({string.Join(", ", columns.Select(x => x.Name))}) FROM STDIN (FORMAT BINARY)", ct);
            importer.Timeout = TimeSpan.Zero; // a file of millions of rows streams as long as it takes
            return new PostgresStaging(name, columns, importer);
        }

        public override async ValueTask WriteAsync(T row, CancellationToken ct)
        {
            await _importer.StartRowAsync(ct);
            foreach (var c in Columns)
            {
                var v = c.Value(row);
                if (v is null) { await _importer.WriteNullAsync(ct); continue; }
                switch (c.Type)
                {
                    case ColumnType.Text: await _importer.WriteAsync((string)v, NpgsqlDbType.Text, ct); break;
                    case ColumnType.Int: await _importer.WriteAsync(Convert.ToInt32(v), NpgsqlDbType.Integer, ct); break;
                    case ColumnType.Long: await _importer.WriteAsync(Convert.ToInt64(v), NpgsqlDbType.Bigint, ct); break;
                    case ColumnType.Bool: await _importer.WriteAsync((bool)v, NpgsqlDbType.Boolean, ct); break;
                    case ColumnType.Double: await _importer.WriteAsync(Convert.ToDouble(v), NpgsqlDbType.Double, ct); break;
                    case ColumnType.Date: await _importer.WriteAsync((DateOnly)v, NpgsqlDbType.Date, ct); break;
                    case ColumnType.Timestamp: await _importer.WriteAsync((DateTime)v, NpgsqlDbType.TimestampTz, ct); break;
                }
            }
        }

        public override async ValueTask CompleteAsync(CancellationToken ct)
        {
            await _importer.CompleteAsync(ct);
            await _importer.CloseAsync(ct);
        }

        public override ValueTask DisposeAsync() => _importer.DisposeAsync();
    }

    private sealed class SqliteStaging : StagingTable<T>
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter[] _parameters;

        private SqliteStaging(string name, IReadOnlyList<StagingColumn<T>> columns, SqliteCommand insert, SqliteParameter[] parameters)
            : base(name, columns) { _insert = insert; _parameters = parameters; }

        public static StagingTable<T> Start(SqliteConnection c, SqliteTransaction? tx, string name, IReadOnlyList<StagingColumn<T>> columns)
        {
            var insert = c.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = $"INSERT INTO {name} ({string.Join(", ", columns.Select(x => x.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
            insert.Prepare();
            return new SqliteStaging(name, columns, insert, parameters);
        }

        public override async ValueTask WriteAsync(T row, CancellationToken ct)
        {
            for (var i = 0; i < Columns.Count; i++)
            {
                var v = Columns[i].Value(row);
                _parameters[i].Value = v switch
                {
                    null => DBNull.Value,
                    DateOnly d => d.ToString("yyyy-MM-dd"),
                    DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF"), // as EF Core writes it
                    bool b => b ? 1 : 0,
                    _ => v,
                };
            }
            await _insert.ExecuteNonQueryAsync(ct);
        }

        public override ValueTask CompleteAsync(CancellationToken ct) => ValueTask.CompletedTask;

        public override ValueTask DisposeAsync()
        {
            _insert.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

public static class Sql
{
    public static async Task<int> ExecuteAsync(RegistryDb db, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await db.Database.OpenConnectionAsync(ct); // a no-op when the caller's transaction holds it open
        await using var cmd = Command(db, sql, parameters);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// The rows of a query, each made into a value by <paramref name="row"/> (the bulk paths' small reads: errors,
    /// removals, ids). Opens the connection when the caller has not.
    public static async Task<List<T>> ListAsync<T>(RegistryDb db, string sql, Func<DbDataReader, T> row, CancellationToken ct,
        params (string Name, object? Value)[] parameters)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var cmd = Command(db, sql, parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await r.ReadAsync(ct)) list.Add(row(r));
        return list;
    }

    public static DbCommand Command(RegistryDb db, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = sql;
        // Bulk statements over millions of rows run as long as they need; the import is one transaction.
        cmd.CommandTimeout = 0;
        foreach (var (n, v) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = n;
            p.Value = v ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }
}
