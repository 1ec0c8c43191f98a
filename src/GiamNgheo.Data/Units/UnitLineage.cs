using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GiamNgheo.Data.Units;

/// 2024 commune → 1 July 2025 commune, as in reference-data/admin-units/lineage-2025.csv.
public sealed class UnitLineage
{
    public long OldUnitId { get; set; }
    public long NewUnitId { get; set; }
    /// full | partial
    public required string MergeType { get; set; }
    /// code | code-successor | inferred-name | inferred-single-changed
    public required string Basis { get; set; }
}

internal sealed class UnitLineageConfiguration : IEntityTypeConfiguration<UnitLineage>
{
    public void Configure(EntityTypeBuilder<UnitLineage> e)
    {
        e.ToTable("unit_lineages");
        e.HasKey(l => new { l.OldUnitId, l.NewUnitId });
        e.HasOne<Unit>().WithMany().HasForeignKey(l => l.OldUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(l => l.NewUnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(l => l.MergeType).HasMaxLength(10);
        e.Property(l => l.Basis).HasMaxLength(30);
    }
}
