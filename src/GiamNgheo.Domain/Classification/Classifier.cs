using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Scorecards;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Units;

namespace GiamNgheo.Domain.Classification;

public enum Category { Poor = 1, NearPoor = 2, AverageLiving = 3, NotPoor = 4, Undetermined = 9 }

/// A household's category under one standard, with everything that decided it.
public sealed record Classification(
    string StandardId, Category Category, decimal? IncomePerPersonMonth, decimal PovertyLine, Area Area,
    int Deprivations, int Unknown, IReadOnlyList<IndicatorResult> Indicators, Func<string> Explain, ProxyScore? Proxy = null)
{
    /// Why, quoting the clause; built when read (see IndicatorResult).
    public string Reason => Explain();

    /// Which income the result used: "entered" (the income over 12 months as recorded) or "scorecard:ID@VERSION"
    /// (estimated from the Phiếu B score). Stored with the result, because a category means little without it.
    public string IncomeSource => Proxy is { } p ? IncomeSources.Scorecard(p.Card) : IncomeSources.Entered;
}

public static class IncomeSources
{
    public const string Entered = "entered";
    public static string Scorecard(Scorecard card) => $"scorecard:{card.Id}@{card.Version}";
}

public static class Classifier
{
    public static string Name(Category c) => c switch
    {
        Category.Poor => "Hộ nghèo",
        Category.NearPoor => "Hộ cận nghèo",
        Category.AverageLiving => "Hộ có mức sống trung bình",
        Category.NotPoor => "Không thuộc diện",
        _ => "Chưa xác định",
    };

    /// Income per person per month, exact (HouseholdIncome): it is compared with the line as is.
    public static decimal? IncomePerPersonMonth(HouseholdSnapshot h) =>
        h.Facts.Income12Months is { } income && h.Members.Count > 0 ? HouseholdIncome.PerPersonMonth(income, h.Members.Count) : null;

    public static Classification Classify(PovertyStandard s, HouseholdSnapshot h)
    {
        var results = s.Indicators.Select(r => Indicators.Evaluate(r, h)).ToList();
        var deprived = results.Count(r => r.Deprived);
        var unknown = results.Count(r => r.Status == IndicatorStatus.Unknown);
        var line = s.PovertyLine.For(h.Area);
        // Circular 07/2021/TT-BLĐTBXH: where the Phiếu B card is used, the income is the card's estimate from the
        // score; otherwise the income entered.
        var proxy = h.ProxyMeans is { } input ? Scoring.Score(h, input) : null;
        var income = proxy is null ? IncomePerPersonMonth(h) : proxy.EstimatedIncome;
        var (category, decided) = Decide(s, h.Area, income, line, deprived, results);
        var reason = proxy is null ? decided : () => proxy.EstimatedIncome is null ? proxy.Describe() : $"{proxy.Describe()}; {decided()}";
        return new Classification(s.Id, category, income, line, h.Area, deprived, unknown, results, reason, proxy);
    }

