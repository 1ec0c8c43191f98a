using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Statistics;
using GiamNgheo.Domain.Tests.Classification;

namespace GiamNgheo.Domain.Tests.Statistics;

public sealed class AlkireFosterTests
{
    // By hand: indicators i1, i2 in dimension A and i3 in dimension B → weights ¼, ¼, ½; k = ½.
    //   HH1 {i1, i2} score ½ poor · HH2 {i3} ½ poor · HH3 {i1} ¼ not poor (censored) · HH4 {} 0
    //   n = 4, q = 2 → H = ½; A = (½ + ½) / 2 = ½; M0 = ¼
    //   censored headcounts: i1 = ¼ (HH3's is censored), i2 = ¼, i3 = ¼
    //   contributions: i1 = ¼·¼/¼ = ¼, i2 = ¼, i3 = ½·¼/¼ = ½ (they sum to 1)
    private static readonly IndicatorRule[] Rules =
    [
        new("i1", "Một", "A", "water", new Citation("x"), new Dictionary<string, decimal>()),
        new("i2", "Hai", "A", "water", new Citation("x"), new Dictionary<string, decimal>()),
        new("i3", "Ba", "B", "water", new Citation("x"), new Dictionary<string, decimal>()),
    ];

    [Fact]
    public void HandComputedExample()
    {
        var weights = AlkireFoster.NestedWeights(Rules);
        Assert.Equal([0.25m, 0.25m, 0.5m], Rules.Select(r => weights[r.Code]));

        var index = AlkireFoster.Compute([["i1", "i2"], ["i3"], ["i1"], []], weights, 0.5m);
        Assert.Equal((4, 2, 0.5m, 0.5m, 0.25m), (index.Households, index.Poor, index.H, index.A, index.M0));
        Assert.Equal([0.25m, 0.25m, 0.25m], index.Indicators.Select(i => i.CensoredHeadcount));
        Assert.Equal([0.25m, 0.25m, 0.5m], index.Indicators.Select(i => i.Contribution));
    }

    [Fact]
    public void Decree07_DefaultWeights_SixDimensionsEqually()
    {
        var weights = AlkireFoster.NestedWeights(Samples.Decree07.Indicators);
        Assert.Equal(12, weights.Count);
        Assert.All(weights.Values, w => Assert.Equal(1m / 12, w, 10)); // 6 dimensions of 2 indicators each
        Assert.Equal(1m, Math.Round(weights.Values.Sum(), 10));
    }

    [Fact]
    public void ScoreAtK_IsPoor_OneBelowIsNot()
    {
        // Decree 07's 12 indicators weigh 1/12 each: 4 deprivations reach k = 1/3 (poor when the score is ≥ k), 3 do not.
        var weights = AlkireFoster.NestedWeights(Samples.Decree07.Indicators);
        var index = AlkireFoster.Compute([["D07-01", "D07-03", "D07-05", "D07-07"], ["D07-01", "D07-03", "D07-05"]], weights, 1m / 3);
        Assert.Equal(1, index.Poor);
    }

    [Fact]
    public void BadParameters_AreRejected()
    {
        var weights = AlkireFoster.NestedWeights(Rules);
        Assert.Throws<ArgumentOutOfRangeException>(() => AlkireFoster.Compute([], weights, 0m));
        Assert.Throws<ArgumentException>(() => AlkireFoster.Compute([], new Dictionary<string, decimal> { ["i1"] = 0.5m }, 0.3m));
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool M0_IsHTimesA_AndContributionsSumToOne(bool[][] households)
    {
        var weights = AlkireFoster.NestedWeights(Rules);
        var deprived = households.Select(h => (IReadOnlyCollection<string>)Rules.Where((r, i) => i < h.Length && h[i]).Select(r => r.Code).ToList());
        var index = AlkireFoster.Compute(deprived, weights, 1m / 3);
        var contributions = index.Indicators.Sum(i => i.Contribution);
        return Math.Abs(index.M0 - index.H * index.A) < 0.0000001m && (index.Poor == 0 || Math.Abs(contributions - 1m) < 0.0000001m);
    }
}
