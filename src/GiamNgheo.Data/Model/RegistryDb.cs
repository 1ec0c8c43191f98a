using GiamNgheo.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GiamNgheo.Data.Model;

/// One model for both databases; each provider has its own subclass so each keeps its own migrations. The entities
/// and their configurations live in their features' folders (one IEntityTypeConfiguration each); a feature reads its
/// tables with Set&lt;T&gt;(), so a new entity edits nothing here.
public abstract class RegistryDb(DbContextOptions options) : DbContext(options)
{
    public abstract DatabaseKind Kind { get; }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.ApplyConfigurationsFromAssembly(typeof(RegistryDb).Assembly);

        // snake_case names, so the hand-written bulk and report SQL reads naturally on both databases.
        foreach (var entity in b.Model.GetEntityTypes())
        {
            entity.SetTableName(SnakeCase.Of(entity.GetTableName()!));
            foreach (var p in entity.GetProperties()) p.SetColumnName(SnakeCase.Of(p.Name));
            foreach (var k in entity.GetKeys()) k.SetName(SnakeCase.Of(k.GetName()!));
            foreach (var fk in entity.GetForeignKeys()) fk.SetConstraintName(SnakeCase.Of(fk.GetConstraintName()!));
            foreach (var ix in entity.GetIndexes()) ix.SetDatabaseName(SnakeCase.Of(ix.GetDatabaseName()!));
        }
    }
}

public enum DatabaseKind { Sqlite, Postgres }

public sealed class SqliteRegistryDb(DbContextOptions<SqliteRegistryDb> options) : RegistryDb(options)
{
    public override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class PostgresRegistryDb(DbContextOptions<PostgresRegistryDb> options) : RegistryDb(options)
{
    public override DatabaseKind Kind => DatabaseKind.Postgres;
}

public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteRegistryDb>
{
    public SqliteRegistryDb CreateDbContext(string[] args) => (SqliteRegistryDb)DatabaseTarget.Parse("Data Source=design.db").CreateContext([]);
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresRegistryDb>
{
    public PostgresRegistryDb CreateDbContext(string[] args) => (PostgresRegistryDb)DatabaseTarget.Parse("Host=localhost;Database=design").CreateContext([]);
}
