using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Common;

namespace GiamNgheo.Domain.Scorecards;

/// What the classifier needs to estimate a household's income from a card: the card, the household's region variant,
/// and its answers of the year (characteristic code → option code). <paramref name="CardKey"/> stands for the card's
/// content (id, version and content hash) in a result's inputs hash, so a changed card changes the hash.
public sealed record ProxyMeansInput(Scorecard Card, string CardKey, string Region, IReadOnlyDictionary<string, string> Answers);

/// One characteristic as scored: the option that applied (null: not recorded / not answered) and its points.
public sealed record CharacteristicScore(ScorecardCharacteristic Characteristic, ScorecardOption? Option, int Points, string Reason)
{
    public bool Known => Option is not null;
}

/// A household's Phiếu B score: total points, points per characteristic, and the estimated income per person per month
/// (null when a characteristic is unknown: an incomplete card is not scored as if the missing answers were zero).
public sealed record ProxyScore(Scorecard Card, ScorecardRegion Region, int Total, IReadOnlyList<CharacteristicScore> Items, decimal? EstimatedIncome)
{
    public IEnumerable<CharacteristicScore> Missing => Items.Where(i => !i.Known);

    /// "Thu nhập ước tính theo Phiếu B: 52 điểm → 1.620.000 đồng/người/tháng (…, vùng …)".
    public string Describe() => EstimatedIncome is { } income
        ? $"Thu nhập ước tính theo Phiếu B: {Total} điểm → {VnFormat.Money(income)} đồng/người/tháng ({Card.Label}, phiên bản {Card.Version}, {Region.Name})"
        : $"Phiếu B chưa đủ thông tin ({Card.Label}): chưa có {string.Join(", ", Missing.Select(m => $"{m.Characteristic.Code} {m.Characteristic.Name}"))}, nên chưa ước tính được thu nhập";
}

/// score(card, snapshot, answers, region): pure, so the same household can be scored under another card.
public static class Scoring
{
    public static ProxyScore Score(Scorecard card, HouseholdSnapshot h, IReadOnlyDictionary<string, string> answers, string regionCode)
    {
        var region = card.Regions.Single(r => r.Code == regionCode);
        var items = card.Characteristics.Select(ch => ScoreOne(ch, h, answers, regionCode)).ToList();
        var total = items.Sum(i => i.Points);
        var income = items.All(i => i.Known) ? card.EstimatedIncome(regionCode, total) : (decimal?)null;
        return new ProxyScore(card, region, total, items, income);
    }

    public static ProxyScore Score(HouseholdSnapshot h, ProxyMeansInput input) => Score(input.Card, h, input.Answers, input.Region);

    private static CharacteristicScore ScoreOne(ScorecardCharacteristic ch, HouseholdSnapshot h, IReadOnlyDictionary<string, string> answers, string region)
    {
        CharacteristicScore Hit(ScorecardOption o, string reason) => new(ch, o, o.Points[region], reason);
        if (ch.Answered)
        {
            if (!answers.TryGetValue(ch.Code, out var code)) return new(ch, null, 0, "chưa có câu trả lời");
            return ch.Options.FirstOrDefault(o => o.Code == code) is { } o
                ? Hit(o, $"trả lời: {o.Label}")
                : new(ch, null, 0, $"mã lựa chọn «{code}» không có trong phiếu");
        }
        if (ScorecardFunctions.Numeric.TryGetValue(ch.Function, out var numeric))
        {
            if (numeric(h) is not NumberValue n) return new(ch, null, 0, "chưa ghi thông tin");
            var band = ch.Options.Last(o => o.From <= n.Number);
            return Hit(band, n.Description);
        }
        var (_, read) = ScorecardFunctions.Categorical[ch.Function];
        if (read(h) is not CategoryValue v) return new(ch, null, 0, "chưa ghi thông tin");
        return Hit(ch.Options.Single(o => o.Values?.Contains(v.Value) == true), v.Description);
    }
}
