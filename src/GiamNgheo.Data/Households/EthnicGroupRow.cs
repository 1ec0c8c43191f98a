using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GiamNgheo.Data.Households;

/// One of the 54 ethnic groups (reference-data/reference/ethnic-groups.csv, loaded by `units import`).
public sealed class EthnicGroupRow
{
    public required string Code { get; set; }
    public required string Name { get; set; }
}

internal sealed class EthnicGroupConfiguration : IEntityTypeConfiguration<EthnicGroupRow>
{
    public void Configure(EntityTypeBuilder<EthnicGroupRow> e)
    {
        e.ToTable("ethnic_groups");
        e.HasKey(g => g.Code);
        e.Property(g => g.Code).HasMaxLength(2);
        e.Property(g => g.Name).HasMaxLength(50);
    }
}
