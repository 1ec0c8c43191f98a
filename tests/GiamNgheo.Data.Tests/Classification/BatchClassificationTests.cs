using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;
using static GiamNgheo.Data.Tests.Households.Sample;

namespace GiamNgheo.Data.Tests.Classification;

public abstract class BatchClassificationTests(DatabaseKind kind)
{
    internal static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    internal static Task<ImportReport> Import(RegistryDb db, params H[] households) =>
        Households.Imports.Import(db, Rows(households));

    /// Three households of Thị trấn Đồi Ngô (urban line 2,000,000): poor, near-poor, not poor.
    internal static H[] ThreeHouseholds()
    {
        var poorFacts = Facts(income: 3 * 12 * 1_000_000) with { Water = WaterSource.Unprotected, Latrine = LatrineType.None, UsesTelecom = false };
        var poor = Family("07444-00001") with { Facts = poorFacts };
        var nearPoor = Family("07444-00002", head: "Lê Văn Dũng", income: 3 * 12 * 1_900_000);
        var comfortable = Family("07444-00003", head: "Phạm Văn Em", income: 3 * 12 * 9_000_000);
        return [poor, nearPoor, comfortable];
    }

    [Fact]
    public async Task Classify_CountsEachCategory_StoresResults_AndRewritesOnlyWhatChanged()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        Assert.True((await Import(db, ThreeHouseholds())).Applied);
        var lucNam = (await UnitQueries.ByCodeAsync(db, "218", new DateOnly(2024, 9, 1)))!;

        var first = await target.Batch().RunAsync(lucNam.Id, 2024, null, Now);
        Assert.Equal(("ND07-2021", 3, 3), (first.StandardId, first.Households, first.Changed));
        Assert.Equal(1, first.Counts[Category.Poor]);
        Assert.Equal(1, first.Counts[Category.NearPoor]);
        Assert.Equal(1, first.Counts[Category.NotPoor]);
        Assert.Equal(first.Households, first.Counts.Values.Sum());
        var stored = await db.Set<ClassificationResult>().AsNoTracking().OrderBy(r => r.HouseholdId).ToListAsync();
        Assert.Equal([(int)Category.Poor, (int)Category.NearPoor, (int)Category.NotPoor], stored.Select(r => r.Category));
        Assert.Equal("D07-09,D07-10,D07-11", stored[0].DeprivedIndicators);
        Assert.Equal(1_000_000, stored[0].IncomePerPersonMonth);

        Assert.Equal(0, (await target.Batch().RunAsync(lucNam.Id, 2024, null, Now)).Changed);

