using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Households;
using Microsoft.EntityFrameworkCore;
using static GiamNgheo.Data.Tests.Households.Sample;
using static GiamNgheo.Data.Tests.Households.Imports;
using GiamNgheo.Files.Exchange;
using GiamNgheo.Data.Changes;
using GiamNgheo.Data.Units;

namespace GiamNgheo.Data.Tests.Households;

public abstract class HouseholdImportTests(DatabaseKind kind)
{
    [Fact]
    public async Task Import_GoodRows_WritesHouseholdsYearsPeopleAndMembers()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var report = await Import(db, Rows(Family("07444-00001"), Family("07444-00002", "07450", "Lê Văn Dũng")));

        Assert.True(report.Applied);
        Assert.Equal((2, 6, 0), (report.Households, report.Members, report.ErrorCount));
        var h = (await HouseholdQueries.ByIdAsync(target.Contexts(), db, (await HouseholdQueries.IdByCodeAsync(db, "07444-00002"))!.Value, 2024))!;
        Assert.Equal("07450", h.Commune.Code);
        Assert.Equal(["Lê Văn Dũng", "Trần Thị Bình", "Lê Văn Cường"], h.Members.Select(m => m.Facts.FullName));
        Assert.Equal(Facts(), h.Facts);
        Assert.Equal(1, await db.Set<ChangeRecord>().CountAsync(c => c.Action == "households.import"));
    }

    [Fact]
    public async Task Import_SameFileTwice_ChangesNothing()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var rows = Rows(Family("07444-00001"), Family("07444-00002"));
        await Import(db, rows);
        var before = await Snapshot(db);
        var again = await Import(db, rows);
        Assert.True(again.Applied);
        Assert.Equal(before, await Snapshot(db));
    }

    [Fact]
    public async Task Import_FileWithOneBadRow_ChangesNothingAndNamesTheRow()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        await Import(db, Rows(Family("07444-00001")));
        var before = await Snapshot(db);

        var rows = Rows(Family("07444-00001", income: 99_000_000), Family("07444-00002"));
        var cells = rows[4].Cells.ToArray();
        cells[HouseholdFile.IndexOf("date_of_birth")] = "31/02/1983";
        rows[4] = rows[4] with { Cells = cells };
        var report = await Import(db, rows);

        Assert.False(report.Applied);
        var e = Assert.Single(report.Errors);
        Assert.Equal((6, "Ngày sinh", "31/02/1983"), (e.Row, e.Column, e.Value));
        Assert.Equal(before, await Snapshot(db));
    }

    [Fact]
    public async Task Import_HouseholdSplitAcrossTheFile_IsRejected()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var a = Family("07444-00001");
        var report = await Import(db, Rows(a with { Members = a.Members[..1] }, Family("07444-00002"), a with { Members = a.Members[1..] }));
        Assert.False(report.Applied);
        Assert.Contains(report.Errors, e => e.Value == "07444-00001" && e.Message.Contains("đã có ở dòng 2"));
        Assert.Equal(0, await db.Set<Household>().CountAsync());
    }

    [Fact]
    public async Task Import_DryRun_WritesNothing()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var report = await Import(db, Rows(Family("07444-00001")), dryRun: true);
        Assert.Equal((false, 1, 3), (report.Applied, report.Households, report.Members));
        Assert.Equal(0, await db.Set<Household>().CountAsync());
        Assert.Equal(0, await db.Set<Person>().CountAsync());
    }

    [Fact]
    public async Task Import_AnotherYear_KeepsEarlierYearAndPersonIdentityAcrossThe2025Change()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        await Import(db, Rows(Family("07444-00001", income: 20_000_000)), 2024);
        var people2024 = await db.Set<Person>().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();

        // 1 July 2025: Thị trấn Đồi Ngô (07444) became part of a 2025 commune; the household keeps its code.
        var successor = await db.Set<UnitLineage>().Where(l => l.OldUnitId == db.Set<Unit>().Single(u => u.Code == "07444" && u.ValidTo != null).Id)
            .Join(db.Set<Unit>(), l => l.NewUnitId, u => u.Id, (l, u) => u.Code).FirstAsync();
        var report = await Import(db, Rows(Family("07444-00001", successor, income: 45_000_000)), 2025);
        Assert.True(report.Applied, string.Join("; ", report.Errors));

        var id = (await HouseholdQueries.IdByCodeAsync(db, "07444-00001"))!.Value;
        var y2024 = (await HouseholdQueries.ByIdAsync(target.Contexts(), db, id, 2024))!;
        var y2025 = (await HouseholdQueries.ByIdAsync(target.Contexts(), db, id, 2025))!;
        Assert.Equal((20_000_000m, "07444"), (y2024.Facts.Income12Months!.Value, y2024.Commune.Code));
        Assert.Equal((45_000_000m, successor), (y2025.Facts.Income12Months!.Value, y2025.Commune.Code));
        Assert.Equal([2024, 2025], y2025.Years);
        Assert.Equal(people2024, y2025.Members.Select(m => m.PersonId).Order());
    }

    [Fact]
    public async Task Import_SameCitizenIdOnTwoRows_IsRefusedNamingBoth()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var a = Family("07444-00001");
        var b = Family("07444-00002", head: "Phạm Văn Em");
        b = b with { Members = [b.Members[0] with { CitizenId = a.Members[0].CitizenId, FullName = "Phạm Văn Em" }, .. b.Members[1..]] };
        var report = await Import(db, Rows(a, b));

        Assert.False(report.Applied);
        var e = Assert.Single(report.Errors);
        Assert.Equal((5, "Số CCCD", a.Members[0].CitizenId), (e.Row, e.Column, e.Value));
        Assert.Contains("đã có ở dòng 2 (hộ 07444-00001)", e.Message);
        Assert.Equal(0, await db.Set<Person>().CountAsync());
    }

    [Fact]
    public async Task Import_NameAndBirthDateInTwoHouseholdsOfACommune_IsReportedAsLikelyDuplicate()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var report = await Import(db, Rows(Family("07444-00001"), Family("07444-00002", head: "Phạm Văn Em")));

        Assert.True(report.Applied);
        Assert.Contains(report.Duplicates, d => d.Kind == "Trùng họ tên và ngày sinh" && d.Description.Contains("Trần Thị Bình"));
        Assert.Equal(6, await db.Set<Person>().CountAsync());
    }

    /// A daughter leaves her parents' household to head her own. In a province's yearly file both households are there;
    /// she must stay the same person as when the new household is imported on its own, and no citizen ID may end up on
    /// two people.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ASplit_KeepsThePerson_WhetherTheHouseholdsComeInOneFileOrTwo(bool oneFile)
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var parents = Family("07444-00001");
        var daughter = Person("Nguyễn Thị Dung", 1998, Relation.Child, Sex.Female, citizenId: "024198000555");
        Assert.True((await Import(db, Rows(parents with { Members = [.. parents.Members, daughter] }), 2024)).Applied);
        var before = (await HouseholdQueries.ByIdAsync(target.Contexts(), db, (await HouseholdQueries.IdByCodeAsync(db, "07444-00001"))!.Value, 2024))!;
        var dung = before.Members.Single(m => m.Facts.FullName == "Nguyễn Thị Dung").PersonId;

        var stayed = parents;
        var split = new H("07444-00001-T2025", "07444", Facts(), daughter with { Relation = Relation.Head });
        if (oneFile) Assert.True((await Import(db, Rows(stayed, split), 2025)).Applied);
        else
        {
            Assert.True((await Import(db, Rows(stayed), 2025)).Applied);
            Assert.True((await Import(db, Rows(split), 2025)).Applied);
        }

        var newHousehold = (await HouseholdQueries.ByIdAsync(target.Contexts(), db, (await HouseholdQueries.IdByCodeAsync(db, "07444-00001-T2025"))!.Value, 2025))!;
        Assert.Equal(dung, Assert.Single(newHousehold.Members).PersonId);
        Assert.Equal(4, await db.Set<Person>().CountAsync());
        Assert.Empty(await db.Set<Person>().Where(p => EF.Property<string?>(p, "CitizenId") != null)
            .GroupBy(p => EF.Property<string?>(p, "CitizenId")).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync());
    }

    [Fact]
    public async Task UnknownCommuneForTheYear_IsAnError()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        // 07453 (Xã Đông Phú) is a 2024 code that no longer stands on 1 September 2025.
        var report = await Import(db, Rows(Family("07453-00001", "07453")), 2025);
        Assert.Contains(report.Errors, e => e.Column == "Mã xã" && e.Message.Contains("01/09/2025"));
    }

    [Fact]
    public async Task Export_ThenImport_ChangesNothing()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        await Import(db, Rows(Family("07444-00001"), Family("07444-00002", "07450")));
        var before = await Snapshot(db);
        var lucNam = (await Data.Units.UnitQueries.ByCodeAsync(db, "218", new DateOnly(2024, 9, 1)))!;
        var exported = new List<RawRow>();
        await foreach (var cells in HouseholdExport.RowsAsync(target.Contexts(), lucNam.Id, 2024)) exported.Add(new RawRow(exported.Count + 2, cells));

        Assert.Equal(6, exported.Count);
        Assert.True((await Import(db, exported)).Applied);
        Assert.Equal(before, await Snapshot(db));
    }
}

public sealed class SqliteHouseholdImportTests() : HouseholdImportTests(DatabaseKind.Sqlite);
public sealed class PostgresHouseholdImportTests() : HouseholdImportTests(DatabaseKind.Postgres);
