using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GiamNgheo.Data.Scorecards;

/// One version of a Phiếu B scorecard as loaded (Circular 07/2021/TT-BLĐTBXH): the file itself, kept as it was read,
/// with the fields needed to choose the card of a review year. A version is loaded once; a new card is a new version.
public sealed class ScorecardVersion
{
    public required string Id { get; set; }
    public required string Version { get; set; }
    public required string Name { get; set; }
    public int FromYear { get; set; }
    public int ToYear { get; set; }
    public bool Example { get; set; }
    public required string ContentHash { get; set; }
    public required string Json { get; set; }
    public DateTime LoadedAt { get; set; }
}

internal sealed class ScorecardVersionConfiguration : IEntityTypeConfiguration<ScorecardVersion>
{
    public void Configure(EntityTypeBuilder<ScorecardVersion> e)
    {
        e.ToTable("scorecards");
        e.HasKey(s => new { s.Id, s.Version });
        e.Property(s => s.Id).HasMaxLength(40);
        e.Property(s => s.Version).HasMaxLength(40);
        e.Property(s => s.Name).HasMaxLength(200);
        e.Property(s => s.ContentHash).HasMaxLength(64);
    }
}