        // The near-poor household's income rises above the line: only its result is rewritten.
        var households = ThreeHouseholds();
        await Import(db, households[1] with { Facts = households[1].Facts with { Income12Months = 3 * 12 * 2_100_000 } });
        var third = await target.Batch().RunAsync(lucNam.Id, 2024, null, Now);
        Assert.Equal(1, third.Changed);
        Assert.Equal(1, third.Counts[Category.AverageLiving]);
    }

    [Fact]
    public async Task Snapshots_ReadBackEveryFactAsImported()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var households = ThreeHouseholds();
        // Nulls, false and the highest codes, so that each packed field is seen in all its states.
        households[2] = households[2] with
        {
            Facts = households[2].Facts with
            {
                Area = Area.Rural, Address = "Số 9", Phone = "0912345678", HousingAreaM2 = 37.5m, DurableWalls = null, DurableFrame = false,
                Water = null, Latrine = LatrineType.None, UsesTelecom = null, HasTv = false, HasRadio = true, HasComputer = null, LoudspeakerReach = true,
            },
            Members =
            [
                households[2].Members[0] with { Education = Education.University, Employment = Employment.NoWorkingCapacity, Disability = true, Meritorious = false },
                households[2].Members[1] with { Relation = Relation.Other, Education = Education.None, HealthInsurance = null, SocialProtection = true, InSchool = false },
                households[2].Members[2] with { Education = null, Employment = null, Malnourished = true, InSchool = true },
            ],
        };
        Assert.True((await Import(db, households)).Applied);
        var lucNam = (await UnitQueries.ByCodeAsync(db, "218", new DateOnly(2024, 9, 1)))!;

        var read = new List<HouseholdSnapshot>();
        await foreach (var h in HouseholdReads.ReadAsync(target.Contexts(), HouseholdSelection.Scope(lucNam.Id), 2024)) read.Add(h.Snapshot);

        Assert.Equal(households.Length, read.Count);
        for (var i = 0; i < households.Length; i++)
        {
            Assert.Equal(households[i].Facts, read[i].Facts);
            Assert.Equal(households[i].Members, read[i].Members);
        }
        Assert.Equal(Area.Urban, read[0].Area); // Thị trấn Đồi Ngô
    }

    [Fact]
    public async Task Classify_AMemberFactChange_RewritesThatHouseholdOnly_WithTheNewResult()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        await Import(db, ThreeHouseholds());
        var lucNam = (await UnitQueries.ByCodeAsync(db, "218", new DateOnly(2024, 9, 1)))!;
        await target.Batch().RunAsync(lucNam.Id, 2024, null, Now);
        var before = await db.Set<ClassificationResult>().AsNoTracking().OrderBy(r => r.HouseholdId).ToListAsync();

        // The poor household's child (age 14 on 1 September 2024) stops going to school: one more deprivation (D07-06),
        // the same category. Only a member's fact changed, so only the member read can carry it into the hash.
        var poor = ThreeHouseholds()[0];
        Assert.True((await Import(db, poor with { Members = [poor.Members[0], poor.Members[1], poor.Members[2] with { InSchool = false }] })).Applied);
        var later = Now.AddHours(1);
        var r = await target.Batch().RunAsync(lucNam.Id, 2024, null, later);
        Assert.Equal(1, r.Changed);
        Assert.Equal((1, 1, 1), (r.Counts[Category.Poor], r.Counts[Category.NearPoor], r.Counts[Category.NotPoor]));

        var after = await db.Set<ClassificationResult>().AsNoTracking().OrderBy(x => x.HouseholdId).ToListAsync();
        Assert.Equal("D07-06,D07-09,D07-10,D07-11", after[0].DeprivedIndicators);
        Assert.Equal(before[0].Deprivations + 1, after[0].Deprivations);
        Assert.NotEqual(before[0].InputsHash, after[0].InputsHash);
        // The other two were not rewritten: same hash and the old computed_at.
        Assert.Equal(before.Skip(1).Select(x => (x.InputsHash, x.ComputedAt)), after.Skip(1).Select(x => (x.InputsHash, x.ComputedAt)));
        Assert.NotEqual(before[0].ComputedAt, after[0].ComputedAt);
    }

    [Fact]
    public async Task Classify_UnderAnotherStandard_KeepsBothResults()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        await Import(db, ThreeHouseholds());
        var lucNam = (await UnitQueries.ByCodeAsync(db, "218", new DateOnly(2024, 9, 1)))!;
        await target.Batch().RunAsync(lucNam.Id, 2024, null, Now);

        // What if the 2027 lines (Decree 351/2025) applied to 2024's facts: the near-poor stays near-poor, nobody leaves.
        var r = await target.Batch().RunAsync(lucNam.Id, 2024, TestDatabases.Standards.ForYear(2027), Now);
        Assert.Equal(("ND351-2025", 3), (r.StandardId, r.Changed));
        Assert.Equal(6, await db.Set<ClassificationResult>().CountAsync());
    }
}

public sealed class SqliteBatchClassificationTests() : BatchClassificationTests(DatabaseKind.Sqlite);
public sealed class PostgresBatchClassificationTests() : BatchClassificationTests(DatabaseKind.Postgres);
