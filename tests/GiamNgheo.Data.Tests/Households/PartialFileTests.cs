using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using Microsoft.EntityFrameworkCore;
using static GiamNgheo.Data.Tests.Households.Imports;
using static GiamNgheo.Data.Tests.Households.Sample;

namespace GiamNgheo.Data.Tests.Households;

/// Issue 8, point 2: a file changes only what it says. Absent columns keep what is stored; members left out of a household
/// are removed from it that year and listed by name, in the dry run too; a header-only file is refused.
public abstract class PartialFileTests(DatabaseKind kind)
{
    [Fact]
    public async Task AbsentColumns_KeepTheStoredValues_AndAreListed()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        Assert.True((await Import(db, Rows(Family("07444-00001", income: 24_000_000)))).Applied);
        var before = await Snapshot(db);

        // A file of hamlets only: no income, no citizen ID, no education column; one misspelt header.
        var changed = Family("07444-00001", income: 99_000_000);
        var (headers, rows) = Without(Rows(changed with { Facts = changed.Facts with { Hamlet = "Thôn Mới" } }),
            "Thu nhập 12 tháng (đồng)", "Số CCCD", "Trình độ học vấn", "Điện thoại");
        headers = [.. headers, "Dien thaoi"];
        rows = rows.Select(r => r with { Cells = [.. r.Cells, "0912345678"] }).ToList();
        var report = await Import(db, rows, headers: headers);

        Assert.True(report.Applied, string.Join("; ", report.Errors));
        Assert.Equal(["Điện thoại", "Thu nhập 12 tháng (đồng)", "Số CCCD", "Trình độ học vấn"], report.AbsentColumns);
        Assert.Equal(new UnknownHeader("Dien thaoi", "Điện thoại"), Assert.Single(report.UnknownHeaders));
        Assert.Equal(before.Replace("/Thôn Đồng Mạ/", "/Thôn Mới/"), await Snapshot(db));
        Assert.Equal(24_000_000, await db.Set<HouseholdYear>().Select(y => EF.Property<long?>(y, "Income12Months")).SingleAsync());
    }

    [Fact]
    public async Task MembersLeftOut_AreRemovedFromTheHouseholdThatYear_AndListedByName_InTheDryRunToo()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var family = Family("07444-00001");
        Assert.True((await Import(db, Rows(family))).Applied);
        var without = Rows(family with { Members = family.Members[..2] });

        var dry = await Import(db, without, dryRun: true);
        Assert.Equal(new MemberRemoval("07444-00001", "Nguyễn Văn Cường", new DateOnly(2010, 5, 20)), Assert.Single(dry.Removals));
        Assert.Equal(3, await db.Set<Membership>().CountAsync());

        var report = await Import(db, without);
        Assert.True(report.Applied);
        Assert.Equal((1, "Nguyễn Văn Cường"), (report.RemovalCount, report.Removals.Single().FullName));
        Assert.Equal(2, await db.Set<Membership>().CountAsync());
        Assert.Equal(3, await db.Set<Person>().CountAsync());   // her person record stays
    }

    [Fact]
    public async Task AHeaderOnlyFile_IsRefused()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var report = await Import(db, []);
        Assert.False(report.Applied);
        Assert.StartsWith("Tệp không có dòng dữ liệu", Assert.Single(report.Errors).Message);
    }
}

public sealed class SqlitePartialFileTests() : PartialFileTests(DatabaseKind.Sqlite);
public sealed class PostgresPartialFileTests() : PartialFileTests(DatabaseKind.Postgres);
