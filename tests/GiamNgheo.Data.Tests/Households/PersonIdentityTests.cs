using GiamNgheo.Data.Changes;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Households;
using Microsoft.EntityFrameworkCore;
using static GiamNgheo.Data.Tests.Households.Imports;
using static GiamNgheo.Data.Tests.Households.Sample;

namespace GiamNgheo.Data.Tests.Households;

/// Issue 8, point 1: person identity never damages another household. Each case states the rule it checks.
public abstract class PersonIdentityTests(DatabaseKind kind)
{
    private async Task<(DatabaseTarget Target, RegistryDb Db)> WithTwoHouseholdsAsync()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        var db = target.Db();
        Assert.True((await Import(db, Rows(Family("07444-00001"), Family("07444-00002", head: "Phạm Văn Em")))).Applied);
        return (target, db);
    }

    private static Task<long> AtPositionAsync(RegistryDb db, string household, int position) =>
        db.Set<Membership>().Where(m => m.Position == position && m.Year == 2024)
            .Join(db.Set<Household>().Where(h => h.Code == household), m => m.HouseholdId, h => h.Id, (m, h) => m.PersonId).SingleAsync();

    private static async Task<long> PersonIdAsync(RegistryDb db, string fullName) =>
        await db.Set<Person>().Where(p => EF.Property<string>(p, "FullName") == fullName).Select(p => p.Id).SingleAsync();

    /// A citizen ID of a person of another household in the same year, that household not in the file: an error naming
    /// both households, and the other household is not changed.
    [Fact]
    public async Task CitizenIdOfAMemberOfAnotherHouseholdTheSameYear_IsRefused_AndThatHouseholdIsUnchanged()
    {
        var (_, db) = await WithTwoHouseholdsAsync();
        await using var _ = db;
        var before = await Snapshot(db);
        var an = Family("07444-00001").Members[0];
        var em = Family("07444-00002", head: "Phạm Văn Em");
        var report = await Import(db, Rows(em with { Members = [.. em.Members, an with { Relation = Relation.Other }] }));

        Assert.False(report.Applied);
        var e = Assert.Single(report.Errors);
        Assert.Equal((5, "Họ và tên", "Nguyễn Văn An"), (e.Row, e.Column, e.Value));
        Assert.Contains("đang là thành viên hộ 07444-00001 năm 2024", e.Message);
        Assert.Contains("bỏ người này khỏi hộ 07444-00002", e.Message);
        Assert.Equal(before, await Snapshot(db));
    }

    /// The same person in the file of both households (she moved within the year): applied, she is in one household.
    [Fact]
    public async Task AMoveBetweenTwoHouseholdsOfTheFile_KeepsThePersonInOneHousehold()
    {
        var (_, db) = await WithTwoHouseholdsAsync();
        await using var _ = db;
        var binh = await PersonIdAsync(db, "Phạm Văn Em");
        var first = Family("07444-00001");
        var second = Family("07444-00002", head: "Phạm Văn Em");
        var dung = first.Members[1];   // Trần Thị Bình of 07444-00001 joins 07444-00002
        var report = await Import(db, Rows(first with { Members = [first.Members[0], first.Members[2]] },
            second with { Members = [second.Members[0], second.Members[2], dung with { Relation = Relation.Other }] }));

        Assert.True(report.Applied, string.Join("; ", report.Errors));
        Assert.Equal(binh, await PersonIdAsync(db, "Phạm Văn Em"));
    }

    /// A citizen ID that names a person of another household with another name or birth date: refused, not merged.
    [Theory]
    [InlineData("Nguyễn Văn Ánh", 5)]
    [InlineData("Nguyễn Văn An", 6)]
    public async Task CitizenIdOfAnotherHouseholdsPerson_WithOtherNameOrBirthDate_IsRefused(string name, int bornInMonth)
    {
        var (_, db) = await WithTwoHouseholdsAsync();
        await using var _ = db;
        var before = await Snapshot(db);
        var an = Family("07444-00001").Members[0];
        var newcomer = Person(name, 1980, Relation.Head, citizenId: an.CitizenId) with { DateOfBirth = new DateOnly(1980, bornInMonth, 20) };
        var report = await Import(db, Rows(new H("07444-00009", "07444", Facts(), newcomer)));

        Assert.False(report.Applied);
        var e = Assert.Single(report.Errors);
        Assert.Equal(("Số CCCD", an.CitizenId), (e.Column, e.Value));
        Assert.Contains("đã được ghi cho Nguyễn Văn An, sinh 20/05/1980, thuộc hộ 07444-00001", e.Message);
        Assert.Equal(before, await Snapshot(db));
    }

    /// Within the same household a citizen-ID match with another name is a correction: the same person, the change
    /// recorded with the old and the new value.
    [Fact]
    public async Task CitizenIdMatchInTheSameHousehold_WithAnotherName_IsACorrectionRecordedWithOldAndNew()
    {
        var (_, db) = await WithTwoHouseholdsAsync();
        await using var _ = db;
        var an = await PersonIdAsync(db, "Nguyễn Văn An");
        var family = Family("07444-00001");
        var report = await Import(db, Rows(family with { Members = [family.Members[0] with { FullName = "Nguyễn Văn Ân" }, .. family.Members[1..]] }));

        Assert.True(report.Applied, string.Join("; ", report.Errors));
        Assert.Equal(an, await PersonIdAsync(db, "Nguyễn Văn Ân"));
        var c = Assert.Single(report.Corrections);
        Assert.Equal("Hộ 07444-00001, dòng 2: Họ và tên: «Nguyễn Văn An» → «Nguyễn Văn Ân».", c.Description);
        Assert.Equal(c.Description, (await db.Set<ChangeRecord>().SingleAsync(r => r.Action == "people.correct")).Summary);
        Assert.Equal(6, await db.Set<Person>().CountAsync());
    }

    /// Without a citizen ID, the same birth date at the same place of the household keeps the person whose name is
    /// corrected: no new person, no orphaned record.
    [Fact]
    public async Task ANameCorrectedWithoutCitizenId_SameBirthDateAndPosition_KeepsThePerson()
    {
        var (_, db) = await WithTwoHouseholdsAsync();
        await using var _ = db;
        var binh = await AtPositionAsync(db, "07444-00001", 2);
        var family = Family("07444-00001");
        var report = await Import(db, Rows(family with { Members = [family.Members[0], family.Members[1] with { FullName = "Trần Thị Bính" }, family.Members[2]] }));

        Assert.True(report.Applied, string.Join("; ", report.Errors));
        Assert.Equal(binh, await AtPositionAsync(db, "07444-00001", 2));
        Assert.Equal("Trần Thị Bính", await db.Set<Person>().Where(p => p.Id == binh).Select(p => EF.Property<string>(p, "FullName")).SingleAsync());
        Assert.Equal(6, await db.Set<Person>().CountAsync());
        Assert.Contains("«Trần Thị Bình» → «Trần Thị Bính»", Assert.Single(report.Corrections).Description);
    }

    /// A file saved with decomposed diacritics (NFD) is read in NFC: it names the same people and changes nothing.
    [Fact]
    public async Task AFileInNfd_MatchesTheSamePeople()
    {
        var (_, db) = await WithTwoHouseholdsAsync();
        await using var _ = db;
        var before = await Snapshot(db);
        var rows = Rows(Family("07444-00001")).Select(r => r with { Cells = r.Cells.Select(c => c.Normalize(System.Text.NormalizationForm.FormD)).ToArray() }).ToList();
        Assert.NotEqual(Rows(Family("07444-00001"))[0].Cells, rows[0].Cells);

        var report = await Import(db, rows);
        Assert.True(report.Applied, string.Join("; ", report.Errors));
        Assert.Empty(report.Corrections);
        Assert.Equal(before, await Snapshot(db));
    }

    /// A citizen ID a person of the file takes while another person keeps it: refused (one ID, one person).
    [Fact]
    public async Task ACitizenIdAnotherPersonKeeps_IsRefused()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var first = Family("07444-00001");
        var second = Family("07444-00002", head: "Phạm Văn Em");
        var hoa = second.Members[1] with { FullName = "Lý Thị Hoa", CitizenId = "024183000777" };
        Assert.True((await Import(db, Rows(first, second with { Members = [second.Members[0], hoa, second.Members[2]] }))).Applied);
        var before = await Snapshot(db);

        var report = await Import(db, Rows(first with { Members = [first.Members[0], first.Members[1] with { CitizenId = hoa.CitizenId }, first.Members[2]] }));
        Assert.False(report.Applied);
        var e = Assert.Single(report.Errors);
        Assert.Equal((3, "Số CCCD", "024183000777"), (e.Row, e.Column, e.Value));
        Assert.Contains("đã thuộc về một người khác trong hệ thống (Lý Thị Hoa, sinh 20/05/1983)", e.Message);
        Assert.Equal(before, await Snapshot(db));
    }
}

public sealed class SqlitePersonIdentityTests() : PersonIdentityTests(DatabaseKind.Sqlite);
public sealed class PostgresPersonIdentityTests() : PersonIdentityTests(DatabaseKind.Postgres);

