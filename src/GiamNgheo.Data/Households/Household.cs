using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GiamNgheo.Data.Households;

/// The stable identity of a household: it survives years and the 2025 unit change.
public sealed class Household
{
    public long Id { get; set; }
    /// The household's code in the commune's list; unique in the registry and kept across years.
    public required string Code { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<HouseholdYear> Years { get; set; } = [];
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> e)
    {
        e.ToTable("households");
        e.HasIndex(h => h.Code).IsUnique();
        e.Property(h => h.Code).HasMaxLength(30);
    }
}
