using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Standards;
using Microsoft.EntityFrameworkCore;
using static GiamNgheo.Data.Tests.Classification.BatchClassificationTests;
using static GiamNgheo.Data.Tests.Households.Sample;
using GiamNgheo.Data.Changes;

namespace GiamNgheo.Data.Tests.Classification;

/// Stored results follow the facts (every writer reclassifies what it wrote), a province's local standard stands
/// beside the national one, and the results read back by unit.
public abstract class ReclassificationTests(DatabaseKind kind)
{
    private static readonly DateOnly ReviewDate2024 = new(2024, 9, 1);

    /// Decree 07's standard as a province's higher one (lines raised), the way a planner writes the file.
    private static string LocalJson(decimal rural, decimal urban, string id = "BG-CAO-2024") =>
        GiamNgheo.Files.Json.StandardFile.Write(TestDatabases.Standards.ForYear(2024) with
        {
            Id = id, Name = "Chuẩn của tỉnh (thử)", Scope = "local", FromYear = 2022, ToYear = 2025, PovertyLine = new IncomeLine(rural, urban),
        });

    [Fact]
    public async Task AnImport_StoresResults_ForWhatItWrote_AndAnEdit_RewritesOnlyThatHousehold()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var import = await Import(db, ThreeHouseholds());
        Assert.Single(import.CommuneIds);

        var reports = await target.Reclassify().CommunesAsync(2024, (import).CommuneIds, Now);
        Assert.Equal(("ND07-2021", 3, 3), (reports.Single().StandardId, reports.Single().Households, reports.Single().Changed));
        Assert.Equal([(int)Category.Poor, (int)Category.NearPoor, (int)Category.NotPoor],
            await db.Set<ClassificationResult>().OrderBy(r => r.HouseholdId).Select(r => r.Category).ToListAsync());

        // The near-poor household's child leaves school (the household alone is written again, as a form writes it): its
        // stored result changes, the others are not rewritten.
        var later = Now.AddHours(1);
        var nearPoor = ThreeHouseholds()[1];
        var edited = nearPoor with { Members = [.. nearPoor.Members.Select(m => m.Relation == Domain.Households.Relation.Child ? m with { InSchool = false } : m)] };
        var again = await Households.Imports.Import(db, Rows(edited), at: later, fileName: "biểu mẫu");
        await target.Reclassify().CommunesAsync(2024, again.CommuneIds, later);

