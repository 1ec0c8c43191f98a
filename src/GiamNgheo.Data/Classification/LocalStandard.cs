using GiamNgheo.Data.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GiamNgheo.Data.Classification;

/// A province's higher local standard, kept beside the national one (which ships with the app). Its results are
/// stored under its own id, for the households of that province only.
public sealed class LocalStandard
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    /// The province unit (with its validity dates) whose households it applies to.
    public long ProvinceId { get; set; }
    public Unit? Province { get; set; }
    public int FromYear { get; set; }
    public int ToYear { get; set; }
    /// The standard's file as loaded, the same format as reference-data/standards.
    public required string Json { get; set; }
    public DateTime LoadedAt { get; set; }
    public required string LoadedBy { get; set; }
}

internal sealed class LocalStandardConfiguration : IEntityTypeConfiguration<LocalStandard>
{
    public void Configure(EntityTypeBuilder<LocalStandard> e)
    {
        e.ToTable("local_standards");
        e.Property(s => s.Id).HasMaxLength(40);
        e.Property(s => s.Name).HasMaxLength(200);
        e.Property(s => s.LoadedBy).HasMaxLength(100);
        e.HasOne(s => s.Province).WithMany().HasForeignKey(s => s.ProvinceId).OnDelete(DeleteBehavior.Restrict);
    }
}
