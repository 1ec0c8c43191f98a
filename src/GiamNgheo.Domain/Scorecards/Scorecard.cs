using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Units;

namespace GiamNgheo.Domain.Scorecards;

/// One variant of the card: urban or rural, for some of the six GSO regions (1–6; none listed = all six).
/// Phiếu B of Circular 07/2021/TT-BLĐTBXH scores by region, as the 2016 card did (urban + 6 rural regions).
public sealed record ScorecardRegion(string Code, string Name, Area Area, IReadOnlyList<int>? GsoRegions = null)
{
    public bool Covers(Area area, int gsoRegion) => Area == area && (GsoRegions is null || GsoRegions.Count == 0 || GsoRegions.Contains(gsoRegion));
}

/// One choice of a characteristic. A band of a numeric function starts at <see cref="From"/> (inclusive) and runs to
/// the next option's From; a value of a categorical function is listed in <see cref="Values"/>; an answered
/// characteristic matches its option by <see cref="Code"/>. Points are given per region code.
public sealed record ScorecardOption(string Code, string Label, IReadOnlyDictionary<string, int> Points,
    decimal? From = null, IReadOnlyList<string>? Values = null);

/// One proxy characteristic: computed from the year's facts by a named function, or "answer" (asked on the card,
/// e.g. motorbike or fridge, imported as an answer code per household per year).
public sealed record ScorecardCharacteristic(string Code, string Name, string Function, IReadOnlyList<ScorecardOption> Options)
{
    public bool Answered => Function == ScorecardFunctions.Answer;
}

/// A point of the score → income curve: the estimated income per person per month at this total score, VND.
public sealed record IncomeAnchor(int Score, decimal Income);

/// The Phiếu B proxy-means scorecard as data (Circular 07/2021/TT-BLĐTBXH, Phụ lục II, Phiếu B): characteristics
/// with points per region, and per region the curve from total score to estimated income per person per month.
/// The curve is piecewise linear between anchors and flat beyond them; the score at which it reaches the poverty line
/// is the card's cut-off. The official 2022–2025 points are not in hand: a card marked `example` is shown as
/// "phiếu mẫu" wherever it is used, and the official one is loaded later as another file, without code changes.
public sealed record Scorecard
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required int FromYear { get; init; }
    public required int ToYear { get; init; }
    public required bool Example { get; init; }
    public required Citation Citation { get; init; }
    public string? Note { get; init; }
    public required IReadOnlyList<ScorecardRegion> Regions { get; init; }
    public required IReadOnlyList<ScorecardCharacteristic> Characteristics { get; init; }
    /// Region code → anchors, ascending by score.
    public required IReadOnlyDictionary<string, IReadOnlyList<IncomeAnchor>> Income { get; init; }

    public bool Covers(int year) => FromYear <= year && year <= ToYear;

    /// How the card is named beside a result: its name, and "(phiếu mẫu)" while it is the example.
    public string Label => Example ? $"{Name} (phiếu mẫu)" : Name;

    /// The region variant for a household's area and its province's GSO region; null when the card has none.
    public ScorecardRegion? RegionFor(Area area, int gsoRegion) => Regions.FirstOrDefault(r => r.Covers(area, gsoRegion));

    /// Estimated income per person per month at a total score: linear between anchors, flat beyond the ends, whole VND.
    public decimal EstimatedIncome(string region, int score)
    {
        var a = Income[region];
        if (score <= a[0].Score) return a[0].Income;
        for (var i = 1; i < a.Count; i++)
        {
            if (score > a[i].Score) continue;
            var (lo, hi) = (a[i - 1], a[i]);
            return Math.Round(lo.Income + (hi.Income - lo.Income) * (score - lo.Score) / (hi.Score - lo.Score), 0, MidpointRounding.AwayFromZero);
        }
        return a[^1].Income;
    }

    /// The lowest score whose estimated income is above the amount (e.g. the poverty line): the card's cut-off.
    /// Null when no score reaches above it.
    public int? FirstScoreAbove(string region, decimal amount)
    {
        var a = Income[region];
        for (var s = a[0].Score; s <= a[^1].Score; s++)
            if (EstimatedIncome(region, s) > amount) return s;
        return null;
    }
}