        var stored = await db.Set<ClassificationResult>().AsNoTracking().OrderBy(r => r.HouseholdId).ToListAsync();
        Assert.Equal([Now, later, Now], stored.Select(r => DateTime.SpecifyKind(r.ComputedAt, DateTimeKind.Utc)));
        Assert.Contains("D07-06", stored[1].DeprivedIndicators.Split(','));
    }

    [Fact]
    public async Task ALocalStandard_IsStoredOnce_AndClassifiesOnlyItsProvince()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        // Thị trấn Đồi Ngô (Bắc Giang, urban) and Phường Trúc Bạch (Hà Nội).
        var hanoi = Family("00004-00001", commune: "00004", head: "Đỗ Văn Giang", income: 3 * 12 * 2_200_000);
        await target.Reclassify().CommunesAsync(2024, (await Import(db, [.. ThreeHouseholds(), hanoi])).CommuneIds, Now);

        var added = await LocalStandards.AddAsync(db, TestDatabases.Standards, LocalJson(1_800_000, 2_400_000), "24", "test", Now);
        Assert.Empty(added.Problems);
        Assert.Equal(("BG-CAO-2024", "Tỉnh Bắc Giang", true), (added.Saved!.Id, added.Saved.Province.Name, added.Changed));
        Assert.False((await LocalStandards.AddAsync(db, TestDatabases.Standards, LocalJson(1_800_000, 2_400_000), "24", "test", Now)).Changed);

        var bacGiang = (await UnitQueries.ByCodeAsync(db, "24", ReviewDate2024))!;
        var reports = await target.Reclassify().RunAsync(bacGiang.Id, 2024, Now);
        Assert.Equal(["ND07-2021", "BG-CAO-2024"], reports.Select(r => r.StandardId));
        Assert.Equal((3, 3), (reports[1].Households, reports[1].Changed));
        var hanoiReports = await target.Reclassify().RunAsync((await UnitQueries.ByCodeAsync(db, "01", ReviewDate2024))!.Id, 2024, Now);
        Assert.Equal(["ND07-2021"], hanoiReports.Select(r => r.StandardId));

        // The near-poor household (1,900,000 a month, urban) is under both the national 2,000,000 and the province's 2,400,000;
        // the Hà Nội household has no result under Bắc Giang's standard.
        var local = await db.Set<ClassificationResult>().Where(r => r.StandardId == "BG-CAO-2024").CountAsync();
        Assert.Equal(3, local);
        var explanation = (await HouseholdClassification.ExplainAsync(target.Contexts(), db, TestDatabases.Standards, (await HouseholdQueries.IdByCodeAsync(db, "07444-00002"))!.Value, 2024))!;
        Assert.Equal(("BG-CAO-2024", Category.NearPoor, 2_400_000m), (explanation.Local.Single().Standard.Id, explanation.Local.Single().Result.Category, explanation.Local.Single().Result.PovertyLine));
        Assert.Empty((await HouseholdClassification.ExplainAsync(target.Contexts(), db, TestDatabases.Standards, (await HouseholdQueries.IdByCodeAsync(db, "00004-00001"))!.Value, 2024))!.Local);
    }

    [Theory]
    [InlineData(1_400_000, 2_400_000, "24", "nông thôn 1.400.000 đồng thấp hơn chuẩn quốc gia 1.500.000 đồng")]
    [InlineData(1_800_000, 2_400_000, "99", "Không có tỉnh mã 99")]
    public async Task ALocalStandard_WithAProblem_IsRefused_AndNothingIsStored(decimal rural, decimal urban, string province, string expected)
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var r = await LocalStandards.AddAsync(db, TestDatabases.Standards, LocalJson(rural, urban), province, "test", Now);
        Assert.Null(r.Saved);
        Assert.Contains(r.Problems, p => p.Contains(expected));
        Assert.Equal(0, await db.Set<LocalStandard>().CountAsync());
        Assert.Equal(0, await db.Set<ChangeRecord>().CountAsync());
    }

    [Fact]
    public async Task Results_AreCountedByChildUnit_AndHouseholdsWithoutAResultAreShownAsUnclassified()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        await Import(db, ThreeHouseholds());
        var lucNam = (await UnitQueries.ByCodeAsync(db, "218", ReviewDate2024))!;

        var (before, _) = await ResultQueries.ByChildAsync(db, lucNam, 2024, "ND07-2021");
        Assert.Equal((3, 3), (before.Households, before.Unclassified));

        await target.Reclassify().RunAsync(lucNam.Id, 2024, Now);
        var (total, children) = await ResultQueries.ByChildAsync(db, lucNam, 2024, "ND07-2021");
        Assert.Equal((3, 0, 1, 1, 1), (total.Households, total.Unclassified, total.Count(Category.Poor), total.Count(Category.NearPoor), total.Count(Category.NotPoor)));
        var doiNgo = children.Single(c => c.Households > 0);
        Assert.Equal(("07444", 3, 1m / 3), (doiNgo.Unit.Code, doiNgo.Households, doiNgo.Rate(Category.Poor)));
        Assert.Equal(children.Count - 1, children.Count(c => c.Households == 0));

        var province = (await UnitQueries.ByCodeAsync(db, "24", ReviewDate2024))!;
        var (provinceTotal, districts) = await ResultQueries.ByChildAsync(db, province, 2024, "ND07-2021");
        Assert.Equal((3, "218"), (provinceTotal.Households, districts.Single(d => d.Households > 0).Unit.Code));
    }
}

public sealed class SqliteReclassificationTests() : ReclassificationTests(DatabaseKind.Sqlite);
public sealed class PostgresReclassificationTests() : ReclassificationTests(DatabaseKind.Postgres);
