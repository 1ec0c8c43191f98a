using System.Globalization;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Exchange;

namespace GiamNgheo.Demo;

/// A commune of the demo province. Hardship 0..1: 1 = remote mountain commune (poorer, more
/// ethnic-minority households), 0 = lowland/urban. Successors2025: the commune code(s) it became in the
/// two-tier tree valid from 1 July 2025.
public sealed record DemoCommune(string Code2024, string Type2024, IReadOnlyList<string> Successors2025, double Hardship);

/// Deterministic synthetic households of a demo province, as rows of the household exchange file.
/// A base population is built for review year 2022; any later year is reached by simulating each
/// household year by year (ageing, births, deaths, marriages and splits, moves, income growth and
/// shocks, housing improvements), so the same households and people appear in every year.
/// Each household is simulated independently from its own seed: memory stays flat and rows stream.
/// Income is drawn against the Decree 07/2021 line (rural 1,500,000 / urban 2,000,000 VND per person
/// per month); the shares it produces are demo plausibility, not statistics.
public static class DemoProvince
{
    public const int BaseYear = DemoFamily.BaseYear;

    /// Rows of the exchange file for review year <paramref name="year"/> (≥ 2022), cells in
    /// <see cref="HouseholdFile.Columns"/> order, one row per member, household rows contiguous, the
    /// head first, written by <see cref="HouseholdFile.ToCells"/>: household columns (the commune code among
    /// them) on the household's first row only, the household code on every row. Deterministic in (communes, year, households, seed).
    /// Commune column: the 2024 code up to review year 2024, a successor from 2025 (the 2025 tree stands
    /// on the 1 September review date). Area column: filled from Type2024 in every year, since income was
    /// drawn against that line and a 2025 merger does not change the place itself.
    /// Household codes: {Code2024 of the original commune}-{sequence:D5}; split households {parent}-T{year}.
    public static IEnumerable<string[]> Rows(IReadOnlyList<DemoCommune> communes, int year, int households, int seed)
    {
        ArgumentNullException.ThrowIfNull(communes);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, BaseYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 2100);
        ArgumentOutOfRangeException.ThrowIfNegative(households);
        var setup = new DemoSetup(communes, households, seed, year);
        return Stream(setup, year);
    }

    private static IEnumerable<string[]> Stream(DemoSetup setup, int year)
    {
        var review = UnitEras.ReviewDate(year);
        for (var c = 0; c < setup.Communes.Count; c++)
        {
            for (var i = setup.Start[c]; i < setup.Start[c + 1]; i++)
            {
                var family = new DemoFamily(setup, i, c, i - setup.Start[c] + 1);
                family.SimulateTo(year);
                foreach (var hh in family.Households)
                {
                    if (!hh.Alive) continue;
                    foreach (var row in DemoRows.Render(setup, hh, year, review)) yield return row;
                }
            }
        }
    }
}

/// The province-wide inputs every household reads: communes, their hamlets, households per commune.
internal sealed class DemoSetup
{
    public IReadOnlyList<DemoCommune> Communes { get; }
    public bool[] Urban { get; }
    public string[][] Hamlets { get; }
    /// Households of commune c are the indices Start[c] .. Start[c+1]-1.
    public int[] Start { get; }
    /// Commune codes a household of commune c may show from review year 2025 on.
    public string[][] Successors { get; }
    public ulong Seed { get; }
    public long IdOffset { get; }
    private readonly int _provinceIndex;

