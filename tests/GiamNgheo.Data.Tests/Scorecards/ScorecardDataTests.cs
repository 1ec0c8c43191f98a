using System.Text.Json.Nodes;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Scorecards;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;
using static GiamNgheo.Data.Tests.Households.Sample;
using GiamNgheo.Files.Exchange;
using GiamNgheo.Data.Changes;

namespace GiamNgheo.Data.Tests.Scorecards;

public abstract class ScorecardDataTests(DatabaseKind kind)
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
    private static readonly string[] AnswerHeaders = ["Mã hộ", "Năm", "Mã đặc điểm", "Mã lựa chọn"];

    public static string ExampleJson()
    {
        using var r = new StreamReader(ReferenceData.Open("scorecards/example-2022.json"));
        return r.ReadToEnd();
    }

    /// Thị trấn Đồi Ngô (urban), 3 people in 40 m², walls and frame durable, drilled well, septic latrine, TV and an
    /// internet phone, head with lower secondary school: 18 + 5 + 5 + 3 + 6 + 3 + 0 + 4 + 3 = 47 points before assets.
    /// It declares 9,000,000 đồng per person per month: not poor on the income entered.
    private static H Household(string code = "07444-00001") => Family(code, income: 3 * 12 * 9_000_000L) is var h
        ? h with { Facts = h.Facts with { HasTv = true, HasComputer = false } }
        : throw new InvalidOperationException();

    private static List<RawRow> AnswerRows(params string[][] rows) => rows.Select((r, i) => new RawRow(i + 2, r)).ToList();

    private async Task<(DatabaseTarget Target, RegistryDb Db, long Scope)> SetUpAsync()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        var db = target.Db();
        Assert.True((await Households.Imports.Import(db, Rows(Household()))).Applied);
        var lucNam = (await UnitQueries.ByCodeAsync(db, "218", new DateOnly(2024, 9, 1)))!;
        return (target, db, lucNam.Id);
    }

    [Fact]
    public async Task Load_StoresAVersionOnce_AndRefusesABadFile()
    {
        var (_, db, _) = await SetUpAsync();
        await using var _db = db;
        var first = await ScorecardStore.LoadAsync(db, ExampleJson(), "example-2022.json", "test", Now);
        Assert.Equal(LoadOutcome.Loaded, first.Outcome);
        Assert.Equal(LoadOutcome.AlreadyLoaded, (await ScorecardStore.LoadAsync(db, ExampleJson(), "example-2022.json", "test", Now.AddHours(1))).Outcome);

        // The same version with other points is refused: a corrected card is a new version.
        var changed = JsonNode.Parse(ExampleJson())!;
        changed["characteristics"]![0]!["options"]![0]!["points"]!["urban"] = 31;
        var refused = await ScorecardStore.LoadAsync(db, changed.ToJsonString(), "sua.json", "test", Now);
        Assert.Equal((LoadOutcome.Refused, "version"), (refused.Outcome, Assert.Single(refused.Errors).Field));

        var bad = JsonNode.Parse(ExampleJson())!;
        bad["version"] = "2";
        bad["characteristics"]![1]!["function"] = "dien_tich";
        var badReport = await ScorecardStore.LoadAsync(db, bad.ToJsonString(), "bad.json", "test", Now);
        Assert.Equal(LoadOutcome.Refused, badReport.Outcome);
        Assert.Equal("characteristics[1].function", Assert.Single(badReport.Errors).Field);

        // With the new points under a new version, both are kept and the later one applies.
        changed["version"] = "2022.2-mau";
        Assert.Equal(LoadOutcome.Loaded, (await ScorecardStore.LoadAsync(db, changed.ToJsonString(), "sua.json", "test", Now.AddDays(1))).Outcome);
        var list = await ScorecardStore.ListAsync(db);
        Assert.Equal(["2022.1-mau", "2022.2-mau"], list.Select(s => s.Version));
        Assert.Equal("2022.2-mau", (await ScorecardStore.ForYearAsync(db, 2024))!.Version);
        Assert.Null(await ScorecardStore.ForYearAsync(db, 2027));
        Assert.Equal(2, await db.Set<ChangeRecord>().CountAsync(c => c.Action == "scorecard.load"));
    }

    [Fact]
    public async Task GsoRegion_OfEveryCommune_InBothTrees()
    {
        var (_, db, _) = await SetUpAsync();
        await using var _db = db;
        var regions = await ScorecardStore.GsoRegionByCommuneAsync(db, null, default);
        Assert.Equal(await db.Set<Unit>().CountAsync(u => u.Level == UnitLevel.Commune), regions.Count);
        var doiNgo = (await UnitQueries.ByCodeAsync(db, "07444", new DateOnly(2024, 9, 1)))!;
        var bacLieu = (await UnitQueries.ByCodeAsync(db, "31825", new DateOnly(2025, 9, 1)))!;
        Assert.Equal((1, 6), (regions[doiNgo.Id], regions[bacLieu.Id]));
    }

    [Fact]
    public async Task Classify_UsesTheEnteredIncome_UntilACardIsLoaded_ThenTheScore()
    {
        var (target, db, scope) = await SetUpAsync();
        await using var _db = db;
        Assert.Equal(1, (await target.Batch().RunAsync(scope, 2024, null, Now)).Counts[Category.NotPoor]);
        var entered = await db.Set<ClassificationResult>().AsNoTracking().SingleAsync();
        Assert.Equal(("entered", (int?)null, 9_000_000L), (entered.IncomeSource, entered.ProxyScore, entered.IncomePerPersonMonth));

        await ScorecardStore.LoadAsync(db, ExampleJson(), "example-2022.json", "test", Now);
        // Loaded but not answered: the score is incomplete, so the household cannot be classified yet.
        var incomplete = await target.Batch().RunAsync(scope, 2024, null, Now);
        Assert.Equal((1, 1), (incomplete.Changed, incomplete.Counts[Category.Undetermined]));

        var import = await ScorecardAnswersImport.RunAsync(db, AnswerHeaders,
            AnswerRows(["07444-00001", "2024", "B10", "0"], ["07444-00001", "2024", "B11", "0"], ["07444-00001", "2024", "b12", "0"]), "tra-loi.csv", false, "test", Now);
        Assert.Equal((true, 3, 1), (import.Applied, import.Rows, import.Households));

        // 47 points, urban: 700,000 + 1,300,000 × 47/50 = 1,922,000 ≤ 2,000,000 with fewer than 3 deprivations → near-poor.
        var scored = await target.Batch().RunAsync(scope, 2024, null, Now);
        Assert.Equal((1, 1), (scored.Changed, scored.Counts[Category.NearPoor]));
        var stored = await db.Set<ClassificationResult>().AsNoTracking().SingleAsync();
        Assert.Equal(("scorecard:PHIEU-B-MAU@2022.1-mau", (int?)47, 1_922_000L, (int)Category.NearPoor),
            (stored.IncomeSource, stored.ProxyScore, stored.IncomePerPersonMonth, stored.Category));
        Assert.Equal(0, (await target.Batch().RunAsync(scope, 2024, null, Now)).Changed);

        // One motorbike more (urban: 5 points) → 52 points → 2,133,333 > 2,000,000: average living standard.
        await ScorecardAnswersImport.RunAsync(db, AnswerHeaders, AnswerRows(["07444-00001", "2024", "B10", "1"]), "tra-loi-2.csv", false, "test", Now);
        var again = await target.Batch().RunAsync(scope, 2024, null, Now);
        Assert.Equal((1, 1), (again.Changed, again.Counts[Category.AverageLiving]));

        var id = (await db.Set<Household>().SingleAsync()).Id;
        var explanation = (await HouseholdClassification.ExplainAsync(target.Contexts(), db, TestDatabases.Standards, id, 2024))!;
        Assert.Equal(52, explanation.Result.Proxy!.Total);
        Assert.Equal("urban", explanation.Result.Proxy.Region.Code);
        Assert.Equal(5, explanation.Result.Proxy.Items.Single(i => i.Characteristic.Code == "B10").Points);
        Assert.StartsWith("Thu nhập ước tính theo Phiếu B: 52 điểm → 2.133.333 đồng/người/tháng", explanation.Result.Reason);
    }

    [Fact]
    public async Task AnswersImport_RefusesTheWholeFile_NamingRowColumnValueAndRule()
    {
        var (_, db, _) = await SetUpAsync();
        await using var _db = db;
        await ScorecardStore.LoadAsync(db, ExampleJson(), "example-2022.json", "test", Now);
        // Headers in another order, without diacritics.
        string[] headers = ["ma lua chon", "MA HO", "nam", "Ma dac diem"];
        var report = await ScorecardAnswersImport.RunAsync(db, headers, AnswerRows(
            ["1", "07444-00001", "2024", "B10"],      // good
            ["0", "07444-99999", "2024", "B11"],      // unknown household
            ["1", "07444-00001", "2024", "B01"],      // computed from the facts
            ["7", "07444-00001", "2024", "B12"],      // no such option
            ["2", "07444-00001", "2024", "B10"],      // same answer twice
            ["0", "07444-00001", "2030", "B11"],      // no card for 2030
            ["0", "07444-00001", "2024", "B99"]),     // no such characteristic
            "tra-loi.csv", false, "test", Now);
        Assert.False(report.Applied);
        Assert.Equal(
            [(3, "Mã hộ", "07444-99999"), (4, "Mã đặc điểm", "B01"), (5, "Mã lựa chọn", "7"), (6, "Mã đặc điểm", "B10"), (7, "Năm", "2030"), (8, "Mã đặc điểm", "B99")],
            report.Errors.Select(e => (e.Row, e.Column, e.Value)));
        Assert.Contains("Trùng với dòng 2", report.Errors[3].Message);
        Assert.Contains("các mã: 0 (Không có), 1 (Có)", report.Errors[2].Message);
        Assert.Equal(0, await db.Set<ScorecardAnswer>().CountAsync());

        var missingColumn = await ScorecardAnswersImport.RunAsync(db, ["Mã hộ", "Năm", "Mã đặc điểm"], AnswerRows(["07444-00001", "2024", "B10"]), "x.csv", false, "test", Now);
        Assert.Equal(("Mã lựa chọn", 1), (Assert.Single(missingColumn.Errors).Column, missingColumn.Errors[0].Row));
    }

    /// The answers file is read as the household file is: a title row above the header; an invisible character in a
    /// household code is a row error before anything is staged, and a NUL (which PostgreSQL would refuse) makes the file
    /// one that is not text.
    [Fact]
    public async Task AnswersImport_BelowATitleRow_RefusesAnInvisibleCharacterInTheCode()
    {
        var (_, db, _) = await SetUpAsync();
        await using var _db = db;
        await ScorecardStore.LoadAsync(db, ExampleJson(), "example-2022.json", "test", Now);
        var csv = string.Join("\n", "PHIẾU B — TRẢ LỜI NĂM 2024", "", string.Join(",", AnswerHeaders), "07444-00001,2024,B10,2", "07444\u001b00001,2024,B11,1");
        var report = await ScorecardAnswersImport.ImportAsync(db, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "tra-loi.csv", false, "test", Now);

        Assert.False(report.Applied);
        var e = Assert.Single(report.Errors);
        Assert.Equal((5, "Mã hộ"), (e.Row, e.Column));
        Assert.Contains("U+001B", e.Message);
        Assert.Equal(0, await db.Set<ScorecardAnswer>().CountAsync());

        var nul = await ScorecardAnswersImport.ImportAsync(db, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv.Replace('\u001b', '\0'))), "tra-loi.csv", false, "test", Now);
        Assert.Equal("Tệp", Assert.Single(nul.Errors).Column);
        Assert.Equal(0, await db.Set<ScorecardAnswer>().CountAsync());
    }

    [Fact]
    public async Task AnswersImport_FromAnXlsxFile_ThroughTheTabularReaders()
    {
        var (_, db, _) = await SetUpAsync();
        await using var _db = db;
        await ScorecardStore.LoadAsync(db, ExampleJson(), "example-2022.json", "test", Now);
        var path = Path.Combine(Path.GetTempPath(), $"tra-loi-{Guid.NewGuid():N}.xlsx");
        await using (var f = File.Create(path))
            GiamNgheo.Files.Tabular.XlsxWriter.Write(f, "Phiếu B", AnswerHeaders, [["07444-00001", "2024", "B10", "2"], ["07444-00001", "2024", "B11", "1"]]);
        var report = await ScorecardAnswersImport.ImportAsync(db, path, false, "test", Now);
        Assert.True(report.Applied, string.Join("; ", report.Errors));
        Assert.Equal(["2", "1"], await db.Set<ScorecardAnswer>().OrderBy(a => a.CharacteristicCode).Select(a => a.OptionCode).ToListAsync());
        var dry = await ScorecardAnswersImport.ImportAsync(db, path, true, "test", Now);
        Assert.Equal((false, 0, 2), (dry.Applied, dry.ErrorCount, dry.Rows));
    }
}

public sealed class SqliteScorecardDataTests() : ScorecardDataTests(DatabaseKind.Sqlite);
public sealed class PostgresScorecardDataTests() : ScorecardDataTests(DatabaseKind.Postgres);
