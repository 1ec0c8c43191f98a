using System.Text.RegularExpressions;
using FsCheck.Xunit;
using GiamNgheo.Demo;
using GiamNgheo.Domain.Households;
using static GiamNgheo.Domain.Tests.Demo.DemoFixture;
using GiamNgheo.Files.Exchange;

namespace GiamNgheo.Domain.Tests.Demo;

public sealed partial class DemoProvinceTests
{
    private const int Seed = 20220901;

    private static List<string[]> Rows(int year, int households = 2000, int seed = Seed, IReadOnlyList<DemoCommune>? communes = null) =>
        DemoProvince.Rows(communes ?? Communes, year, households, seed).ToList();

    private static List<HouseholdBlock> Parse(int year, IEnumerable<string[]> rows, IReadOnlyList<DemoCommune>? communes = null) =>
        new HouseholdFileParser(year, FindCommune(year, communes ?? Communes), Ethnic).Parse(Numbered(rows)).ToList();

    private static Dictionary<string, List<string[]>> ByHousehold(IEnumerable<string[]> rows) =>
        rows.GroupBy(r => r[Col("household_code")]).ToDictionary(g => g.Key, g => g.ToList());

    [Theory]
    [InlineData(2022)]
    [InlineData(2023)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    public void Every_row_passes_the_import_validator(int year)
    {
        var rows = Rows(year, 1500);
        var blocks = Parse(year, rows);

        var errors = blocks.SelectMany(b => b.Errors).Take(10).Select(e => e.ToString()).ToList();
        Assert.Empty(errors);
        Assert.True(blocks.Count >= 1400, $"only {blocks.Count} households");
        Assert.All(rows, r => Assert.Equal(HouseholdFile.Columns.Count, r.Length));
        // Household rows are contiguous: each code forms exactly one block.
        Assert.Equal(blocks.Count, blocks.Select(b => b.Code).Distinct().Count());
        Assert.All(blocks, b => Assert.Matches(HouseholdCode(), b.Code));
        Assert.All(blocks, b => Assert.InRange(b.Members.Count, 1, 9));
        Assert.All(blocks, b => Assert.Equal(Relation.Head, b.Members[0].Facts.Relation));
    }

    [Fact]
    public void Commune_column_follows_the_unit_tree_of_the_review_year()
    {
        foreach (var year in new[] { 2024, 2025 })
        {
            var byCode = ByHousehold(Rows(year, 700));
            foreach (var (code, rows) in byCode)
            {
                var commune = rows[0][Col("commune_code")];
                if (year <= 2024) Assert.Contains(commune, Communes.Select(c => c.Code2024));
                else Assert.Contains(commune, Communes.SelectMany(c => c.Successors2025));
                // Household columns stand on the household's first row only, as in an exported file.
                Assert.All(rows.Skip(1), r => Assert.Equal("", r[Col("commune_code")]));
                Assert.Contains(code[..5], Communes.Select(c => c.Code2024)); // codes keep the original commune
            }
        }
        // The commune without a successor is shown under the first commune that has one (documented fallback).
        var fallback = ByHousehold(Rows(2025, 700)).Where(kv => kv.Key.StartsWith("00883-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(fallback);
        Assert.All(fallback, kv => Assert.Contains(kv.Value[0][Col("commune_code")], Communes[0].Successors2025));
        // A commune with two successors spreads its households over both.
        var split = ByHousehold(Rows(2025, 700)).Where(kv => kv.Key.StartsWith("00688-", StringComparison.Ordinal))
            .Select(kv => kv.Value[0][Col("commune_code")]).Distinct().Order().ToList();
        Assert.Equal(["00691", "00694"], split);
    }

    [Fact]
    public void Same_inputs_give_the_same_rows_and_another_seed_other_rows()
    {
        var a = Rows(2025, 400);
        var b = Rows(2025, 400);
        Assert.Equal(a.Count, b.Count);
        for (var k = 0; k < a.Count; k++) Assert.Equal(a[k], b[k]);

        var other = Rows(2025, 400, seed: Seed + 1);
        Assert.NotEqual(a.Select(r => r[Col("full_name")]), other.Select(r => r[Col("full_name")]));
    }

    [Property(MaxTest = 20)]
    public bool Any_seed_gives_valid_deterministic_rows(int seed, byte yearOffset)
    {
        var year = 2022 + yearOffset % 5;
        var rows = DemoProvince.Rows(Communes, year, 25, seed).ToList();
        var again = DemoProvince.Rows(Communes, year, 25, seed).ToList();
        return rows.Count > 0
               && rows.Zip(again).All(p => p.First.SequenceEqual(p.Second))
               && Parse(year, rows).All(b => b.Errors.Count == 0);
    }

    [Fact]
    public void Households_evolve_over_the_years()
    {
        var years = Enumerable.Range(2022, 5).ToDictionary(y => y, y => ByHousehold(Rows(y)));
        static string Person(string[] r) => $"{r[Col("full_name")]}|{r[Col("date_of_birth")]}|{r[Col("sex")]}";

        for (var y = 2022; y < 2026; y++)
        {
            var now = years[y];
            var next = years[y + 1];
            var everyoneNext = next.Values.SelectMany(rows => rows).Select(Person).ToHashSet();
            foreach (var (code, rows) in now)
            {
                var head = Person(rows[0]);
                if (next.TryGetValue(code, out var later))
                {
                    // Same head unless the head died (then nobody of that name and birth date is left).
                    if (Person(later[0]) != head) Assert.DoesNotContain(head, everyoneNext);
                }
                else Assert.DoesNotContain(head, everyoneNext); // dissolved only when the head died
            }

            // The same person keeps name, birth date, sex, ID and ethnicity, and grows one year older.
            var before = now.Values.SelectMany(r => r).Where(r => r[Col("citizen_id")] != "").ToDictionary(r => r[Col("citizen_id")]);
            var same = 0;
            foreach (var r in next.Values.SelectMany(rows => rows))
            {
                if (r[Col("citizen_id")] == "" || !before.TryGetValue(r[Col("citizen_id")], out var b)) continue;
                same++;
                Assert.Equal(Person(b), Person(r));
                Assert.Equal(b[Col("ethnic_code")], r[Col("ethnic_code")]);
                Assert.Equal(Age(b, y) + 1, Age(r, y + 1));
            }
            Assert.True(same > now.Values.Sum(r => r.Count) * 0.6, $"{same} people followed from {y} to {y + 1}");
        }

        // Births: people in 2026 born after the 2022 review.
        var births = years[2026].Values.SelectMany(r => r).Count(r => DateOnly.ParseExact(r[Col("date_of_birth")], "dd/MM/yyyy") > new DateOnly(2022, 9, 1));
        Assert.True(births > 50, $"{births} births");

        // Splits: a new household {parent}-T{year} whose head or spouse lived in the parent household the year before.
        var splits = years[2026].Keys.Where(k => SplitCode().IsMatch(k)).ToList();
        Assert.NotEmpty(splits);
        foreach (var code in splits)
        {
            var match = SplitCode().Match(code);
            var parent = match.Groups["parent"].Value;
            var year = int.Parse(match.Groups["year"].Value);
            var parentBefore = years[year - 1][parent].Select(Person).ToHashSet();
            var rows = years[year][code];
            Assert.Contains(rows, r => parentBefore.Contains(Person(r)));
            Assert.DoesNotContain(rows, r => years[year].TryGetValue(parent, out var p) && p.Any(q => Person(q) == Person(r)));
        }

        // Deaths: some people of 2022 are gone by 2026; some households moved commune.
        var people2026 = years[2026].Values.SelectMany(r => r).Select(Person).ToHashSet();
        Assert.Contains(years[2022].Values.SelectMany(r => r), r => !people2026.Contains(Person(r)));
        var moved = years[2022].Count(kv => years[2024].TryGetValue(kv.Key, out var later) && later[0][Col("commune_code")] != kv.Value[0][Col("commune_code")]);
        Assert.True(moved > 0, "no household moved between communes");
    }

    [Theory]
    [InlineData(2022)]
    [InlineData(2024)]
    [InlineData(2026)]
    public void Citizen_ids_are_unique_and_most_adults_have_one(int year)
    {
        var rows = Rows(year, 3000);
        var ids = rows.Select(r => r[Col("citizen_id")]).Where(id => id != "").ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var adults = rows.Where(r => Age(r, year) >= 18).ToList();
        var withId = adults.Count(r => r[Col("citizen_id")] != "");
        Assert.InRange((double)withId / adults.Count, 0.85, 1.0);
        // The province of birth is Hà Giang (02) for the test communes.
        Assert.All(ids, id => Assert.StartsWith("002", id));
    }

    private static (double PoorShare, double NearShare, double MeanSize) Shares(IReadOnlyList<DemoCommune> communes, int year, int households)
    {
        var byCode = ByHousehold(DemoProvince.Rows(communes, year, households, Seed));
        int poor = 0, near = 0;
        foreach (var rows in byCode.Values)
        {
            var urban = rows[0][Col("area")] == "Thành thị";
            var line = urban ? 2_000_000m : 1_500_000m;
            var perPersonMonth = decimal.Parse(rows[0][Col("income12_months")]) / 12m / rows.Count;
            if (perPersonMonth <= line) poor++;
            else if (perPersonMonth <= line * 1.5m) near++;
        }
        return ((double)poor / byCode.Count, (double)near / byCode.Count, byCode.Values.Average(r => r.Count));
    }

    [Fact]
    public void Income_poverty_is_plausible_and_rises_with_hardship()
    {
        var output = TestContext.Current.TestOutputHelper;
        foreach (var year in new[] { 2022, 2024 })
        {
            var low = Shares(WithHardship(0.2), year, 4000);
            var high = Shares(WithHardship(0.9), year, 4000);
            output?.WriteLine($"{year}: hardship 0.2 → {low.PoorShare:P1} at/below the line, {low.NearShare:P1} just above, mean size {low.MeanSize:F2}; " +
                              $"hardship 0.9 → {high.PoorShare:P1}, {high.NearShare:P1}, {high.MeanSize:F2}");
            Assert.InRange(low.PoorShare, 0.01, 0.10);
            Assert.InRange(low.NearShare, 0.01, 0.15);
            Assert.InRange(high.PoorShare, 0.12, 0.40);
            Assert.True(high.PoorShare > 2 * low.PoorShare);
            Assert.InRange(low.MeanSize, 3.3, 4.1);
        }
    }

    [Fact]
    public void Members_are_plausible()
    {
        const int year = 2024;
        var rows = Rows(year, 2000);
        var byCode = ByHousehold(rows);
        Assert.All(byCode.Values, h => Assert.Single(h, r => r[Col("relation")] == "Chủ hộ"));
        // Children of 3–15 mostly at school; malnutrition only among children under 16.
        var children = rows.Where(r => Age(r, year) is >= 3 and < 16).ToList();
        Assert.InRange((double)children.Count(r => r[Col("in_school")] == "Có") / children.Count, 0.8, 1.0);
        Assert.All(rows.Where(r => r[Col("malnourished")] == "Có"), r => Assert.True(Age(r, year) < 16));
        Assert.Contains(rows, r => r[Col("malnourished")] == "Có");
        // Health insurance mostly yes; a few disabled, meritorious, social protection.
        Assert.InRange((double)rows.Count(r => r[Col("health_insurance")] == "Có") / rows.Count, 0.85, 0.99);
        foreach (var key in new[] { "disability", "meritorious", "social_protection" })
            Assert.InRange((double)rows.Count(r => r[Col(key)] == "Có") / rows.Count, 0.002, 0.08);
        // Mountain communes: mostly ethnic minority; wards mostly Kinh.
        var ward = byCode.Where(kv => kv.Key.StartsWith("00691-", StringComparison.Ordinal)).SelectMany(kv => kv.Value).ToList();
        var highland = byCode.Where(kv => kv.Key.StartsWith("00715-", StringComparison.Ordinal)).SelectMany(kv => kv.Value).ToList();
        Assert.True(ward.Count(r => r[Col("ethnic_code")] == "01") > 0.8 * ward.Count);
        Assert.True(highland.Count(r => r[Col("ethnic_code")] != "01") > 0.6 * highland.Count);
        Assert.All(ward.Where(r => r[Col("hamlet")] != ""), r => Assert.StartsWith("Tổ dân phố", r[Col("hamlet")]));
    }

    [Fact]
    public void Invalid_arguments_are_refused_at_once()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoProvince.Rows(Communes, 2021, 10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoProvince.Rows(Communes, 2024, -1, 1));
        var noSuccessors = Communes.Select(c => c with { Successors2025 = [] }).ToList();
        Assert.Throws<ArgumentException>(() => DemoProvince.Rows(noSuccessors, 2025, 10, 1));
        Assert.NotEmpty(DemoProvince.Rows(noSuccessors, 2024, 10, 1));
        Assert.Throws<ArgumentException>(() => DemoProvince.Rows([new DemoCommune("00715", "Xã", ["00715"], 1.5)], 2024, 10, 1));
        Assert.Empty(DemoProvince.Rows(Communes, 2024, 0, 1));
    }

    [GeneratedRegex(@"^[\p{L}\p{N}\-./_]{1,30}$")]
    private static partial Regex HouseholdCode();

    [GeneratedRegex(@"^(?<parent>.+)-T(?<year>\d{4})$")]
    private static partial Regex SplitCode();
}
