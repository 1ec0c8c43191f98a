using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GiamNgheo.Data.Units;

/// A unit as it stood in one period: code + validity is the identity (see Domain/Units/Unit.cs).
public sealed class Unit
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// Name without diacritics, lower case: "luc nam" finds "Huyện Lục Nam".
    public required string FoldedName { get; set; }
    public UnitLevel Level { get; set; }
    public required string Type { get; set; }
    public long? ParentId { get; set; }
    public Unit? Parent { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    /// Urban/rural for the income line; defaults from the type, can be set per commune.
    public Area Area { get; set; }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> e)
    {
        e.ToTable("units");
        e.HasIndex(u => new { u.Code, u.ValidFrom }).IsUnique();
        e.HasIndex(u => u.ParentId);
        e.HasIndex(u => u.FoldedName);
        e.Property(u => u.Code).HasMaxLength(5);
        e.Property(u => u.Name).HasMaxLength(100);
        e.Property(u => u.FoldedName).HasMaxLength(100);
        e.Property(u => u.Type).HasMaxLength(30);
        e.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
