using FsCheck.Xunit;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Units;
using static GiamNgheo.Domain.Tests.Classification.Samples;

namespace GiamNgheo.Domain.Tests.Classification;

/// Issue 3, point 9: counting households by category does not depend on the order they come in, and every household
/// classified is counted exactly once, under both standards.
public sealed class AggregationProperties
{
    private static List<(long Unit, HouseholdSnapshot Household)> Households(int[] draws) =>
        draws.Take(80).Select(x => ((long)Math.Abs(x % 3),
            WithDeprivations(Comfortable(Math.Abs(x % 40) * 100_000m, x % 2 == 0 ? Area.Rural : Area.Urban), Math.Abs(x / 7 % 7)))).ToList();

    private static Simulation Count(IEnumerable<(long Unit, HouseholdSnapshot Household)> households)
    {
        var simulation = new Simulation(Decree07, OnRecord.ForYear(2027));
        foreach (var (unit, household) in households) simulation.Add(unit, household);
        return simulation;
    }

    [Property(MaxTest = 100)]
    public bool CategoryCounts_AreIndependentOfOrder_AndAddUpToTheHouseholds(int[] draws, int shuffle)
    {
        var households = Households(draws);
        var inOrder = Count(households);
        var reversed = Count(Enumerable.Reverse(households));
        var random = new Random(shuffle);
        var reshuffled = Count(households.Select(h => (Key: random.Next(), h)).OrderBy(x => x.Key).Select(x => x.h));

        bool Same(Simulation a, Simulation b) =>
            a.ByUnit.Keys.Order().SequenceEqual(b.ByUnit.Keys.Order())
            && a.ByUnit.All(x => x.Value.Before.SequenceEqual(b.ByUnit[x.Key].Before) && x.Value.After.SequenceEqual(b.ByUnit[x.Key].After))
            && a.Transitions.Cast<int>().SequenceEqual(b.Transitions.Cast<int>());

        return inOrder.Households == households.Count
            && inOrder.ByUnit.Values.Sum(c => c.Before.Sum()) == households.Count
            && inOrder.ByUnit.Values.Sum(c => c.After.Sum()) == households.Count
            && inOrder.Transitions.Cast<int>().Sum() == households.Count
            && Same(inOrder, reversed) && Same(inOrder, reshuffled);
    }
}
