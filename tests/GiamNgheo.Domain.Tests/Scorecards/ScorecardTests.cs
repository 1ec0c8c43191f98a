using System.Text.Json.Nodes;
using FsCheck.Xunit;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Scorecards;
using GiamNgheo.Domain.Tests.Classification;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Json;

namespace GiamNgheo.Domain.Tests.Scorecards;

/// The example card of reference-data/scorecards: its points, its cut-offs against the Decree 07/2021 lines,
/// the validation of a card file, and the income it gives the classifier.
public class ScorecardTests
{
    private static readonly string ExampleJson = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scorecards", "example-2022.json"));
    private static readonly Scorecard Example = ScorecardFile.Read(ExampleJson).Card!;

    private static readonly Dictionary<string, string> NoAssets = new() { ["B10"] = "0", ["B11"] = "0", ["B12"] = "0" };

    /// Samples.Comfortable: 2 people in a durable 60 m² house (30 m²/person), piped water, septic latrine, TV, an internet
    /// phone, no computer, head with upper secondary school.
    private static HouseholdSnapshot Comfortable => Samples.Comfortable(1_000_000);

    /// 6 people in 20 m², 1 durable part, unprotected water, no latrine, no TV, computer or phone, head without primary school.
    private static HouseholdSnapshot Destitute
    {
        get
        {
            var head = Samples.Adult("Nguyễn Văn A", 40) with { Education = Education.None };
            var facts = Comfortable.Facts with
            {
                HousingAreaM2 = 20, DurableWalls = false, DurableFrame = false, DurableRoof = true, Water = WaterSource.Unprotected,
                Latrine = LatrineType.None, HasTv = false, HasComputer = false, HasInternetPhone = false,
            };
            return new HouseholdSnapshot(facts, Area.Rural, [head, .. Enumerable.Range(1, 5).Select(i => Samples.Adult($"Con {i}", 10 + i) with { Relation = Relation.Child })], Samples.Review2024);
        }
    }

    [Fact]
    public void ExampleCard_IsValid_AndMarkedAsExample()
    {
        var (card, errors) = ScorecardFile.Read(ExampleJson);
        Assert.Empty(errors);
        Assert.True(card!.Example);
        Assert.Equal("PHIEU-B-MAU", card.Id);
        Assert.EndsWith("(phiếu mẫu)", card.Label);
        Assert.Equal(7, card.Regions.Count);
        Assert.Equal(["B10", "B11", "B12"], card.Characteristics.Where(c => c.Answered).Select(c => c.Code));
    }

    public static TheoryData<string, Area, int, int> Regions => new()
    {   // area, GSO region of the province, region variant of the card
        { "urban", Area.Urban, 1, 0 }, { "urban", Area.Urban, 6, 0 },
        { "rural-1", Area.Rural, 1, 0 }, { "rural-4", Area.Rural, 4, 0 }, { "rural-6", Area.Rural, 6, 0 },
    };

    [Theory, MemberData(nameof(Regions))]
    public void RegionFor_PicksTheVariantOfAreaAndGsoRegion(string expected, Area area, int gsoRegion, int _) =>
        Assert.Equal(expected, Example.RegionFor(area, gsoRegion)!.Code);

    /// The anchors put the cut-off score exactly on the Decree 07/2021 Art. 3 lines: at the cut-off the estimate equals
    /// the line (poor or near-poor, "không vượt"), one point more is above it.
    public static TheoryData<string, decimal, int> Cutoffs => new()
    {   // region, line per person per month, first score above the line
        { "urban", 2_000_000m, 51 },
        { "rural-1", 1_500_000m, 41 }, { "rural-2", 1_500_000m, 49 }, { "rural-3", 1_500_000m, 45 },
        { "rural-4", 1_500_000m, 43 }, { "rural-5", 1_500_000m, 53 }, { "rural-6", 1_500_000m, 47 },
    };