    private static (Category, Func<string>) Decide(PovertyStandard s, Area area, decimal? income, decimal line, int deprived, IReadOnlyList<IndicatorResult> results)
    {
        if (income is not { } i) return (Category.Undetermined, () => "chưa ghi thu nhập nên chưa xác định được");
        var unknown = results.Where(r => r.Status == IndicatorStatus.Unknown).ToList();
        string VsLine() => $"thu nhập bình quân {VnFormat.Money(i)} đồng/người/tháng {(i <= line ? "không vượt" : "trên")} chuẩn {VnFormat.Money(line)} đồng ({UnitTypes.AreaName(area).ToLowerInvariant()}; {s.PovertyLineCitation})";
        string VsCutoff() => $"{deprived} chỉ số thiếu hụt ({(deprived >= s.DeprivationCutoff ? "từ" : "dưới")} {s.DeprivationCutoff}" +
            (unknown.Count > 0 && deprived < s.DeprivationCutoff ? $", kể cả khi {unknown.Count} chỉ số chưa đủ thông tin đều thiếu hụt)" : ")");
        // Poor or near-poor turns on the count of deprivations. An indicator whose fact is not recorded may or may not be a
        // deprivation: when it could bring the count to the cut-off, the category is not known, and the reason names what
        // is missing (it is never counted as "not deprived").
        (Category, Func<string>) ByDeprivations(Func<string> income) =>
            deprived >= s.DeprivationCutoff ? (Category.Poor, () => $"{income()} và {VsCutoff()}")
            : deprived + unknown.Count >= s.DeprivationCutoff
                ? (Category.Undetermined, () => $"{income()}, {deprived} chỉ số thiếu hụt đã biết, chưa đủ thông tin cho {string.Join(", ", unknown.Select(u => u.Rule.Name.ToLowerInvariant()))}: " +
                                               $"nếu thiếu hụt thêm {s.DeprivationCutoff - deprived} chỉ số thì là hộ nghèo, nên chưa xác định được hộ nghèo hay cận nghèo")
                : (Category.NearPoor, () => $"{income()} và {VsCutoff()}");
        switch (s.Scheme)
        {
            case CategoryScheme.IncomeAndDeprivation:
                if (i <= line) return ByDeprivations(VsLine);
                if (s.AverageLivingCeiling is { } avg && i <= avg.For(area))
                    return (Category.AverageLiving, () => $"{VsLine()}, không vượt {VnFormat.Money(avg.For(area))} đồng ({s.AverageLivingCitation})");
                return (Category.NotPoor, VsLine);
            case CategoryScheme.IncomeOrDeprivationBand:
                if (i <= line) return (Category.Poor, VsLine);
                var ceiling = (s.NearPoorCeiling ?? throw new InvalidOperationException($"{s.Id}: thiếu ngưỡng cận nghèo")).For(area);
                if (i <= ceiling) return ByDeprivations(() => $"{VsLine()}, không vượt {VnFormat.Money(ceiling)} đồng");
                // Decision 59/2015/QĐ-TTg Art. 2 also names households of average living standard above the near-poor ceiling.
                if (s.AverageLivingCeiling is { } band59 && i <= band59.For(area))
                    return (Category.AverageLiving, () => $"{VsLine()}, trên {VnFormat.Money(ceiling)} đồng, không vượt {VnFormat.Money(band59.For(area))} đồng ({s.AverageLivingCitation})");
                return (Category.NotPoor, () => $"{VsLine()} và trên {VnFormat.Money(s.AverageLivingCeiling?.For(area) ?? ceiling)} đồng");
            default:
                throw new InvalidOperationException($"Unknown scheme {s.Scheme}");
        }
    }
}

/// What would have to change for a household to leave its category — to read aloud at the hamlet meeting.
public static class Exit
{
    public static IReadOnlyList<string> Paths(PovertyStandard s, Classification c)
    {
        var paths = new List<string>();
        if (c.Category is not (Category.Poor or Category.NearPoor) || c.IncomePerPersonMonth is not { } income) return paths;
        var ceiling = s.Scheme == CategoryScheme.IncomeOrDeprivationBand && c.Deprivations >= s.DeprivationCutoff && s.NearPoorCeiling is { } band
            ? band.For(c.Area)
            : c.PovertyLine;
        // The income is exact: the smallest whole increase in đồng that takes it above the ceiling.
        var gap = Math.Floor(ceiling - income) + 1;
        var leaves = c.Category == Category.Poor ? "nghèo và cận nghèo" : "cận nghèo";
        // Under a Phiếu B card the income is estimated from the score, so what has to change is the score.
        if (c.Proxy is { } proxy)
            paths.Add(proxy.Card.FirstScoreAbove(proxy.Region.Code, ceiling) is { } cutoff
                ? $"Điểm Phiếu B tăng thêm {cutoff - proxy.Total} điểm (từ {proxy.Total} lên {cutoff} điểm, thu nhập ước tính trên {VnFormat.Money(ceiling)} đồng) thì ra khỏi diện {leaves}."
                : $"Theo {proxy.Card.Label}, không mức điểm nào cho thu nhập ước tính trên {VnFormat.Money(ceiling)} đồng.");
        else
            paths.Add($"Thu nhập bình quân tăng thêm {VnFormat.Money(gap)} đồng/người/tháng (lên trên {VnFormat.Money(ceiling)} đồng) thì ra khỏi diện {leaves}.");
        if (c.Category == Category.Poor && c.Deprivations >= s.DeprivationCutoff)
        {
            var toFix = c.Deprivations - s.DeprivationCutoff + 1;
            var deprived = c.Indicators.Where(i => i.Deprived).Select(i => i.Rule.Name.ToLowerInvariant());
            paths.Add($"Khắc phục ít nhất {toFix} trong {c.Deprivations} chỉ số thiếu hụt ({string.Join(", ", deprived)}) thì chuyển từ hộ nghèo sang hộ cận nghèo.");
        }
        return paths;
    }
}
