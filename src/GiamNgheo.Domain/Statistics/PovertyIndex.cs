using GiamNgheo.Domain.Standards;

namespace GiamNgheo.Domain.Statistics;

public sealed record IndicatorShare(string Code, decimal Weight, decimal CensoredHeadcount, decimal Contribution);

/// Alkire–Foster adjusted headcount over households: H (share multidimensionally poor), A (their average weighted
/// deprivation share), M0 = H × A, and per indicator the censored headcount and its contribution to M0.
public sealed record PovertyIndex(int Households, int Poor, decimal H, decimal A, decimal M0, IReadOnlyList<IndicatorShare> Indicators);

public static class AlkireFoster
{
    /// The default cut-off: poor in at least a third of the weighted indicators (Alkire–Foster's usual k).
    public const decimal DefaultCutoff = 1m / 3;

    /// The cut-off k as officers write it, on the page and the command line alike: a percent of the weighted indicators
    /// ("33,33", "33.33" or "33,33%"), from 1 to 100; empty is <see cref="DefaultCutoff"/>. Returns k as a share. A value
    /// below 1 is refused rather than read as a tiny percent: it is most likely a share (0,333) typed out of habit.
    public static (decimal K, string? Problem) ParseCutoff(string? percent)
    {
        if (string.IsNullOrWhiteSpace(percent)) return (DefaultCutoff, null);
        var text = percent.Trim().TrimEnd('%').Trim();
        if (!Common.VnFormat.TryParseNumber(text, out var p) || p is <= 0 or > 100)
            return (DefaultCutoff, $"Ngưỡng k «{percent}» không hợp lệ: nhập phần trăm từ 1 đến 100, ví dụ 33,33.");
        if (p < 1)
            return (DefaultCutoff, $"Ngưỡng k «{percent}» được tính theo phần trăm, nên là {percent}%; nếu ý bạn là {(p * 100).ToString("0.##", Common.VnFormat.Culture)}%, hãy nhập {(p * 100).ToString("0.##", Common.VnFormat.Culture)}.");
        return (p / 100, null);
    }

    /// k as a percent, two decimals at most (33,33).
    public static string CutoffText(decimal k) => (k * 100).ToString("0.##", Common.VnFormat.Culture);

    /// Default weights: dimensions weighted equally, indicators equally within their dimension.
    public static IReadOnlyDictionary<string, decimal> NestedWeights(IReadOnlyList<IndicatorRule> indicators)
    {
        var dimensions = indicators.GroupBy(i => i.Dimension).ToList();
        return dimensions.SelectMany(d => d.Select(i => (i.Code, Weight: 1m / dimensions.Count / d.Count())))
            .ToDictionary(x => x.Code, x => x.Weight);
    }

    /// <param name="deprivedByHousehold">For each household, the codes of the indicators it is deprived in
    /// (an indicator not recorded counts as not deprived).</param>
    /// <param name="k">Poverty cut-off as a share of the weighted indicators (e.g. 1/3).</param>
    public static PovertyIndex Compute(IEnumerable<IReadOnlyCollection<string>> deprivedByHousehold, IReadOnlyDictionary<string, decimal> weights, decimal k)
    {
        if (weights.Count == 0) throw new ArgumentException("Cần ít nhất một chỉ số.", nameof(weights));
        if (Math.Abs(weights.Values.Sum() - 1m) > 0.000001m) throw new ArgumentException("Tổng trọng số phải bằng 1.", nameof(weights));
        if (k is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(k), k, "Ngưỡng k phải trong (0; 1].");

        int n = 0, q = 0;
        decimal poorScores = 0;
        var censored = weights.Keys.ToDictionary(c => c, _ => 0);
        foreach (var deprived in deprivedByHousehold)
        {
            n++;
            var score = deprived.Where(weights.ContainsKey).Distinct().Sum(c => weights[c]);
            if (score < k) continue; // censored: the deprivations of the non-poor do not count (poor when score ≥ k)
            q++;
            poorScores += score;
            foreach (var c in deprived.Where(weights.ContainsKey).Distinct()) censored[c]++;
        }
        var h = n == 0 ? 0 : (decimal)q / n;
        var a = q == 0 ? 0 : poorScores / q;
        var m0 = n == 0 ? 0 : poorScores / n;
        var shares = weights.Select(w =>
        {
            var ch = n == 0 ? 0 : (decimal)censored[w.Key] / n;
            return new IndicatorShare(w.Key, w.Value, ch, m0 == 0 ? 0 : w.Value * ch / m0);
        }).ToList();
        return new PovertyIndex(n, q, h, a, m0, shares);
    }
}