    public DemoSetup(IReadOnlyList<DemoCommune> communes, int households, int seed, int year)
    {
        if (communes.Count == 0 && households > 0) throw new ArgumentException("At least one commune is needed.", nameof(communes));
        Communes = communes;
        Seed = DemoHash.Of((ulong)(uint)seed, 0xDE30);
        IdOffset = (long)(DemoHash.Of(Seed, 0x1D) % 1_000_000);
        var n = communes.Count;
        Urban = new bool[n];
        Hamlets = new string[n][];
        Start = new int[n + 1];
        Successors = new string[n][];

        var weights = new double[n];
        var total = 0.0;
        for (var c = 0; c < n; c++)
        {
            var commune = communes[c] ?? throw new ArgumentException($"Commune {c} is null.", nameof(communes));
            if (string.IsNullOrEmpty(commune.Code2024) || commune.Code2024.Length > 12 || !commune.Code2024.All(char.IsAsciiLetterOrDigit))
                throw new ArgumentException($"Commune code «{commune.Code2024}» must be 1–12 letters or digits.", nameof(communes));
            if (!(commune.Hardship is >= 0 and <= 1))
                throw new ArgumentException($"Hardship of {commune.Code2024} must be in 0..1.", nameof(communes));
            Urban[c] = UnitTypes.DefaultArea(commune.Type2024) == Area.Urban;
            // Communes differ in size (0.6–1.4 × the average).
            weights[c] = 0.6 + 0.8 * DemoHash.Unit(DemoHash.Of(Seed, DemoHash.Of(commune.Code2024)));
            total += weights[c];
        }
        var cumulative = 0.0;
        for (var c = 0; c < n; c++)
        {
            Start[c] = (int)Math.Floor(households * cumulative / total);
            cumulative += weights[c];
        }
        Start[n] = households;
        for (var c = 0; c < n; c++)
        {
            var count = Math.Clamp((Start[c + 1] - Start[c]) / 180, 3, 60);
            Hamlets[c] = DemoNames.Hamlets(communes[c].Code2024, Urban[c], communes[c].Hardship, count);
        }

        // A commune without a 2025 successor cannot be shown in years ≥ 2025; its households are not
        // dropped (that would look like mass dissolution) but shown in the successors of the first commune
        // that has any: a stand-in for missing lineage data, not a claim about the real merger.
        string[]? fallback = communes.FirstOrDefault(c => c.Successors2025 is { Count: > 0 })?.Successors2025.ToArray();
        for (var c = 0; c < n; c++)
        {
            var own = communes[c].Successors2025;
            Successors[c] = own is { Count: > 0 } ? own.ToArray() : fallback ?? [];
        }
        if (year >= 2025 && households > 0 && fallback is null)
            throw new ArgumentException("Review years from 2025 need at least one commune with a 2025 successor.", nameof(communes));

        _provinceIndex = ProvinceIndexOf(n > 0 ? communes[0].Code2024 : "");
    }

    /// The 3-digit birth-province code of citizen IDs: the demo province for the first million ID keys,
    /// then (only beyond 500,000 households) the next provinces of the list, so IDs stay unique.
    public int IdProvince(int block) => ProvinceCodes[(_provinceIndex + block) % ProvinceCodes.Length];

    // 2024 commune codes are allotted in runs per province (Decision 124/2004/QĐ-TTg and later changes;
    // derived from reference-data/admin-units/units-2024.csv): the run starting at RunStart[k] belongs to
    // province RunProvince[k]. CCCD province digits are the province code with a leading zero.
    private static readonly int[] RunStart =
    [
        1, 688, 1267, 1834, 2200, 2635, 3124, 3386, 3646, 4249, 4789, 4927, 4942, 5431, 5971, 6649, 7201, 7888, 8707, 8973,
        9025, 9163, 9538, 10507, 11296, 11950, 12433, 13285, 13633, 14320, 14755, 16663, 18070, 18853, 19330, 19750, 20194,
        20335, 21010, 21550, 22015, 22327, 22738, 22739, 22741, 22915, 23281, 23557, 24118, 24611, 24769, 25195, 25456, 25741,
        25993, 26506, 26734, 27685, 28249, 28756, 29236, 29542, 29863, 30280, 30730, 31117, 31318, 31498, 31813, 31999,
    ];
    private static readonly int[] RunProvince =
    [
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 1, 17, 19, 20, 22, 24, 25, 26, 1, 26, 27, 1, 30, 31, 33, 34, 35, 36, 37, 38, 40,
        42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86,
        87, 89, 91, 92, 93, 94, 95, 96,
    ];
    private static readonly int[] ProvinceCodes = RunProvince.Distinct().Order().ToArray();

    private static int ProvinceIndexOf(string communeCode)
    {
        // A code that is not a 2024 commune code: province 01 (the demo still needs some prefix).
        if (!int.TryParse(communeCode, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code < 1) return 0;
        var run = Array.BinarySearch(RunStart, code);
        if (run < 0) run = ~run - 1;
        return Array.IndexOf(ProvinceCodes, RunProvince[run]);
    }
}
