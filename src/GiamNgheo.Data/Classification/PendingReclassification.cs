using GiamNgheo.Data.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GiamNgheo.Data.Classification;

/// A commune whose stored results of a year no longer follow its facts: written in the same transaction as the facts
/// (an import or a form), removed once its reclassification has run. A process that dies between the two leaves the
/// row, and the results show the commune as being recomputed (đang tính lại) until the server's next start or
/// `giamngheo classify` completes it — never stale figures.
public sealed class PendingReclassification
{
    public long UnitId { get; set; }
    public Unit? Unit { get; set; }
    public int Year { get; set; }
    /// When the facts changed: a reclassification that started before it does not clear it.
    public DateTime Since { get; set; }
}

internal sealed class PendingReclassificationConfiguration : IEntityTypeConfiguration<PendingReclassification>
{
    public void Configure(EntityTypeBuilder<PendingReclassification> e)
    {
        e.ToTable("pending_reclassifications");
        e.HasKey(p => new { p.UnitId, p.Year });
        e.HasOne(p => p.Unit).WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}