    [Theory, MemberData(nameof(Cutoffs))]
    public void CutoffScore_MatchesTheIncomeLine(string region, decimal line, int firstAbove)
    {
        Assert.Equal(firstAbove, Example.FirstScoreAbove(region, line));
        Assert.Equal(line, Example.EstimatedIncome(region, firstAbove - 1));
        Assert.True(Example.EstimatedIncome(region, firstAbove) > line);
    }

    public static TheoryData<string, string, int, decimal> Households => new()
    {   // household, region, total score, estimated income per person per month
        // 24 (2 people) + 15 (30 m²) + 10 (3 durable) + 5 (piped) + 6 (septic) + 3 (TV) + 0 + 4 (phone) + 6 (THPT) + 0 assets
        { "comfortable", "rural-2", 73, 2_250_000m + 4_750_000m * 11 / 58 },
        // mountain region: piped +2, septic +2, durable +2
        { "comfortable", "rural-1", 79, 2_250_000m + 3_250_000m * 24 / 65 },
        // urban: 30 m²/person is worth 17
        { "comfortable", "urban", 75, 3_000_000m + 6_000_000m * 10 / 55 },
        { "destitute", "rural-1", 0, 500_000m },
        { "destitute", "urban", 0, 700_000m },
    };

    [Theory, MemberData(nameof(Households))]
    public void Score_AddsThePointsOfTheRegion_AndMapsThemToIncome(string household, string region, int total, decimal income)
    {
        var s = Scoring.Score(Example, household == "comfortable" ? Comfortable : Destitute, NoAssets, region);
        Assert.Equal(total, s.Total);
        Assert.Equal(Math.Round(income, 0, MidpointRounding.AwayFromZero), s.EstimatedIncome);
        Assert.Equal(total, s.Items.Sum(i => i.Points));
        Assert.Equal(12, s.Items.Count);
    }

    [Fact]
    public void Score_ExplainsEachCharacteristic()
    {
        var s = Scoring.Score(Example, Comfortable, new Dictionary<string, string> { ["B10"] = "2", ["B11"] = "1", ["B12"] = "0" }, "rural-2");
        var byCode = s.Items.ToDictionary(i => i.Characteristic.Code);
        Assert.Equal((24, "2 người"), (byCode["B01"].Points, byCode["B01"].Reason));
        Assert.Equal((15, "30 m²/người"), (byCode["B02"].Points, byCode["B02"].Reason));
        Assert.Equal((11, "trả lời: 2 chiếc trở lên"), (byCode["B10"].Points, byCode["B10"].Reason));
        Assert.Equal(6, byCode["B11"].Points);
        Assert.Equal(73 + 11 + 6, s.Total);
    }

    [Fact]
    public void Score_WithAMissingAnswer_GivesNoIncome_AndNamesWhatIsMissing()
    {
        var s = Scoring.Score(Example, Comfortable, new Dictionary<string, string> { ["B10"] = "1", ["B12"] = "9" }, "rural-3");
        Assert.Null(s.EstimatedIncome);
        Assert.Equal(["B11", "B12"], s.Missing.Select(m => m.Characteristic.Code));
        Assert.Contains("chưa có B11 Tủ lạnh, B12 Điều hòa nhiệt độ", s.Describe());
        Assert.Equal("mã lựa chọn «9» không có trong phiếu", s.Items.Single(i => i.Characteristic.Code == "B12").Reason);
    }

    [Fact]
    public void Score_WithAFactNotRecorded_IsUnknownNotZero()
    {
        var h = Comfortable with { Facts = Comfortable.Facts with { Latrine = null } };
        var s = Scoring.Score(Example, h, NoAssets, "rural-2");
        Assert.Null(s.EstimatedIncome);
        Assert.Equal(["B05"], s.Missing.Select(m => m.Characteristic.Code));
    }

