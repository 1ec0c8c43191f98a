using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GiamNgheo.Data.Households;

/// One household in one review year, with the unit as it was that year. Its facts (HouseholdFields.Household) are
/// columns of this table mapped from the field list, not properties here: they are read and written through the list
/// (HouseholdReads, HouseholdImport). The properties are what the registry derives or keeps beside the facts.
public sealed class HouseholdYear
{
    public long HouseholdId { get; set; }
    public Household? Household { get; set; }
    public int Year { get; set; }
    public long UnitId { get; set; }
    public Unit? Unit { get; set; }
    /// The area whose line applies: the household's own (the Area fact) or, when it has none, its commune's.
    public Area Area { get; set; }
    /// True when the household stated no area and <see cref="Area"/> is the commune's.
    public bool AreaFromUnit { get; set; }
    public int MemberCount { get; set; }
    public string? HeadName { get; set; }
    /// The head's name without diacritics, lower case (VietnameseText.Fold): "vu van khanh" and "khanh" find
    /// "Vũ Văn Khánh" in the household list.
    public string? HeadNameFolded { get; set; }
    public List<Membership> Members { get; set; } = [];
}

internal sealed class HouseholdYearConfiguration : IEntityTypeConfiguration<HouseholdYear>
{
    public void Configure(EntityTypeBuilder<HouseholdYear> e)
    {
        e.ToTable("household_years");
        FactColumns.Map(e, FactColumns.HouseholdYear);
        e.HasKey(y => new { y.HouseholdId, y.Year });
        e.HasOne(y => y.Household).WithMany(h => h.Years).HasForeignKey(y => y.HouseholdId);
        e.HasOne(y => y.Unit).WithMany().HasForeignKey(y => y.UnitId).OnDelete(DeleteBehavior.Restrict);
        // The household list pages by (unit, year, household id).
        e.HasIndex(y => new { y.UnitId, y.Year, y.HouseholdId });
        e.HasIndex(nameof(HouseholdYear.Year), nameof(HouseholdYear.UnitId), nameof(HouseholdFacts.Hamlet));
        e.Property(y => y.HeadName).HasMaxLength(100);
        e.Property(y => y.HeadNameFolded).HasMaxLength(100);
        // A name search within a unit scope reads the folded names from this index, not from the table's rows.
        e.HasIndex(y => new { y.UnitId, y.Year, y.HeadNameFolded, y.HouseholdId });
    }
}
