using GiamNgheo.Data.Bulk;
using GiamNgheo.Domain.Households;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GiamNgheo.Data.Households;

/// The field list (HouseholdFields) as database columns: the column of a fact is its key, its type follows its storage.
internal static class FactColumns
{
    /// The household facts kept as columns of household_years under their own name. The Area fact is the exception:
    /// the table keeps the area that applies and whether it came from the commune (HouseholdYear.Area, AreaFromUnit).
    public static readonly IReadOnlyList<Fact<HouseholdFacts>> HouseholdYear =
        HouseholdFields.Household.All.Where(f => f.Name != nameof(HouseholdFacts.Area)).ToList();

    public static Fact<HouseholdFacts> AreaFact => HouseholdFields.Household.Named(nameof(HouseholdFacts.Area));

    public static ColumnType TypeOf<T>(Fact<T> fact) where T : class => fact.Storage switch
    {
        FactStorage.Text => ColumnType.Text,
        FactStorage.Money => ColumnType.Long,
        FactStorage.Measure => ColumnType.Double,
        FactStorage.Date => ColumnType.Date,
        FactStorage.Code => fact.StoredType == typeof(bool?) ? ColumnType.Bool : ColumnType.Int,
        _ => throw new InvalidOperationException($"{fact.Name}: no column type for {fact.Storage}"),
    };

    /// One EF property per fact, typed and sized by its declaration.
    public static void Map<TEntity, TFacts>(EntityTypeBuilder<TEntity> e, IEnumerable<Fact<TFacts>> facts) where TEntity : class where TFacts : class
    {
        foreach (var fact in facts)
        {
            var p = e.Property(fact.StoredType, fact.Name);
            if (fact.MaxLength is { } max) p.HasMaxLength(max);
            if (fact.StoredType == typeof(string)) p.IsRequired(fact.Required);
        }
    }
}