    [Fact]
    public void Classify_WithACard_UsesTheEstimatedIncome_AndSaysSo()
    {
        // Entered income 1,000,000 (near-poor); the card estimates 2,250,000 + … > 1,500,000 → average living or above.
        var h = Comfortable with { ProxyMeans = new ProxyMeansInput(Example, ScorecardFile.Key(Example), "rural-2", NoAssets) };
        var c = Classifier.Classify(Samples.Decree07, h);
        Assert.Equal(Category.NotPoor, c.Category);
        Assert.Equal(Example.EstimatedIncome("rural-2", 73), c.IncomePerPersonMonth);
        Assert.Equal("scorecard:PHIEU-B-MAU@2022.1-mau", c.IncomeSource);
        Assert.StartsWith("Thu nhập ước tính theo Phiếu B: 73 điểm → 3.150.862 đồng/người/tháng", c.Reason);
        Assert.Contains("(phiếu mẫu)", c.Reason);

        var entered = Classifier.Classify(Samples.Decree07, Comfortable);
        Assert.Equal((Category.NearPoor, "entered", 1_000_000m), (entered.Category, entered.IncomeSource, entered.IncomePerPersonMonth));
        Assert.Null(entered.Proxy);
    }

    [Fact]
    public void Classify_WithAnIncompleteCard_IsUndetermined_EvenWithAnIncomeEntered()
    {
        var h = Destitute with { ProxyMeans = new ProxyMeansInput(Example, ScorecardFile.Key(Example), "rural-1", new Dictionary<string, string>()) };
        var c = Classifier.Classify(Samples.Decree07, h);
        Assert.Equal(Category.Undetermined, c.Category);
        Assert.StartsWith("Phiếu B chưa đủ thông tin", c.Reason);
    }

    [Fact]
    public void Classify_DestituteHousehold_ScoredAtZero_IsPoor()
    {
        var h = Destitute with { ProxyMeans = new ProxyMeansInput(Example, ScorecardFile.Key(Example), "rural-1", NoAssets) };
        var c = Classifier.Classify(Samples.Decree07, h);
        Assert.Equal(500_000m, c.IncomePerPersonMonth);
        Assert.Equal(Category.Poor, c.Category);
        // Scored 0 in rural-1, whose cut-off against the 1,500,000 line is 41 points: the way out is 41 points.
        Assert.Equal("Điểm Phiếu B tăng thêm 41 điểm (từ 0 lên 41 điểm, thu nhập ước tính trên 1.500.000 đồng) thì ra khỏi diện nghèo và cận nghèo.",
            Exit.Paths(Samples.Decree07, c)[0]);
    }

    // ---- validation: every problem names its field and rule ----

    private static IReadOnlyList<GiamNgheo.Domain.Common.FieldError> ErrorsAfter(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(ExampleJson)!;
        change(node);
        var (card, errors) = ScorecardFile.Read(node.ToJsonString());
        Assert.Null(card);
        return errors;
    }

    public static TheoryData<string, string, string> Invalid => new()
    {   // change, field, part of the rule
        { "unknown function", "characteristics[0].function", "hàm chưa có trong hệ thống" },
        { "missing region points", "characteristics[1].options[0].points", "thiếu điểm cho vùng này" },
        { "falling income", "income.urban[2].income", "không được giảm" },
        { "scores out of order", "income.rural-3[1].score", "tăng dần" },
        { "missing region", "regions", "thiếu vùng" },
        { "value not placed", "characteristics[3].options", "chưa thuộc lựa chọn nào" },
        { "bands out of order", "characteristics[0].options[2].from", "các khoảng phải tăng dần" },
        { "first band", "characteristics[1].options[0].from", "bắt đầu từ 0" },
        { "duplicate option", "characteristics[9].options[1].code", "trùng" },
        { "missing version", "tệp", "thiếu trường bắt buộc: 'version'" },
        { "one anchor", "income.rural-5", "ít nhất hai mốc" },
    };

