using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Data.Households;

namespace GiamNgheo.Data.Tests.Units;

public abstract class UnitTests(DatabaseKind kind)
{
    private static readonly DateOnly Before = new(2025, 6, 30);
    private static readonly DateOnly After = new(2025, 7, 1);

    [Fact]
    public async Task Import_LoadsBothTreesWithTheirOfficialCounts()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        async Task<int> Count(UnitLevel level, DateOnly date) => await db.Set<Unit>().On(date).CountAsync(u => u.Level == level);
        Assert.Equal(63, await Count(UnitLevel.Province, Before));
        Assert.Equal(705, await Count(UnitLevel.District, Before));
        Assert.Equal(10_597, await Count(UnitLevel.Commune, Before));
        Assert.Equal(34, await Count(UnitLevel.Province, After));
        Assert.Equal(0, await Count(UnitLevel.District, After));
        Assert.Equal(3_321, await Count(UnitLevel.Commune, After));
        Assert.Equal(54, await db.Set<EthnicGroupRow>().CountAsync());
    }

    [Fact]
    public async Task Import_RunTwice_ChangesNothing()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var lineage = await db.Set<UnitLineage>().CountAsync();
        var again = await UnitImport.RunAsync(db);
        Assert.Equal(new UnitImportResult(0, 0, 63 + 705 + 10_597 + 34 + 3_321, 0, 0), again);
        Assert.Equal(lineage, await db.Set<UnitLineage>().CountAsync());
    }

    [Fact]
    public async Task ByCode_IsDecidedByTheDate_Province24()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        Assert.Equal("Tỉnh Bắc Giang", (await UnitQueries.ByCodeAsync(db, "24", Before))!.Name);
        Assert.Equal("Tỉnh Bắc Ninh", (await UnitQueries.ByCodeAsync(db, "24", After))!.Name);
    }

    [Fact]
    public async Task Search_WithoutDiacritics_FindsLucNam()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var found = await UnitQueries.SearchAsync(db, "luc nam", Before);
        Assert.Contains(found, u => u.Name == "Huyện Lục Nam" && u.Code == "218");
    }

    [Fact]
    public async Task Children_OfLucNam_AreItsTwentyFiveCommunes()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var lucNam = await UnitQueries.ByCodeAsync(db, "218", Before);
        var communes = await UnitQueries.ChildrenAsync(db, lucNam!.Id, Before);
        Assert.Equal(25, communes.Count);
        Assert.Equal("07444", communes[0].Code);
        Assert.Equal(Area.Urban, communes.Single(c => c.Name == "Thị trấn Đồi Ngô").Area);
        Assert.Equal(Area.Rural, communes.Single(c => c.Code == "07516").Area);
    }

    [Fact]
    public async Task Lineage_LinksOldCommunesToNew_AndLeavesUnmappedOnesOut()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var vuXa = await UnitQueries.ByCodeAsync(db, "07516", Before);
        Assert.False(await db.Set<UnitLineage>().AnyAsync(l => l.OldUnitId == vuXa!.Id)); // unmapped in the data README
        var split = await UnitQueries.ByCodeAsync(db, "00007", Before); // Phường Cống Vị → Ngọc Hà; Giảng Võ
        var successors = await db.Set<UnitLineage>().Where(l => l.OldUnitId == split!.Id)
            .Join(db.Set<Unit>(), l => l.NewUnitId, u => u.Id, (l, u) => u.Code).OrderBy(c => c).ToListAsync();
        Assert.Equal(["00008", "00025"], successors);
    }

    /// The scope of a unit is written twice, in LINQ for the pages' queries and in SQL for the bulk reads: both must
    /// select the same communes, in the tree before 1 July 2025 (province → district → commune) and after it (no districts).
    [Theory]
    [InlineData("24", "2025-06-30", 209)]    // Tỉnh Bắc Giang: communes two levels down
    [InlineData("220", "2025-06-30", 17)]    // Huyện Sơn Động: communes one level down
    [InlineData("07444", "2025-06-30", 1)]   // a commune is its own scope
    [InlineData("24", "2025-07-01", 99)]     // Tỉnh Bắc Ninh after the merger: communes one level down
    public async Task TheScopeOfAUnit_IsTheSameInLinqAndInSql(string code, string date, int communes)
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var unit = (await UnitQueries.ByCodeAsync(db, code, DateOnly.Parse(date)))!;
        var linq = await UnitQueries.CommuneIdsUnder(db, unit.Id).OrderBy(id => id).ToListAsync();
        await db.Database.OpenConnectionAsync();
        await using var cmd = GiamNgheo.Data.Bulk.Sql.Command(db, $"SELECT id FROM units WHERE id IN {UnitQueries.CommunesUnderSql} ORDER BY id", ("@unit", unit.Id));
        var sql = new List<long>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) sql.Add(r.GetInt64(0));
        Assert.Equal(communes, linq.Count);
        Assert.Equal(linq, sql);
    }
}

public sealed class SqliteUnitTests() : UnitTests(DatabaseKind.Sqlite);
public sealed class PostgresUnitTests() : UnitTests(DatabaseKind.Postgres);
