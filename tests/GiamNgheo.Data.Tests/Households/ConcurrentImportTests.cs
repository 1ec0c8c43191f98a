using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using Microsoft.EntityFrameworkCore;
using static GiamNgheo.Data.Tests.Households.Imports;
using static GiamNgheo.Data.Tests.Households.Sample;

namespace GiamNgheo.Data.Tests.Households;

/// Issue 8, point 6: concurrent writers. Imports stage outside the write lock and hold it only for the merge; one that
/// waits too long is refused with a message and changes nothing.
public abstract class ConcurrentImportTests(DatabaseKind kind)
{
    [Fact]
    public async Task TwoImportsStartedTogether_BothFinish()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var first = target.Db();
        await using var second = target.Db();
        var files = new[]
        {
            Rows(Enumerable.Range(1, 40).Select(i => Family($"07444-{i:D5}")).ToArray()),
            Rows(Enumerable.Range(1, 40).Select(i => Family($"07450-{i:D5}", "07450", "Lê Văn Dũng")).ToArray()),
        };
        var reports = await Task.WhenAll(Import(first, files[0]), Import(second, files[1]));

        Assert.All(reports, r => Assert.True(r.Applied, string.Join("; ", r.Errors)));
        await using var db = target.Db();
        Assert.Equal((80, 240), (await db.Set<Household>().CountAsync(), await db.Set<Person>().CountAsync()));
    }

    [Fact]
    public async Task AnImportWhileAnotherWriterHoldsTheLock_IsRefusedWithAMessage_AndChangesNothing()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        Assert.True((await Import(db, Rows(Family("07444-00001")))).Applied);
        var before = await Snapshot(db);

        await using var other = target.Db();
        await other.Database.OpenConnectionAsync();
        await using var held = await other.Database.BeginTransactionAsync(); // SQLite: BEGIN IMMEDIATE, the write lock
        if (kind == DatabaseKind.Postgres) await other.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({HouseholdMerge.WriteLockKey})");

        var busy = await Assert.ThrowsAsync<RegistryBusyException>(() =>
            Import(db, Rows(Family("07444-00001", income: 90_000_000)), writeLockWait: TimeSpan.FromSeconds(1)));
        Assert.Equal("Đang có một lần nhập dữ liệu khác, vui lòng thử lại sau ít phút.", busy.Message);
        await held.RollbackAsync();
        Assert.Equal(before, await Snapshot(db));
    }
}

public sealed class SqliteConcurrentImportTests() : ConcurrentImportTests(DatabaseKind.Sqlite)
{
    /// Readers (pages, classification reads) never wait for a writer: the registry runs in write-ahead-log mode.
    [Fact]
    public async Task TheRegistryRunsInWriteAheadLogMode()
    {
        var target = await TestDatabases.WithUnitsAsync(DatabaseKind.Sqlite);
        await using var db = target.Db();
        await db.Database.OpenConnectionAsync();
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await cmd.ExecuteScalarAsync());
    }
}
public sealed class PostgresConcurrentImportTests() : ConcurrentImportTests(DatabaseKind.Postgres);
