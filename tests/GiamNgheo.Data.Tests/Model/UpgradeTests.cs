using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GiamNgheo.Data.Tests.Model;

/// A database made by the previous version upgrades in place: `db migrate` (or any command) adds the folded head name
/// and fills it for the households already there, so that a name search without diacritics finds them.
public abstract class UpgradeTests(DatabaseKind kind)
{
    private async Task<DatabaseTarget> EmptyAsync() => kind == DatabaseKind.Sqlite
        ? DatabaseTarget.Parse(Path.Combine(Path.GetTempPath(), $"giamngheo-upgrade-{Guid.NewGuid():N}.db"))
        : PostgresServer.ConnectionString is null
            ? throw new InvalidOperationException("GIAMNGHEO_TEST_PG is not set: run the tests with scripts/test.sh.")
            : DatabaseTarget.Parse(await PostgresServer.CreateDatabaseAsync());

    [Fact]
    public async Task ADatabaseOfThePreviousVersion_GetsTheFoldedHeadNames_WhenMigrated()
    {
        var target = await EmptyAsync();
        var contexts = new RegistryDbFactory(target);
        await using (var db = contexts.CreateDbContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            // The version before the folded names; the migrations after it (pending reclassifications) run too.
            var folded = migrations.FindIndex(m => m.EndsWith("_HeadNameFolded", StringComparison.Ordinal));
            Assert.True(folded > 0);
            await db.GetService<IMigrator>().MigrateAsync(migrations[folded - 1]);
            await UnitImport.RunAsync(db);
            var commune = await db.Set<Unit>().Where(u => u.Code == "07444" && u.ValidTo != null).Select(u => u.Id).SingleAsync();
            // What the previous version wrote: no folded name.
            await Bulk.Sql.ExecuteAsync(db, "INSERT INTO households (code, created_at) VALUES ('07444-00001', @now), ('07444-00002', @now)", default,
                ("@now", kind == DatabaseKind.Postgres ? DateTime.UtcNow : DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss")));
            await Bulk.Sql.ExecuteAsync(db, """
                INSERT INTO household_years (household_id, year, unit_id, hamlet, area, area_from_unit, member_count, head_name)
                SELECT id, 2024, @commune, 'Thôn 1', 1, @true, 1, CASE code WHEN '07444-00001' THEN 'Vũ Văn Khánh' ELSE 'Đặng Thị Ánh' END FROM households
                """, default, ("@commune", commune), ("@true", true));
        }

        await contexts.MigrateAsync();

        await using var after = contexts.CreateDbContext();
        Assert.Empty(await after.Database.GetPendingMigrationsAsync());
        Assert.Equal(["dang thi anh", "vu van khanh"],
            (await after.Set<HouseholdYear>().Select(y => y.HeadNameFolded).ToListAsync()).Order());
        var found = await HouseholdQueries.ListAsync(after, new HouseholdFilter(null, 2024, Text: "khanh"));
        Assert.Equal("Vũ Văn Khánh", Assert.Single(found.Rows).HeadName);
        // Migrating again changes nothing.
        await contexts.MigrateAsync();
        Assert.Equal(0, await FoldedHeadNames.BackfillAsync(after));
    }

    /// A fill cut off after the migration (the process stopped between two batches) is not searched for at every start,
    /// which would read the whole table each time; `db migrate` finishes it.
    [Fact]
    public async Task AnUnfinishedFill_IsFinishedByDbMigrate_AndNotSearchedForAtEveryStart()
    {
        var target = await EmptyAsync();
        var contexts = new RegistryDbFactory(target);
        await contexts.MigrateAsync();
        await using var db = contexts.CreateDbContext();
        await UnitImport.RunAsync(db);
        var commune = await db.Set<Unit>().Where(u => u.Code == "07444" && u.ValidTo != null).Select(u => u.Id).SingleAsync();
        await Bulk.Sql.ExecuteAsync(db, "INSERT INTO households (code, created_at) VALUES ('07444-00001', @now)", default,
            ("@now", kind == DatabaseKind.Postgres ? DateTime.UtcNow : DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss")));
        await Bulk.Sql.ExecuteAsync(db, """
            INSERT INTO household_years (household_id, year, unit_id, hamlet, area, area_from_unit, member_count, head_name)
            SELECT id, 2024, @commune, 'Thôn 1', 1, @true, 1, 'Vũ Văn Khánh' FROM households
            """, default, ("@commune", commune), ("@true", true));
        async Task<string?> Folded() => (await db.Set<HouseholdYear>().AsNoTracking().SingleAsync()).HeadNameFolded;

        await contexts.MigrateAsync();
        Assert.Null(await Folded());

        await contexts.MigrateAsync(finishFills: true);
        Assert.Equal("vu van khanh", await Folded());
    }
}

public sealed class SqliteUpgradeTests() : UpgradeTests(DatabaseKind.Sqlite);
public sealed class PostgresUpgradeTests() : UpgradeTests(DatabaseKind.Postgres);
