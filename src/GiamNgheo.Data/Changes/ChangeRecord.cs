using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GiamNgheo.Data.Changes;

/// Every change to the registry, who made it and what it was. Append-only.
public sealed class ChangeRecord
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public required string Summary { get; set; }
}

internal sealed class ChangeRecordConfiguration : IEntityTypeConfiguration<ChangeRecord>
{
    public void Configure(EntityTypeBuilder<ChangeRecord> e)
    {
        e.ToTable("changes");
        e.Property(c => c.Actor).HasMaxLength(100);
        e.Property(c => c.Action).HasMaxLength(50);
        e.Property(c => c.Subject).HasMaxLength(100);
    }
}
