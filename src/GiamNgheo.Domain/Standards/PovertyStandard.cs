using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Units;

namespace GiamNgheo.Domain.Standards;

/// Where a rule comes from: document, article, clause, point — carried as data beside every rule.
public sealed record Citation(string Document, string? Article = null, string? Clause = null, string? Point = null)
{
    public override string ToString() =>
        string.Join(" ", new[] { Point is null ? null : $"điểm {Point}", Clause is null ? null : $"khoản {Clause}", Article is null ? null : $"Điều {Article}" }
            .Where(x => x is not null)) is { Length: > 0 } place ? $"{place} {Document}" : Document;
}

/// An amount per person per month by area, VND.
public sealed record IncomeLine(decimal Rural, decimal Urban)
{
    public decimal For(Area area) => area == Area.Urban ? Urban : Rural;
}

/// How income and deprivations combine into a category.
public enum CategoryScheme
{
    /// Decree 07/2021/NĐ-CP Art. 3 (and Decree 351/2025): poor = income ≤ line and ≥ cut-off deprivations;
    /// near-poor = income ≤ line and fewer; average living standard = above the line up to its ceiling.
    IncomeAndDeprivation,
    /// Decision 59/2015/QĐ-TTg, Art. 2: poor = income ≤ line, or income up to the near-poor ceiling with ≥ cut-off
    /// deprivations; near-poor = income up to the ceiling with fewer; average living standard = above the ceiling up to
    /// its own ceiling.
    IncomeOrDeprivationBand,
}

/// One indicator: which pure function evaluates it, its parameters (thresholds, ages) and its citation.
/// <c>Note</c> says, in Vietnamese, where each value comes from and what is not yet read in the legal text.
public sealed record IndicatorRule(
    string Code, string Name, string Dimension, string Function, Citation Citation,
    IReadOnlyDictionary<string, decimal> Parameters, bool Verified = false, string? Note = null)
{
    public decimal Parameter(string name) => Parameters.TryGetValue(name, out var v)
        ? v
        : throw new InvalidOperationException($"thiếu tham số «{name}».");

    /// An optional switch (0 or 1) that changes who an indicator counts; absent means 0, so older what-if files keep working.
    public bool Flag(string name) => Parameters.TryGetValue(name, out var v) && v != 0;
}

/// A poverty standard as data: chosen by review year; a province may add a higher local one beside it.
public sealed record PovertyStandard
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required int FromYear { get; init; }
    public required int ToYear { get; init; }
    /// national | local (a province's higher standard for its own policies)
    public string Scope { get; init; } = "national";
    public required Citation Citation { get; init; }
    public required CategoryScheme Scheme { get; init; }
    public required IncomeLine PovertyLine { get; init; }
    public required Citation PovertyLineCitation { get; init; }
    /// Decision 59/2015 only: the band above the line where deprivations decide poor or near-poor.
    public IncomeLine? NearPoorCeiling { get; init; }
    /// The ceiling of the average living standard band: above the poverty line (Decree 07/2021) or above the
    /// near-poor ceiling (Decision 59/2015).
    public IncomeLine? AverageLivingCeiling { get; init; }
    public Citation? AverageLivingCitation { get; init; }
    public required int DeprivationCutoff { get; init; }
    public required IReadOnlyList<IndicatorRule> Indicators { get; init; }
    /// Shown beside results, e.g. that the indicators are reused until the new decree's text is verified.
    public string? Note { get; init; }

    public bool Covers(int year) => FromYear <= year && year <= ToYear;
}

/// The national standards on record; the one for a review year.
public sealed class PovertyStandards(IEnumerable<PovertyStandard> standards)
{
    public IReadOnlyList<PovertyStandard> All { get; } = standards.OrderBy(s => s.FromYear).ToList();

    public PovertyStandard ForYear(int year) =>
        National(year) ?? throw new ArgumentOutOfRangeException(nameof(year), year, $"Không có chuẩn nghèo quốc gia cho năm {year}.");

    /// The national standard of the year, or null for a year no standard covers.
    public PovertyStandard? National(int year) => All.FirstOrDefault(s => s.Scope == "national" && s.Covers(year));

    /// Why a province's standard cannot stand beside the national ones (empty when it can). A local standard is a
    /// higher one for the province's own policies, so in every year it covers each of its lines must be at least
    /// the national line of that year, and it may not take a national standard's id.
    public IReadOnlyList<string> LocalProblems(PovertyStandard local)
    {
        var problems = new List<string>();
        if (local.Scope != "local") problems.Add($"«scope» phải là \"local\" (đang là \"{local.Scope}\").");
        if (All.Any(s => s.Id == local.Id)) problems.Add($"«id» {local.Id} trùng với một chuẩn quốc gia.");
        if (local.FromYear > local.ToYear) problems.Add($"«fromYear» {local.FromYear} sau «toYear» {local.ToYear}.");
        var uncovered = Enumerable.Range(local.FromYear, Math.Clamp(local.ToYear - local.FromYear + 1, 0, 50)).Where(y => National(y) is null).ToList();
        if (uncovered.Count > 0) problems.Add($"Năm {string.Join(", ", uncovered)} không có chuẩn quốc gia để so sánh.");
        foreach (var national in All.Where(s => s.Scope == "national" && s.FromYear <= local.ToYear && local.FromYear <= s.ToYear))
            foreach (var (name, mine, theirs) in new[]
                     {
                         ("nông thôn", local.PovertyLine.Rural, national.PovertyLine.Rural),
                         ("thành thị", local.PovertyLine.Urban, national.PovertyLine.Urban),
                     })
                if (mine < theirs)
                    problems.Add($"Chuẩn nghèo {name} {VnFormat.Money(mine)} đồng thấp hơn chuẩn quốc gia {VnFormat.Money(theirs)} đồng của năm " +
                                 $"{Math.Max(national.FromYear, local.FromYear)}–{Math.Min(national.ToYear, local.ToYear)} ({national.Id}); chuẩn địa phương phải cao hơn hoặc bằng.");
        return problems;
    }
}
