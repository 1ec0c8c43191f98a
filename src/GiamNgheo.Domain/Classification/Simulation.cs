using GiamNgheo.Domain.Standards;

namespace GiamNgheo.Domain.Classification;

/// What a new standard would do, before anything is saved: counts per unit under the current and the proposed
/// standard, and how households move between categories.
public sealed class Simulation(PovertyStandard current, PovertyStandard proposed)
{
    public static readonly Category[] Order = [Category.Poor, Category.NearPoor, Category.AverageLiving, Category.NotPoor, Category.Undetermined];

    public PovertyStandard Current { get; } = current;
    public PovertyStandard Proposed { get; } = proposed;
    public Dictionary<long, (int[] Before, int[] After)> ByUnit { get; } = [];
    /// Transitions[from, to], indexed by <see cref="Order"/>.
    public int[,] Transitions { get; } = new int[Order.Length, Order.Length];
    public int Households { get; private set; }

    public void Add(long unitId, HouseholdSnapshot household)
    {
        var before = Array.IndexOf(Order, Classifier.Classify(Current, household).Category);
        var after = Array.IndexOf(Order, Classifier.Classify(Proposed, household).Category);
        if (!ByUnit.TryGetValue(unitId, out var counts)) ByUnit[unitId] = counts = (new int[Order.Length], new int[Order.Length]);
        counts.Before[before]++;
        counts.After[after]++;
        Transitions[before, after]++;
        Households++;
    }

    public int Total(int category, bool after) => ByUnit.Values.Sum(c => (after ? c.After : c.Before)[category]);
}