    [Theory, MemberData(nameof(Invalid))]
    public void Read_RefusesABadCard_NamingTheField(string change, string field, string rule)
    {
        var errors = ErrorsAfter(n =>
        {
            var chars = n["characteristics"]!.AsArray();
            switch (change)
            {
                case "unknown function": chars[0]!["function"] = "so_xe_dap"; break;
                case "missing region points": chars[1]!["options"]![0]!["points"]!.AsObject().Remove("rural-3"); break;
                case "falling income": n["income"]!["urban"]![2]!["income"] = 1_000_000; break;
                case "scores out of order": n["income"]!["rural-3"]![1]!["score"] = 0; break;
                case "missing region": n["regions"]!.AsArray().RemoveAt(6); break;
                case "value not placed": chars[3]!["options"]![1]!["values"]!.AsArray().RemoveAt(3); break;
                case "bands out of order": chars[0]!["options"]![2]!["from"] = 2; break;
                case "first band": chars[1]!["options"]![0]!["from"] = 1; break;
                case "duplicate option": chars[9]!["options"]![1]!["code"] = "0"; break;
                case "missing version": n.AsObject().Remove("version"); break;
                case "one anchor": n["income"]!["rural-5"]!.AsArray().RemoveAt(0); n["income"]!["rural-5"]!.AsArray().RemoveAt(0); n["income"]!["rural-5"]!.AsArray().RemoveAt(0); break;
            }
        });
        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(rule));
    }

    [Fact]
    public void Read_RefusesMissingOrNullFields_NamingThem()
    {
        var noPoints = ErrorsAfter(n => n["characteristics"]![2]!["options"]![0]!.AsObject().Remove("points"));
        Assert.Contains("'points'", Assert.Single(noPoints).Message);
        var nullOptions = ErrorsAfter(n => n["characteristics"]![2]!["options"] = null);
        Assert.Equal("characteristics[2].options", Assert.Single(nullOptions).Field);
        Assert.Equal("tệp", Assert.Single(ScorecardFile.Read("{ không phải JSON").Errors).Field);
    }

    // ---- properties ----

    /// The example card's answered assets are listed from none to most, with points that never fall: then a better
    /// answer (a later option) never lowers the score, and since the anchors never fall, never lowers the income.
    [Property(MaxTest = 300)]
    public bool BetterAnswer_NeverLowersTheEstimatedIncome(byte regionPick, byte which, byte[] picks, byte step)
    {
        var region = Example.Regions[regionPick % Example.Regions.Count].Code;
        var answered = Example.Characteristics.Where(c => c.Answered).ToList();
        string Pick(int i) => answered[i].Options[(picks.Length > i ? picks[i] : 0) % answered[i].Options.Count].Code;
        var answers = answered.Select((c, i) => (c.Code, Pick(i))).ToDictionary(x => x.Code, x => x.Item2);
        var c = answered[which % answered.Count];
        var index = c.Options.ToList().FindIndex(o => o.Code == answers[c.Code]);
        var better = new Dictionary<string, string>(answers) { [c.Code] = c.Options[Math.Min(c.Options.Count - 1, index + step % 3)].Code };
        var before = Scoring.Score(Example, Comfortable, answers, region);
        var after = Scoring.Score(Example, Comfortable, better, region);
        return after.Total >= before.Total && after.EstimatedIncome >= before.EstimatedIncome;
    }

    /// For any card that passes validation the curve never falls, so more points never estimate less income.
    [Property(MaxTest = 300)]
    public bool EstimatedIncome_NeverFallsWithTheScore(byte regionPick, short score, byte extra)
    {
        var region = Example.Regions[regionPick % Example.Regions.Count].Code;
        return Example.EstimatedIncome(region, score + extra) >= Example.EstimatedIncome(region, score);
    }

    [Fact]
    public void ExampleCard_AnsweredPoints_NeverFallFromOneOptionToTheNext()
    {
        foreach (var c in Example.Characteristics.Where(c => c.Answered))
            foreach (var r in Example.Regions)
                Assert.True(c.Options.Zip(c.Options.Skip(1)).All(p => p.Second.Points[r.Code] >= p.First.Points[r.Code]), $"{c.Code} {r.Code}");
    }
}
